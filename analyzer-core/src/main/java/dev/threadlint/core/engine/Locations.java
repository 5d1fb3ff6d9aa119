package dev.threadlint.core.engine;

import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.program.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps reported locations inside their files. JavaParser ends some ranges on a line terminator
 * (a compilation unit ends on the last CRLF, one column past the line's end); reports, editors and
 * SARIF viewers expect every line to exist and every column to be at most the line's length + 1.
 * Also serves line texts by index, for fingerprints (a scan over the file per finding was quadratic).
 */
final class Locations {
  private final Function<Path, SourceFile> files;
  private final Map<Path, Lines> index = new HashMap<>();

  Locations(Function<Path, SourceFile> files) {
    this.files = files;
  }

  Finding clamp(Finding f) {
    SourceLocation loc = clamp(f.location());
    List<Evidence> evidence = f.evidence();
    List<Evidence> clamped = new ArrayList<>(evidence.size());
    boolean changed = loc != f.location();
    for (Evidence e : evidence) {
      SourceLocation l = clamp(e.location());
      changed |= l != e.location();
      clamped.add(l == e.location() ? e : new Evidence(l, e.message(), e.thread(), e.callPath()));
    }
    if (!changed) {
      return f;
    }
    return new Finding(f.ruleId(), f.severity(), f.message(), loc, f.symbol(), clamped, f.suggestion(), f.fixes(), f.fingerprint(), f.suppression());
  }

  SourceLocation clamp(SourceLocation l) {
    Lines lines = lines(l.file());
    if (lines == null) {
      return l;
    }
    int last = lines.count();
    int line = Math.min(l.line(), last);
    int endLine = Math.min(l.endLine(), last);
    int column = Math.min(l.column(), lines.length(line) + 1);
    int endColumn = Math.min(l.endColumn(), lines.length(endLine) + 1);
    if (line == l.line() && endLine == l.endLine() && column == l.column() && endColumn == l.endColumn()) {
      return l;
    }
    return new SourceLocation(l.file(), line, column, endLine, endColumn);
  }

  /** The text of a line (1-based, without terminator); empty when the file or line is unknown. In O(1) per call after one pass over the file. */
  String lineText(Path file, int line) {
    Lines lines = lines(file);
    if (lines == null || line < 1 || line > lines.count()) {
      return "";
    }
    int start = lines.starts[line - 1];
    return lines.text.substring(start, start + lines.length(line));
  }

  /** Start offset and length of every line; CR, LF and CRLF end lines, as in Java and JavaParser. */
  private record Lines(String text, int[] starts, int[] lengths) {
    int count() {
      return starts.length;
    }

    int length(int line) {
      return lengths[line - 1];
    }
  }

  private Lines lines(Path file) {
    return index.computeIfAbsent(file, p -> {
      SourceFile s = files.apply(p);
      if (s == null) {
        return null;
      }
      String t = s.text();
      List<int[]> out = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c == '\n' || c == '\r') {
          out.add(new int[] {start, i - start});
          if (c == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
            i++;
          }
          start = i + 1;
        }
      }
      out.add(new int[] {start, t.length() - start});
      return new Lines(t, out.stream().mapToInt(x -> x[0]).toArray(), out.stream().mapToInt(x -> x[1]).toArray());
    });
  }
}
