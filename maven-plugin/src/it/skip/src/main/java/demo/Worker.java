package demo;

/** Two mistakes: a thread run on the caller, and a lock on an interned string. */
public final class Worker {
  private final StringBuilder log = new StringBuilder();

  public void go(Thread t) {
    t.run();
  }

  public void note(String line) {
    synchronized ("log") {
      log.append(line);
    }
  }
}
