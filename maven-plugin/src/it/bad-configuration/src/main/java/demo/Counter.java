package demo;

import java.util.concurrent.atomic.AtomicLong;

/** A counter that is safe to share: its state is atomic and the worker is started, not run. */
public final class Counter {
  private final AtomicLong count = new AtomicLong();
  private final Object lock = new Object();

  public void start() {
    Thread worker = new Thread(count::incrementAndGet);
    worker.start();
  }

  public long read() {
    synchronized (lock) {
      return count.get();
    }
  }
}
