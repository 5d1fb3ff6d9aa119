package samples.locking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Everyday lock-handling mistakes next to their fixed versions. */
public class LockDiscipline {

  /** Notified when the counter changes. */
  public interface CounterListener {
    void changed(int value);
  }

  private final Lock lock = new ReentrantLock();
  private final BlockingQueue<Integer> outbox = new LinkedBlockingQueue<>();
  private final List<CounterListener> listeners = new ArrayList<>();
  private int value;

  public void incrementBad() {
    lock.lock();
    value++;
    lock.unlock();
  }

  public void incrementOk() {
    lock.lock();
    try {
      value++;
    } finally {
      lock.unlock();
    }
  }

  public void publishBad() throws InterruptedException {
    lock.lock();
    try {
      outbox.put(value);
    } finally {
      lock.unlock();
    }
  }

  public void publishOk() throws InterruptedException {
    int snapshot;
    lock.lock();
    try {
      snapshot = value;
    } finally {
      lock.unlock();
    }
    outbox.put(snapshot);
  }

  public synchronized void setBad(int v) {
    value = v;
    for (CounterListener l : listeners) {
      l.changed(v);
    }
  }

  public void setOk(int v) {
    List<CounterListener> snapshot;
    synchronized (this) {
      value = v;
      snapshot = new ArrayList<>(listeners);
    }
    for (CounterListener l : snapshot) {
      l.changed(v);
    }
  }

  public synchronized void addListener(CounterListener l) {
    listeners.add(l);
  }
}
