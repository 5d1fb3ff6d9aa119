package dev.threadlint.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs units of per-file work on a pool, each with a time bound measured from the moment the unit
 * starts (not from when it was queued, so a long queue never times out innocent files).
 *
 * <p>A unit that overruns is abandoned: its outcome becomes {@link TimedOut}, whatever it produces
 * later is ignored, its thread is interrupted, and the pool gets one more thread so that the
 * remaining units keep their parallelism. Java cannot stop a thread that ignores interrupts; the
 * abandoned one is a daemon and ends when its work ends or with the JVM. After {@link #MAX_ABANDONED}
 * abandoned threads, units that have not started yet are skipped, so a scan in which everything
 * hangs still ends and the number of stuck threads stays bounded.
 *
 * <p>Every {@link Throwable} a unit throws, {@link StackOverflowError} included, becomes a
 * {@link Failed} outcome instead of propagating.
 */
final class Bounded {
  /** Abandoned threads beyond which not-yet-started units are skipped instead of given new threads. */
  static final int MAX_ABANDONED = 32;

  private Bounded() {}

  /** What a unit reports while it runs, so that a timeout can say where it was stuck. */
  interface Status {
    void set(String activity);
  }

  /** One unit of work. */
  interface Unit<T> {
    T run(Status status) throws Exception;
  }

  /** How a unit ended. */
  sealed interface Outcome<T> permits Done, Failed, TimedOut {}

  record Done<T>(T value) implements Outcome<T> {}

  record Failed<T>(Throwable error, String activity) implements Outcome<T> {}

  /** The unit overran its bound ({@code started}) or never started because too many threads were stuck. */
  record TimedOut<T>(long boundMillis, String activity, boolean started) implements Outcome<T> {}

  /** Runs all units and returns their outcomes in the same order. Never throws for a unit's sake. */
  static <T> List<Outcome<T>> runAll(ExecutorService pool, List<? extends Unit<T>> units, long boundMillis) {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "threadlint-watchdog");
      t.setDaemon(true);
      return t;
    });
    Stuck stuck = new Stuck();
    List<Slot<T>> slots = new ArrayList<>();
    try {
      for (int i = 0; i < units.size(); i++) {
        slots.add(new Slot<>());
      }
      // all slots exist before any runs: the watchdog may walk the list
      for (int i = 0; i < units.size(); i++) {
        Slot<T> slot = slots.get(i);
        Unit<T> unit = units.get(i);
        pool.execute(() -> slot.run(unit, boundMillis, watchdog, pool, stuck, slots));
      }
      List<Outcome<T>> out = new ArrayList<>(slots.size());
      for (Slot<T> slot : slots) {
        out.add(slot.result.join());
      }
      return out;
    } finally {
      watchdog.shutdownNow();
    }
  }

  /** Counts abandoned threads. */
  private static final class Stuck {
    private int count;

    /**
     * Replaces an abandoned thread with a fresh one (the later phases of the scan need the pool's
     * full width too); false once too many threads were abandoned and queued units should be skipped.
     */
    synchronized boolean abandonOne(ExecutorService pool) {
      count++;
      if (pool instanceof ThreadPoolExecutor tpe) {
        // max first: the core size may not exceed it
        tpe.setMaximumPoolSize(tpe.getMaximumPoolSize() + 1);
        tpe.setCorePoolSize(tpe.getCorePoolSize() + 1);
        return count <= MAX_ABANDONED;
      }
      return false;
    }
  }

  private static final class Slot<T> implements Status {
    final CompletableFuture<Outcome<T>> result = new CompletableFuture<>();
    private volatile String activity = "";
    private boolean started;
    private boolean finished;

    @Override
    public void set(String a) {
      activity = a;
    }

    void run(Unit<T> unit, long boundMillis, ScheduledExecutorService watchdog, ExecutorService pool, Stuck stuck, List<Slot<T>> all) {
      synchronized (this) {
        if (result.isDone()) {
          return; // skipped while queued
        }
        started = true;
      }
      Thread.interrupted(); // a stale interrupt must not leak into this unit
      Thread me = Thread.currentThread();
      var alarm = watchdog.schedule(() -> expire(me, boundMillis, pool, stuck, all), boundMillis, TimeUnit.MILLISECONDS);
      Outcome<T> outcome;
      try {
        outcome = new Done<>(unit.run(this));
      } catch (Throwable e) { // NOPMD: a unit's failure, whatever it is, becomes its outcome
        outcome = new Failed<>(e, activity);
      }
      alarm.cancel(false);
      synchronized (this) {
        finished = true;
      }
      result.complete(outcome);
      Thread.interrupted();
    }

    private void expire(Thread worker, long boundMillis, ExecutorService pool, Stuck stuck, List<Slot<T>> all) {
      synchronized (this) {
        if (finished || !result.complete(new TimedOut<>(boundMillis, activity, true))) {
          return;
        }
        worker.interrupt();
      }
      if (!stuck.abandonOne(pool)) {
        for (Slot<T> s : all) {
          s.skipIfQueued(boundMillis);
        }
      }
    }

    private synchronized void skipIfQueued(long boundMillis) {
      if (!started) {
        result.complete(new TimedOut<>(boundMillis, "", false));
      }
    }
  }
}
