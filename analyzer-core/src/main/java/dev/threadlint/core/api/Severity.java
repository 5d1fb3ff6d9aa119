package dev.threadlint.core.api;

import java.util.Locale;

/** How sure a rule is that a finding is a real defect, and how much it matters. Ordered from most to least severe. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** True when this severity is at least as severe as {@code threshold}. */
  public boolean isAtLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code error}, {@code warning} or {@code info}, case-insensitively. */
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.name().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "invalid severity '" + text + "' (expected one of: error, warning, info)");
  }
}
