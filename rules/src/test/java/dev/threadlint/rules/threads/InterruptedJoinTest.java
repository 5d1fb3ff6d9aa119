package dev.threadlint.rules.threads;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class InterruptedJoinTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(InterruptedJoin.class);

  @Test
  void positive_emptyCatchThenUsesTheResult() {
    var result = helper.addSource("Loader.java", """
        import java.util.ArrayList;
        import java.util.List;
        class Loader {
          List<String> load() {
            List<String> rows = new ArrayList<>();
            Thread reader = new Thread(() -> rows.add("x"));
            reader.start();
            try {
              // EXPECT: interrupted-join 'reader.join()' returns early
              reader.join();
            } catch (InterruptedException ignored) {
            }
            return rows;
          }
        }
        """).doTest();
    org.assertj.core.api.Assertions.assertThat(result.findings()).singleElement()
        .satisfies(f -> org.assertj.core.api.Assertions.assertThat(f.severity()).isEqualTo(dev.threadlint.core.api.Severity.WARNING));
  }

  @Test
  void positive_onlyLoggedForEachThread() {
    helper.addSource("Batch.java", """
        import java.util.List;
        class Batch {
          void awaitAll(List<Thread> workers) {
            for (Thread w : workers) {
              try {
                // EXPECT: interrupted-join
                w.join();
              } catch (InterruptedException e) {
                System.err.println("interrupted while waiting for " + w.getName() + ": " + e);
              }
            }
            System.out.println("all done");
          }
        }
        """).doTest();
  }

  @Test
  void positive_threadSubclassFieldWithMultiCatch() {
    helper.addSource("Service.java", """
        class Poller extends Thread {
          @Override public void run() {}
        }
        class Service {
          private final Poller poller = new Poller();
          void close() {
            poller.interrupt();
            try {
              // EXPECT: interrupted-join 'poller'
              poller.join();
            } catch (IllegalStateException | InterruptedException e) {
              e.printStackTrace();
            }
            releaseResources();
          }
          void releaseResources() {}
        }
        """).doTest();
  }

  @Test
  void negative_retriedWhileAlive() {
    helper.addSource("Waiter.java", """
        class Waiter {
          void await(Thread t) {
            while (t.isAlive()) {
              try {
                t.join();
              } catch (InterruptedException e) {
                // keep waiting
              }
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_retriedInEndlessLoopWithFlag() {
    helper.addSource("Waiter.java", """
        class Waiter {
          void await(Thread t) {
            boolean interrupted = false;
            for (;;) {
              try {
                t.join();
                break;
              } catch (InterruptedException e) {
                interrupted = true;
              }
            }
            if (interrupted) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_interruptRestored() {
    helper.addSource("Waiter.java", """
        class Waiter {
          boolean await(Thread t) {
            try {
              t.join();
              return true;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_rethrownWrapped() {
    helper.addSource("Waiter.java", """
        class Waiter {
          void await(Thread t) {
            try {
              t.join();
            } catch (InterruptedException e) {
              throw new IllegalStateException("interrupted", e);
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_declaredThrows() {
    helper.addSource("Waiter.java", """
        class Waiter {
          void await(Thread t) throws InterruptedException {
            t.join();
            try {
              t.join();
            } finally {
              System.out.println("done waiting");
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_timedJoinAndNonThreadJoin() {
    helper.addSource("Waiter.java", """
        import java.util.List;
        class Task {
          void join() throws InterruptedException {}
        }
        class Waiter {
          void await(Thread t, Task task, List<String> parts) {
            try {
              t.join(1000);
              task.join();
            } catch (InterruptedException e) {
            }
            String s = String.join(",", parts);
          }
        }
        """).doTest();
  }

  @Test
  void negative_joinInsideCatchOrLambda() {
    helper.addSource("Waiter.java", """
        class Waiter {
          void await(Thread t) {
            try {
              Runnable r = () -> {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              };
              r.run();
            } finally {
              t.interrupt();
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_catchLeavesTheMethod() {
    helper.addSource("Waiter.java", """
        class Waiter {
          String result;
          String await(Thread t) {
            try {
              t.join();
            } catch (InterruptedException e) {
              return null;
            }
            return result;
          }
        }
        """).doTest();
  }

  @Test
  void negative_exceptionKeptToThrowLater() {
    helper.addSource("Closer.java", """
        import java.util.concurrent.atomic.AtomicReference;
        class Closer {
          private InterruptedException pending;
          void close(Thread io) {
            AtomicReference<RuntimeException> first = new AtomicReference<>();
            try {
              io.join();
            } catch (InterruptedException e) {
              first.compareAndSet(null, new IllegalStateException("interrupted while closing", e));
            }
            try {
              io.join();
            } catch (InterruptedException e) {
              pending = e;
            }
            RuntimeException failure = first.get();
            if (failure != null) {
              throw failure;
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_broadCatchAndArrayElement() {
    helper.addSource("Batch.java", """
        class Batch {
          int finished;
          void awaitAll(Thread[] workers) {
            for (int i = 0; i < workers.length; i++) {
              try {
                // EXPECT: interrupted-join 'workers[i].join()'
                workers[i].join();
              } catch (Exception e) {
                System.err.println(e);
              }
              finished++;
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_broadCatchAfterInterruptHandlerAndArrayOfUnknown() {
    helper.addSource("Batch.java", """
        class Batch {
          void awaitAll(Thread t, Object[] things) {
            try {
              t.join();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (Exception e) {
              System.err.println(e);
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_lastStatementOfATaskIsOnlyInfo() {
    var result = helper.addSource("Hooks.java", """
        class Hooks {
          void install(Thread worker) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
              worker.interrupt();
              try {
                worker.join();
              } catch (InterruptedException e) {
                System.err.println("gave up waiting");
              }
            }));
          }
        }
        """).analyze();
    org.assertj.core.api.Assertions.assertThat(result.findings()).singleElement().satisfies(f -> {
      org.assertj.core.api.Assertions.assertThat(f.severity()).isEqualTo(dev.threadlint.core.api.Severity.INFO);
      org.assertj.core.api.Assertions.assertThat(f.message()).contains("the task ends without 'worker' having finished");
    });
  }
}
