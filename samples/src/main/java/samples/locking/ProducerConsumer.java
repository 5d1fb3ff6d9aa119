package samples.locking;

/** A bounded buffer on wait/notify: producers wait for room, consumers for items. */
public class ProducerConsumer {

  /** Wrong in three ways: notify() with two conditions, wait() under an if, notify without the monitor. */
  public static class BufferBad {
    private final Object[] items = new Object[16];
    private int count;
    private int head;
    private int tail;

    public synchronized void putBad(Object o) throws InterruptedException {
      while (count == items.length) {
        wait();
      }
      items[tail] = o;
      tail = (tail + 1) % items.length;
      count++;
      notify();
    }

    public synchronized Object takeBad() throws InterruptedException {
      if (count == 0) {
        wait();
      }
      Object o = items[head];
      head = (head + 1) % items.length;
      count--;
      notify();
      return o;
    }

    public void clearBad() {
      count = 0;
      notifyAll();
    }
  }

  /** Waits in loops, wakes everyone, and holds the monitor around every wait and notify. */
  public static class BufferOk {
    private final Object[] items = new Object[16];
    private int count;
    private int head;
    private int tail;

    public synchronized void putOk(Object o) throws InterruptedException {
      while (count == items.length) {
        wait();
      }
      items[tail] = o;
      tail = (tail + 1) % items.length;
      count++;
      notifyAll();
    }

    public synchronized Object takeOk() throws InterruptedException {
      while (count == 0) {
        wait();
      }
      Object o = items[head];
      head = (head + 1) % items.length;
      count--;
      notifyAll();
      return o;
    }
  }
}
