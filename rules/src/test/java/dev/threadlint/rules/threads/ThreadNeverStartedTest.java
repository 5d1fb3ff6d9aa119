package dev.threadlint.rules.threads;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class ThreadNeverStartedTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(ThreadNeverStarted.class);

  @Test
  void positive_createdAsAStatement() {
    helper.addSource("Boot.java", """
        class Boot {
          void boot(Runnable warmUp) {
            // EXPECT: thread-never-started 'new Thread(...)' is created and dropped
            new Thread(warmUp, "warm-up");
          }
        }
        """).doTest();
  }

  @Test
  void positive_localOnlyConfigured() {
    helper.addSource("Boot.java", """
        class Boot {
          void boot() {
            // EXPECT: thread-never-started thread 'flusher'
            Thread flusher = new Thread(this::flush);
            flusher.setDaemon(true);
            flusher.setName("flusher");
          }
          void flush() {}
        }
        """).doTest();
  }

  @Test
  void positive_scannedSubclassLocalNeverUsed() {
    helper.addSource("Boot.java", """
        class Reaper extends Thread {
          @Override public void run() {
            System.out.println("reaping");
          }
        }
        class Boot {
          void boot() {
            // EXPECT: thread-never-started thread 'reaper'
            Reaper reaper = new Reaper();
            // EXPECT: thread-never-started 'new Reaper(...)'
            new Reaper();
          }
        }
        """).doTest();
  }

  @Test
  void positive_anonymousThreadDropped() {
    helper.addSource("Boot.java", """
        class Boot {
          void boot() {
            // EXPECT: thread-never-started
            new Thread() {
              @Override public void run() {
                System.out.println("never printed");
              }
            };
          }
        }
        """).doTest();
  }

  @Test
  void negative_startedLaterOrChained() {
    helper.addSource("Boot.java", """
        class Boot {
          void boot(Runnable r) {
            Thread t = new Thread(r);
            t.setDaemon(true);
            t.start();
            new Thread(r).start();
          }
        }
        """).doTest();
  }

  @Test
  void negative_returnedPassedOrStored() {
    helper.addSource("Boot.java", """
        import java.util.ArrayList;
        import java.util.List;
        class Boot {
          private Thread keeper;
          private final List<Thread> pool = new ArrayList<>();
          Thread make(Runnable r) {
            Thread t = new Thread(r);
            return t;
          }
          void hand(Runnable r) {
            Thread t = new Thread(r);
            Runtime.getRuntime().addShutdownHook(t);
          }
          void keep(Runnable r) {
            Thread t = new Thread(r);
            keeper = t;
            Thread u = new Thread(r);
            pool.add(u);
          }
        }
        """).doTest();
  }

  @Test
  void negative_usedInsideLambda() {
    helper.addSource("Boot.java", """
        import java.util.concurrent.Executor;
        class Boot {
          void boot(Runnable r, Executor later) {
            Thread t = new Thread(r);
            later.execute(() -> t.start());
          }
        }
        """).doTest();
  }

  @Test
  void negative_unstartedBuilderIsByDesign() {
    helper.addSource("Boot.java", """
        class Boot {
          Thread boot(Runnable r) {
            Thread.ofPlatform().unstarted(r);
            Thread t = Thread.ofVirtual().unstarted(r);
            return t;
          }
        }
        """).doTest();
  }

  @Test
  void negative_selfStartingSubclasses() {
    helper.addSource("Boot.java", """
        class SelfStarting extends Thread {
          SelfStarting() {
            setDaemon(true);
            start();
          }
        }
        class Registered extends Thread {
          Registered(java.util.List<Thread> all) {
            all.add(this);
          }
        }
        class Boot {
          void boot(java.util.List<Thread> all) {
            new SelfStarting();
            Registered r = new Registered(all);
            new Thread() {
              { start(); }
              @Override public void run() {}
            };
          }
        }
        """).doTest();
  }

  @Test
  void negative_notAThread() {
    helper.addSource("Boot.java", """
        class Thread {
          Thread(Runnable r) {}
        }
        class Task implements Runnable {
          public void run() {}
        }
        class Boot {
          void boot(Runnable r) {
            new Thread(r);
            new Task();
            StringBuilder sb = new StringBuilder();
          }
        }
        """).doTest();
  }

  @Test
  void negative_fieldInitializer() {
    helper.addSource("Boot.java", """
        class Boot {
          private final Thread worker = new Thread(() -> {});
          void go() {
            worker.start();
          }
        }
        """).doTest();
  }

  @Test
  void negative_subclassOfALibraryThreadSubclass() {
    helper.addSource("Boot.java", """
        import java.util.concurrent.ForkJoinPool;
        import java.util.concurrent.ForkJoinWorkerThread;
        class Worker extends ForkJoinWorkerThread {
          Worker(ForkJoinPool pool) { super(pool); }
        }
        class Boot {
          ForkJoinWorkerThread make(ForkJoinPool pool) {
            new Worker(pool);
            return null;
          }
        }
        """).doTest();
  }
}
