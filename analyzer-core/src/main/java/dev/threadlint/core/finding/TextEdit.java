package dev.threadlint.core.finding;

import java.nio.file.Path;

/** Replace the characters {@code [start, end)} of {@code file}'s text with {@code replacement}. */
public record TextEdit(Path file, int start, int end, String replacement) {
  public TextEdit {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad edit range " + start + ".." + end);
    }
  }
}
