package demo.b;

/** Locks an interned string literal: a bad-monitor warning. */
public final class Journal {
  private final StringBuilder log = new StringBuilder();

  public void note(String line) {
    synchronized ("log") {
      log.append(line);
    }
  }
}
