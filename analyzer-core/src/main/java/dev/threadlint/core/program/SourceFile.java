package dev.threadlint.core.program;

import com.github.javaparser.ast.CompilationUnit;
import java.nio.file.Path;

/** A parsed source file: its absolute path, its decoded text and its AST. */
public record SourceFile(Path path, String text, CompilationUnit unit) {

  /** The text of line {@code line} (1-based), without its terminator; empty if out of range. CR, LF and CRLF end lines. */
  public String lineText(int line) {
    int start = 0;
    int current = 1;
    while (current < line) {
      int nl = nextBreak(start);
      if (nl < 0) {
        return "";
      }
      start = nl + (text.startsWith("\r\n", nl) ? 2 : 1);
      current++;
    }
    int end = nextBreak(start);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  private int nextBreak(int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return -1;
  }
}
