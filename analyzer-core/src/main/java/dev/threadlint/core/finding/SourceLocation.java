package dev.threadlint.core.finding;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * A range in a source file. Lines and columns are 1-based; the end is inclusive (JavaParser's
 * convention). {@code file} is absolute and normalized; reporters relativize it.
 */
public record SourceLocation(Path file, int line, int column, int endLine, int endColumn) {

  public static final Comparator<SourceLocation> ORDER =
      Comparator.comparing((SourceLocation l) -> l.file().toString())
          .thenComparingInt(SourceLocation::line)
          .thenComparingInt(SourceLocation::column)
          .thenComparingInt(SourceLocation::endLine)
          .thenComparingInt(SourceLocation::endColumn);

  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 1) line = 1;
    if (column < 1) column = 1;
    if (endLine < line) endLine = line;
    if (endLine == line && endColumn < column) endColumn = column;
  }

  public static SourceLocation ofLine(Path file, int line) {
    return new SourceLocation(file, line, 1, line, 1);
  }

  public boolean overlapsLines(SourceLocation other) {
    return file.equals(other.file) && line <= other.endLine && other.line <= endLine;
  }
}
