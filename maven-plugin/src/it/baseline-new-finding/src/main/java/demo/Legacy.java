package demo;

/** Code with history: its finding is in the baseline. */
public final class Legacy {
  public void go(Thread t) {
    t.run();
  }
}
