package dev.threadlint.core.finding;

import java.util.List;

/** An exact fix: text edits, possibly across files, with a description. */
public record Fix(String description, FixKind kind, List<TextEdit> edits) {
  public Fix {
    edits = List.copyOf(edits);
  }
}
