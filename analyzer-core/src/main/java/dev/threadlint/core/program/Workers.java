package dev.threadlint.core.program;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads for analysis work, and waiting for what they compute. */
public final class Workers {
  /** Stack size of analysis threads: JavaParser and AST walks recurse once per nesting level. */
  public static final long STACK_BYTES = 512L * 1024 * 1024;

  private Workers() {}

  /** Daemon threads with {@link #STACK_BYTES} of stack, named {@code prefix-1}, {@code prefix-2}... */
  public static ThreadFactory deepStacks(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(null, r, prefix + "-" + n.incrementAndGet(), STACK_BYTES);
      t.setDaemon(true);
      return t;
    };
  }

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
