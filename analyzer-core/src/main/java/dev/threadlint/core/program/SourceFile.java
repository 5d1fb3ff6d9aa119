package dev.threadlint.core.program;

import com.github.javaparser.ast.CompilationUnit;
import java.nio.file.Path;

/** A parsed source file: its absolute path, its decoded text and its AST. */
public record SourceFile(Path path, String text, CompilationUnit unit) {

  /** The text of line {@code line} (1-based), without its terminator; empty if out of range. */
  public String lineText(int line) {
    int start = 0;
    int current = 1;
    while (current < line) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        return "";
      }
      start = nl + 1;
      current++;
    }
    int end = text.indexOf('\n', start);
    String s = end < 0 ? text.substring(start) : text.substring(start, end);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
