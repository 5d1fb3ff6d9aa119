package dev.threadlint.rules.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.testing.FixTestHelper;
import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class InterruptedOnInstanceTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(InterruptedOnInstance.class);

  @Test
  void positive_otherThreadsFlag() {
    helper.addSource("Monitor.java", """
        class Monitor {
          boolean stopped(Thread worker) {
            // EXPECT: interrupted-on-instance not of 'worker'; use worker.isInterrupted()
            return worker.interrupted();
          }
        }
        """).doTest();
  }

  @Test
  void positive_currentThreadChain() {
    helper.addSource("Loop.java", """
        class Loop {
          void spin() {
            // EXPECT: interrupted-on-instance also clears the current thread's interrupt flag
            while (!Thread.currentThread().interrupted()) {
              step();
            }
          }
          void step() {}
        }
        """).doTest();
  }

  @Test
  void positive_threadSubclassFieldAndCurrentThreadLocal() {
    helper.addSource("Supervisor.java", """
        class Crawler extends Thread {
          @Override public void run() {}
        }
        class Supervisor {
          private final Crawler crawler = new Crawler();
          void check() {
            // EXPECT: interrupted-on-instance 'crawler'
            if (crawler.interrupted()) {
              System.out.println("crawler stopped");
            }
            Thread me = Thread.currentThread();
            // EXPECT: interrupted-on-instance write Thread.interrupted() if clearing is meant
            boolean flag = me.interrupted();
          }
        }
        """).doTest();
  }

  @Test
  void positive_fixRewritesCurrentThreadChain() {
    FixTestHelper.forRule(InterruptedOnInstance.class)
        .addInput("demo/Loop.java", """
            package demo;

            class Loop {
              boolean poll() {
                return Thread.currentThread().interrupted();
              }
            }
            """)
        .addOutput("demo/Loop.java", """
            package demo;

            class Loop {
              boolean poll() {
                return Thread.interrupted();
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void positive_otherThreadHasNoFix() {
    var result = helper.addSource("Monitor.java", """
        class Monitor {
          boolean stopped(Thread worker) {
            return worker.interrupted();
          }
        }
        """).analyze();
    assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.fixes()).as("isInterrupted() would change behaviour, so no automatic fix").isEmpty());
  }

  @Test
  void negative_staticCallsAndIsInterrupted() {
    helper.addSource("Loop.java", """
        class Loop {
          void spin(Thread other) {
            while (!Thread.interrupted()) {
              if (other.isInterrupted() || Thread.currentThread().isInterrupted() || java.lang.Thread.interrupted()) {
                return;
              }
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_insideThreadSubclass() {
    helper.addSource("Worker.java", """
        class Worker extends Thread {
          @Override public void run() {
            while (!interrupted() && !this.interrupted()) {
              Thread.yield();
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_userTypesWithInterrupted() {
    helper.addSource("Job.java", """
        class Job {
          boolean interrupted() { return false; }
        }
        class Runner {
          boolean check(Job job) {
            return job.interrupted();
          }
        }
        """).doTest();
  }

  @Test
  void negative_userClassNamedThread() {
    helper.addSource("Thread.java", """
        class Thread {
          static Thread currentThread() { return new Thread(); }
          boolean interrupted() { return false; }
          static boolean check() {
            return Thread.currentThread().interrupted();
          }
        }
        """).doTest();
  }

  @Test
  void negative_unknownReceiver() {
    helper.addSource("Runner.java", """
        import java.util.function.Supplier;
        class Runner {
          boolean check(Supplier<Thread> s) {
            var t = s.get();
            return t.interrupted();
          }
        }
        """).doTest();
  }

  @Test
  void positive_currentThreadLocalInsideFieldLambda() {
    helper.addSource("Tasks.java", """
        class Tasks {
          final Runnable poll = () -> {
            Thread self = Thread.currentThread();
            // EXPECT: interrupted-on-instance also clears the current thread's interrupt flag
            while (!self.interrupted()) {
              Thread.onSpinWait();
            }
          };
        }
        """).doTest();
  }
}
