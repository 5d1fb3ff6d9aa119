package dev.threadlint.core.suggest;

import dev.threadlint.core.api.RuleContext;

/**
 * The Java release a sketch is written for. Unknown releases count as {@value #DEFAULT_RELEASE}: the
 * sketch then uses records, sealed interfaces and {@code instanceof} patterns but no virtual threads.
 */
public final class SketchLevel {
  /** Assumed when the scanned project's release is unknown. */
  public static final int DEFAULT_RELEASE = 17;

  private SketchLevel() {}

  public static int of(RuleContext ctx) {
    return ctx.targetRelease().orElse(DEFAULT_RELEASE);
  }

  /** Virtual threads and pattern-matching {@code switch} are final from Java 21. */
  static boolean modern(int release) {
    return release >= 21;
  }

  /** Records, sealed interfaces and {@code instanceof} patterns are final from Java 17 (records and patterns 16). */
  static boolean records(int release) {
    return release >= 17;
  }
}
