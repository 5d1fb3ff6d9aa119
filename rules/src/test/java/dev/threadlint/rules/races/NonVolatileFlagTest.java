package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class NonVolatileFlagTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(NonVolatileFlag.class, UnguardedSharedField.class);

  @Test
  void positive_pollerStoppedFromStarter() {
    var r = helper.addSource("Poller.java", """
        class Poller {
          private boolean stopped;
          void runFor(long ms) throws InterruptedException {
            Thread t = new Thread(() -> {
              // EXPECT: non-volatile-flag Field 'stopped' is polled in a loop
              while (!stopped) { Thread.onSpinWait(); }
            });
            t.start();
            Thread.sleep(ms);
            stopped = true;
          }
        }
        """).doTest();
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.ERROR);
    assertThat(r.findings().get(0).fixes()).isNotEmpty();
  }

  @Test
  void positive_threadSubclassWithStopMethod() {
    var r = helper.addSource("Pump.java", """
        class Pump extends Thread {
          private boolean running = true;
          public void run() {
            // EXPECT: non-volatile-flag 'running'
            while (running) { pump(); }
          }
          private void pump() {}
          void shutdown() { running = false; }
        }
        """).doTest();
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void negative_volatileFlag() {
    helper.addSource("V.java", """
        class V extends Thread {
          private volatile boolean running = true;
          public void run() { while (running) { } }
          void shutdown() { running = false; }
        }
        """).doTest();
  }

  @Test
  void negative_atomicBoolean() {
    helper.addSource("A.java", """
        import java.util.concurrent.atomic.AtomicBoolean;
        class A extends Thread {
          private final AtomicBoolean running = new AtomicBoolean(true);
          public void run() { while (running.get()) { } }
          void shutdown() { running.set(false); }
        }
        """).doTest();
  }

  @Test
  void negative_loopUnderLock() {
    helper.addSource("L.java", """
        class L extends Thread {
          private boolean ready;
          public void run() {
            synchronized (this) { while (!ready) { try { wait(); } catch (InterruptedException e) { return; } } }
          }
          synchronized void go() { ready = true; notifyAll(); }
        }
        """).doTest();
  }

  @Test
  void negative_flagOnlyTouchedByOneThread() {
    helper.addSource("One.java", """
        class One {
          private boolean done;
          void work() { while (!done) { done = step(); } }
          private boolean step() { return true; }
        }
        """).doTest();
  }

  @Test
  void negative_writtenBeforeStartOnly() {
    helper.addSource("Before.java", """
        class Before {
          private boolean verbose;
          void start(boolean v) {
            verbose = v;
            new Thread(() -> { while (verbose) { System.out.println("x"); } }).start();
          }
        }
        """).doTest();
  }
}
