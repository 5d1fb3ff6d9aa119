package dev.threadlint.core.fix;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.program.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builders for exact fixes from node ranges. Offsets index the file's decoded text. */
public final class Fixes {
  private Fixes() {}

  /** A text edit that replaces the whole range of {@code node}. */
  public static Optional<TextEdit> replace(SourceFile file, Node node, String replacement) {
    // an empty file's compilation unit has the range (0,0)-(0,0): offsets are kept inside the text
    return node.getRange()
        .map(r -> new int[] {offset(file.text(), r.begin), Math.min(file.text().length(), offset(file.text(), r.end) + 1)})
        .filter(se -> se[0] <= se[1])
        .map(se -> new TextEdit(file.path(), se[0], se[1], replacement));
  }

  /** A text edit inserting {@code text} just before {@code node}. */
  public static Optional<TextEdit> insertBefore(SourceFile file, Node node, String text) {
    return node.getRange().map(r -> {
      int at = offset(file.text(), r.begin);
      return new TextEdit(file.path(), at, at, text);
    });
  }

  public static Fix fix(String description, FixKind kind, List<TextEdit> edits) {
    return new Fix(description, kind, edits);
  }

  /** The file containing {@code node}, found through the program. */
  public static Optional<SourceFile> fileOf(dev.threadlint.core.program.Program program, Node node) {
    Optional<Path> p = RuleContext.fileOf(node);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    return program.files().stream().filter(f -> f.path().equals(p.get())).findFirst();
  }

  /** The offset in {@code text} of a 1-based line/column position (tabs count as one column). */
  public static int offset(String text, Position pos) {
    int line = 1;
    int i = 0;
    while (line < pos.line && i < text.length()) {
      char c = text.charAt(i++);
      if (c == '\n') {
        line++;
      } else if (c == '\r') {
        if (i < text.length() && text.charAt(i) == '\n') {
          i++;
        }
        line++;
      }
    }
    return Math.max(0, Math.min(text.length(), i + pos.column - 1));
  }

  public static Range rangeOf(Node n) {
    return n.getRange().orElseThrow();
  }
}
