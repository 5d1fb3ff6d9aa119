package dev.threadlint.core.spotbugs;

import dev.threadlint.core.api.Severity;

/**
 * SpotBugs grades a bug twice: priority (its confidence: 1 high, 2 normal, 3 low) and rank (how
 * much it matters: 1–4 scariest, 5–9 scary, 10–14 troubling, 15–20 of concern). They map as:
 *
 * <ul>
 *   <li>{@code ERROR}: high priority and rank ≤ 14;
 *   <li>{@code WARNING}: high priority with rank 15–20, or normal priority with rank ≤ 14;
 *   <li>{@code INFO}: normal priority with rank 15–20, and every low-priority bug.
 * </ul>
 */
public final class Severities {
  private Severities() {}

  public static Severity of(int priority, int rank) {
    boolean troubling = rank <= 14;
    if (priority <= 1) {
      return troubling ? Severity.ERROR : Severity.WARNING;
    }
    if (priority == 2) {
      return troubling ? Severity.WARNING : Severity.INFO;
    }
    return Severity.INFO;
  }
}
