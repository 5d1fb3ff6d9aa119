package dev.threadlint.core.finding;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * A problem with the input or the tool, reported beside findings: a file that does not parse, an
 * unreadable file, a classpath entry that cannot be opened. {@code file} may be null for problems
 * not tied to one file; {@code line}/{@code column} are 0 when unknown.
 */
public record Diagnostic(String code, Level level, String message, Path file, int line, int column) {

  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.file() == null ? "" : d.file().toString())
          .thenComparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::code)
          .thenComparing(Diagnostic::message);

  public enum Level {
    ERROR,
    WARNING,
    NOTE
  }

  public static Diagnostic of(String code, Level level, Path file, String message) {
    return new Diagnostic(code, level, message, file, 0, 0);
  }
}
