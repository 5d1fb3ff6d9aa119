package dev.threadlint.core.fix;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.printer.lexicalpreservation.LexicalPreservingPrinter;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.program.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Structural rewrites that keep the file's formatting: the file is parsed again into a private
 * copy of its tree, the copy is set up for {@link LexicalPreservingPrinter}, the mutation runs on
 * the copy's node that corresponds to {@code target}, and the printed result is compared with the
 * original text to give the smallest {@link TextEdit} that turns one into the other.
 *
 * <p>The analysed tree is never modified. {@code LexicalPreservingPrinter} keeps static mutable
 * state, so every rewrite runs under one lock: rewrites are serialized (they are rare and cheap
 * next to the analysis).
 */
public final class LppRewrite {
  private static final Object LPP_LOCK = new Object();

  private LppRewrite() {}

  /**
   * Rewrites the node of {@code file} that has the same type and range as {@code target}.
   *
   * @param mutate changes the copy of {@code target} in place (replace children, add members,
   *     {@code replace(...)} it in its parent)
   * @return the edit, or empty when the copy cannot be made or the mutation changed nothing
   */
  public static <N extends Node> Optional<TextEdit> rewrite(SourceFile file, N target, Consumer<N> mutate) {
    if (target.getRange().isEmpty()) {
      return Optional.empty();
    }
    String printed;
    synchronized (LPP_LOCK) {
      ParseResult<CompilationUnit> parsed = new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_25)).parse(file.text());
      if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
        return Optional.empty();
      }
      CompilationUnit copy = parsed.getResult().get();
      LexicalPreservingPrinter.setup(copy);
      @SuppressWarnings("unchecked")
      Class<N> type = (Class<N>) target.getClass();
      List<N> matches = copy.findAll(type, n -> n.getRange().equals(target.getRange()));
      if (matches.size() != 1) {
        return Optional.empty();
      }
      // threadlint:ignore alien-call-under-lock the lock exists to serialize exactly this callback: LexicalPreservingPrinter keeps static state
      mutate.accept(matches.get(0));
      printed = LexicalPreservingPrinter.print(copy);
    }
    return diff(file, printed);
  }

  /** The single edit that turns {@code file}'s text into {@code updated}: common prefix and suffix kept. */
  public static Optional<TextEdit> diff(SourceFile file, String updated) {
    String original = file.text();
    if (original.equals(updated)) {
      return Optional.empty();
    }
    int prefix = 0;
    int max = Math.min(original.length(), updated.length());
    while (prefix < max && original.charAt(prefix) == updated.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < max - prefix
        && original.charAt(original.length() - 1 - suffix) == updated.charAt(updated.length() - 1 - suffix)) {
      suffix++;
    }
    return Optional.of(new TextEdit(file.path(), prefix, original.length() - suffix, updated.substring(prefix, updated.length() - suffix)));
  }
}
