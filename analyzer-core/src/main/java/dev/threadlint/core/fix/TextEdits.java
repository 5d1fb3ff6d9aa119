package dev.threadlint.core.fix;

import dev.threadlint.core.finding.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applying and comparing {@link TextEdit}s on a file's text. */
public final class TextEdits {
  private TextEdits() {}

  /** Orders edits by start, then end. */
  public static final Comparator<TextEdit> ORDER = Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end);

  /**
   * Applies non-overlapping edits to {@code text}, bottom-up so that earlier offsets stay valid;
   * insertions at the same offset keep their list order.
   *
   * @throws IllegalArgumentException when two edits overlap or an edit lies outside the text
   */
  public static String apply(String text, List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(ORDER);
    for (int i = 1; i < sorted.size(); i++) {
      if (overlap(sorted.get(i - 1), sorted.get(i))) {
        throw new IllegalArgumentException("overlapping edits " + describe(sorted.get(i - 1)) + " and " + describe(sorted.get(i)));
      }
    }
    StringBuilder sb = new StringBuilder(text);
    for (int i = sorted.size() - 1; i >= 0; i--) {
      TextEdit e = sorted.get(i);
      if (e.end() > text.length()) {
        throw new IllegalArgumentException("edit " + describe(e) + " lies outside the text (length " + text.length() + ")");
      }
      sb.replace(e.start(), e.end(), e.replacement());
    }
    return sb.toString();
  }

  /**
   * True when two edits touch the same characters, or one inserts strictly inside the other's
   * range. Two insertions at the same offset do not overlap: they apply in list order (two fixes
   * that each add an import after the same line both get their import).
   */
  public static boolean overlap(TextEdit a, TextEdit b) {
    if (a.start() == a.end() && b.start() == b.end()) {
      return false;
    }
    if (a.start() == a.end()) {
      return a.start() > b.start() && a.start() < b.end();
    }
    if (b.start() == b.end()) {
      return b.start() > a.start() && b.start() < a.end();
    }
    return a.start() < b.end() && b.start() < a.end();
  }

  static String describe(TextEdit e) {
    return "[" + e.start() + ".." + e.end() + ")";
  }
}
