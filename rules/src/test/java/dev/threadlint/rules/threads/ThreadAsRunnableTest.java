package dev.threadlint.rules.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class ThreadAsRunnableTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(ThreadAsRunnable.class);

  @Test
  void positive_threadWrappedInThread() {
    helper.addSource("Jobs.java", """
        class Jobs {
          void go(Runnable body) {
            Thread inner = new Thread(body, "inner");
            // EXPECT: thread-as-runnable 'inner' is a Thread used as a Runnable
            Thread outer = new Thread(inner);
            outer.start();
          }
        }
        """).doTest();
  }

  @Test
  void positive_threadSubclassSubmittedToExecutor() {
    helper.addSource("Jobs.java", """
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        class Indexer extends Thread {
          @Override public void run() {}
        }
        class Jobs {
          private final ExecutorService pool = Executors.newFixedThreadPool(2);
          void go() {
            Indexer indexer = new Indexer();
            // EXPECT: thread-as-runnable 'indexer'
            pool.submit(indexer);
            // EXPECT: thread-as-runnable an executor thread
            pool.execute(new Indexer());
          }
        }
        """).doTest();
  }

  @Test
  void positive_scheduledAndThreadGroupForms() {
    helper.addSource("Jobs.java", """
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.TimeUnit;
        class Jobs {
          void go(ScheduledExecutorService timer, Thread reporter, ThreadGroup group) {
            // EXPECT: thread-as-runnable 'reporter'
            timer.scheduleAtFixedRate(reporter, 1, 1, TimeUnit.MINUTES);
            // EXPECT: thread-as-runnable 'reporter'
            new Thread(group, reporter, "copy").start();
          }
        }
        """).doTest();
  }

  @Test
  void positive_thisInThreadSubclassIsOnlyInfo() {
    var result = helper.addSource("Jobs.java", """
        import java.util.concurrent.Executor;
        class Pump extends Thread {
          void launch(Executor e) {
            e.execute(this);
          }
        }
        """).analyze();
    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("thread-as-runnable");
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.message()).contains("'this' is a Thread used as a Runnable");
    });
  }

  @Test
  void negative_runnablesAndLambdas() {
    helper.addSource("Jobs.java", """
        import java.util.concurrent.ExecutorService;
        class Task implements Runnable {
          public void run() {}
        }
        class Jobs {
          void go(ExecutorService pool, Runnable r) {
            new Thread(r).start();
            new Thread(new Task(), "task").start();
            pool.submit(() -> System.out.println("hi"));
            pool.execute(new Task());
            Thread t = new Thread(r);
            pool.submit(() -> t.start());
          }
        }
        """).doTest();
  }

  @Test
  void negative_threadPassedToNonExecutors() {
    helper.addSource("Jobs.java", """
        import java.util.ArrayList;
        import java.util.List;
        class Registry {
          void submit(Thread t) { t.start(); }
          void execute(Thread t) { t.start(); }
        }
        class Jobs {
          void go(Registry registry, Thread t, List<Thread> all) {
            registry.submit(t);
            registry.execute(t);
            all.add(t);
            Runtime.getRuntime().addShutdownHook(t);
          }
        }
        """).doTest();
  }

  @Test
  void negative_unknownTypes() {
    helper.addSource("Jobs.java", """
        import java.util.concurrent.Executor;
        class Jobs {
          void go(Executor e, java.util.function.Supplier<Runnable> s) {
            var task = s.get();
            e.execute(task);
            e.execute(s.get());
            new Thread(s.get()).start();
          }
        }
        """).doTest();
  }

  @Test
  void negative_userClassNamedThread() {
    helper.addSource("Jobs.java", """
        class Thread implements Runnable {
          Thread(Runnable r) {}
          public void run() {}
        }
        class Jobs {
          void go(Thread mine) {
            new Thread(mine);
          }
        }
        """).doTest();
  }

  @Test
  void negative_threadNameStringAndGroupArgs() {
    helper.addSource("Jobs.java", """
        class Jobs {
          void go(Runnable r, ThreadGroup g) {
            Thread current = Thread.currentThread();
            new Thread(g, r, current.getName() + "-child").start();
          }
        }
        """).doTest();
  }

  @Test
  void positive_scannedMethodWithRunnableParameter() {
    helper.addSource("Jobs.java", """
        class Retrier {
          static void withRetries(int times, Runnable action) {
            for (int i = 0; i < times; i++) {
              action.run();
            }
          }
        }
        class Jobs {
          void go(Thread uploader) {
            // EXPECT: thread-as-runnable 'withRetries' takes it as a Runnable parameter
            Retrier.withRetries(3, uploader);
          }
        }
        """).doTest();
  }

  @Test
  void negative_scannedMethodsTakingThreadsOrObjects() {
    helper.addSource("Jobs.java", """
        import java.util.ArrayList;
        import java.util.List;
        class Tracker {
          private final List<Object> seen = new ArrayList<>();
          void watch(Thread t) { t.start(); }
          void remember(Object o) { seen.add(o); }
          void all(Runnable... rs) { for (Runnable r : rs) r.run(); }
        }
        class Jobs {
          void go(Tracker tracker, Thread t) {
            tracker.watch(t);
            tracker.remember(t);
            tracker.all(t);
          }
        }
        """).doTest();
  }
}
