package dev.threadlint.core.report;

/** Presentation choices shared by reporters. */
public record ReportOptions(boolean color, boolean suggestions, boolean showSuppressed) {
  public static final ReportOptions PLAIN = new ReportOptions(false, false, false);
}
