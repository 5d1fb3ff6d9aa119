package demo;

/** A counter read and written under its monitor except in one place. */
public final class Tally {
  private int count;

  public synchronized void add(int n) {
    count += n;
  }

  public synchronized void reset() {
    count = 0;
  }

  public synchronized int get() {
    return count;
  }

  public int peek() {
    return count;
  }
}
