package demo;

/** New code: its finding is not in the baseline. */
public final class Fresh {
  public void launch(Thread worker) {
    worker.run();
  }
}
