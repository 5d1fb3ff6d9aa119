package dev.threadlint.cli;

/** Process exit codes, the scheme linters' users expect. */
public enum ExitCode {
  CLEAN(0, "no finding at or above --fail-on"),
  FINDINGS(1, "findings at or above --fail-on"),
  USAGE(2, "usage or input error (bad option, missing path, unknown rule id)"),
  INTERNAL(3, "internal error");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
