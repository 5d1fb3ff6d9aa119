package dev.threadlint.core.engine;

/** A problem with what the user asked for (a missing path, an unknown rule id): exit code 2, one line. */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }
}
