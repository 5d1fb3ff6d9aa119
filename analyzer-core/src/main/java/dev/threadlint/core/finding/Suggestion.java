package dev.threadlint.core.finding;

/**
 * How to restructure the code: a title, an explanation, and an optional Java sketch generated from
 * the finding's own code (may be empty for a one-line suggestion).
 */
public record Suggestion(String title, String explanation, String codeSketch) {

  public static Suggestion oneLine(String text) {
    return new Suggestion(text, "", "");
  }

  public boolean hasSketch() {
    return codeSketch != null && !codeSketch.isBlank();
  }
}
