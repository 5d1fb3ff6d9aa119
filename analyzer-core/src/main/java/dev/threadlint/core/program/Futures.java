package dev.threadlint.core.program;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work done on another thread, with its failure rethrown as it happened. */
public final class Futures {
  private Futures() {}

  /**
   * The result of {@code f}; a {@link RuntimeException} or {@link Error} thrown by the work is
   * rethrown unchanged, an interrupt of the waiting thread is restored and reported.
   */
  public static <T> T join(Future<T> f, String what) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }
}
