package dev.threadlint.core.api;

import java.util.Locale;

/** The rule catalogue's categories. */
public enum Category {
  SHARED_MUTABLE_STATE("shared mutable state"),
  LOCK_ORDERING("lock ordering"),
  LOCK_DISCIPLINE("lock discipline"),
  BYTECODE("bytecode cross-check");

  private final String title;

  Category(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
