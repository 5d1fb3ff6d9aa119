package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class VirtualThreadPinningTest {
  private static final String SERVER = """
      import java.util.concurrent.*;
      class Server {
        private final Object lock = new Object();
        void serve() {
          try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            ex.submit(() -> handle());
          }
          Thread.startVirtualThread(this::poll);
        }
        void handle() {
          synchronized (lock) {
            try {
              // %s
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        synchronized void poll() {
          try {
            // %s
            Thread.sleep(5);
          } catch (InterruptedException e) { }
        }
        void notVirtual() {
          synchronized (lock) {
            try { Thread.sleep(1); } catch (InterruptedException e) { }
          }
        }
      }
      """;

  @Test
  void positive_release21() {
    RuleTestHelper.forRule(VirtualThreadPinning.class).configure(b -> b.targetRelease(21))
        .addSource("Server.java", SERVER.formatted(
            "EXPECT: virtual-thread-pinning 'Thread.sleep()' blocks inside synchronized ('Server.lock') on a virtual thread",
            "EXPECT: virtual-thread-pinning target release 21 < 24"))
        .doTest();
  }

  @Test
  void negative_release24OrUnknown() {
    RuleTestHelper.forRule(VirtualThreadPinning.class).configure(b -> b.targetRelease(24))
        .addSource("Server.java", SERVER.formatted("", "")).doTest();
    RuleTestHelper.forRule(VirtualThreadPinning.class)
        .addSource("Server.java", SERVER.formatted("", "")).doTest();
  }

  @Test
  void negative_reentrantLockDoesNotPin() {
    RuleTestHelper.forRule(VirtualThreadPinning.class).configure(b -> b.targetRelease(21)).addSource("Worker.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Worker {
          private final ReentrantLock lock = new ReentrantLock();
          void go() {
            Thread.ofVirtual().start(() -> {
              lock.lock();
              try { Thread.sleep(5); } catch (InterruptedException e) { } finally { lock.unlock(); }
            });
          }
        }
        """).doTest();
  }
}
