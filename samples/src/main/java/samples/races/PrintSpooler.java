package samples.races;

import java.text.SimpleDateFormat;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Jobs are submitted by clients and printed by a spooler thread. */
public class PrintSpooler {

  /** Inconsistent locking: the queue is guarded everywhere but in pending(). */
  static class SpoolerBad {
    private final Deque<String> jobs = new ArrayDeque<>();
    private int printed;
    private static final SimpleDateFormat STAMP = new SimpleDateFormat("HH:mm:ss");

    synchronized void submit(String job) {
      jobs.add(job);
      printed = printed + 0;
    }

    synchronized String next() {
      printed++;
      return jobs.poll();
    }

    synchronized void resetCounter() {
      printed = 0;
    }

    int printedBad() {
      return printed;
    }

    public String stampBad(Date d) {
      return STAMP.format(d);
    }
  }

  /** The channel version: one spooler thread owns the jobs; clients only put into the queue. */
  static class SpoolerOk {
    private final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss");

    void submitOk(String job) throws InterruptedException {
      jobs.put(job);
    }

    void startOk() {
      Thread owner = new Thread(() -> {
        int printedHere = 0;
        try {
          while (true) {
            String job = jobs.take();
            printedHere++;
            System.out.println(STAMP.format(LocalDateTime.now()) + " " + job + " #" + printedHere);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      owner.start();
    }
  }

  /** Lazily created printer driver, double-checked without volatile. */
  static class DriverBad {
    private Object driver;

    Object driverBad() {
      if (driver == null) {
        synchronized (this) {
          if (driver == null) {
            driver = new Object();
          }
        }
      }
      return driver;
    }
  }

  static class DriverOk {
    private volatile Object driver;

    Object driverOk() {
      Object d = driver;
      if (d == null) {
        synchronized (this) {
          d = driver;
          if (d == null) {
            driver = d = new Object();
          }
        }
      }
      return d;
    }
  }
}
