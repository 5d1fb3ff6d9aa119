package dev.threadlint.core.engine;

import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.Comment;
import java.util.Optional;

/**
 * Drops the token lists of parsed trees, keeping every node's range. Tokens (each with its own
 * text and range) took two thirds of the heap of a 1,000,000-line scan and no analysis reads them;
 * comments and ranges stay. Code that needs tokens — {@code LexicalPreservingPrinter} rewrites —
 * parses its own copy of the file's text.
 */
final class SlimTrees {
  private SlimTrees() {}

  static void dropTokens(CompilationUnit cu) {
    for (Node n : cu.findAll(Node.class)) {
      drop(n);
    }
    for (Comment c : cu.getAllComments()) {
      drop(c);
    }
  }

  private static void drop(Node n) {
    if (n.getTokenRange().isEmpty()) {
      return;
    }
    Optional<Range> range = n.getRange();
    n.setTokenRange(null); // also clears the range, which is derived from the tokens
    range.ifPresent(n::setRange);
  }
}
