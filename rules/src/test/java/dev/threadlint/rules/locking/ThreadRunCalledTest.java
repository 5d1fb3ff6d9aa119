package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class ThreadRunCalledTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(ThreadRunCalled.class);

  @Test
  void positive_localThread() {
    helper.addSource("Test.java", """
        class Test {
          void go() {
            Thread t = new Thread(() -> {});
            // EXPECT: thread-run-called 't.start()'
            t.run();
          }
        }
        """).doTest();
  }

  @Test
  void positive_threadSubclassField() {
    helper.addSource("Test.java", """
        class Worker extends Thread {
          public void run() {}
        }
        class Test {
          private final Worker worker = new Worker();
          void go() {
            // EXPECT: thread-run-called
            worker.run();
          }
        }
        """).doTest();
  }

  @Test
  void negative_runnableRun() {
    helper.addSource("Test.java", """
        class Test {
          void go(Runnable r) {
            r.run();
          }
        }
        """).doTest();
  }

  @Test
  void negative_superRunInsideOverride() {
    helper.addSource("Test.java", """
        class Test extends Thread {
          @Override public void run() {
            super.run();
          }
        }
        """).doTest();
  }

  @Test
  void positive_varTypedThread() {
    helper.addSource("Test.java", """
        class Test {
          void go() {
            var t = new Thread(() -> System.out.println("hi"));
            // EXPECT: thread-run-called 't.run()'
            t.run();
          }
        }
        """).doTest();
  }

  @Test
  void positive_threadSubclassCreatedWithNew() {
    helper.addSource("Test.java", """
        class Poller extends Thread {
          @Override public void run() {}
        }
        class Test {
          void go() {
            // EXPECT: thread-run-called
            new Poller().run();
          }
        }
        """).doTest();
  }

  @Test
  void positive_indirectThreadSubclass() {
    helper.addSource("Test.java", """
        class Base extends Thread {}
        class Leaf extends Base {
          @Override public void run() {}
        }
        class Test {
          void go(Leaf leaf) {
            // EXPECT: thread-run-called 'leaf.start()'
            leaf.run();
          }
        }
        """).doTest();
  }

  @Test
  void positive_anonymousThread() {
    helper.addSource("Test.java", """
        class Test {
          void go() {
            Thread t = new Thread() {
              @Override public void run() {
                System.out.println("work");
              }
            };
            // EXPECT: thread-run-called
            t.run();
          }
        }
        """).doTest();
  }

  @Test
  void positive_anonymousThreadRunDirectly() {
    helper.addSource("Test.java", """
        class Test {
          void go() {
            // EXPECT: thread-run-called
            new Thread() {
              @Override public void run() {}
            }.run();
          }
        }
        """).doTest();
  }

  @Test
  void positive_fullyQualifiedThreadParameter() {
    helper.addSource("Test.java", """
        class Test {
          void go(java.lang.Thread t) {
            // EXPECT: thread-run-called
            t.run();
          }
        }
        """).doTest();
  }

  @Test
  void positive_fixReplacesRunWithStart() {
    var result = helper.addSource("Test.java", """
        class Test {
          void go(Thread t) {
            t.run();
          }
        }
        """).analyze();

    org.assertj.core.api.Assertions.assertThat(result.findings()).singleElement().satisfies(f -> {
      org.assertj.core.api.Assertions.assertThat(f.fixes()).singleElement().satisfies(fix -> {
        org.assertj.core.api.Assertions.assertThat(fix.kind()).isEqualTo(dev.threadlint.core.finding.FixKind.SAFE);
        org.assertj.core.api.Assertions.assertThat(fix.edits()).singleElement()
            .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.replacement()).isEqualTo("start"));
      });
    });
  }

  @Test
  void negative_userClassWithItsOwnRun() {
    helper.addSource("Test.java", """
        class Job {
          void run() {}
        }
        class Test {
          void go() {
            Job job = new Job();
            job.run();
            new Job().run();
          }
        }
        """).doTest();
  }

  @Test
  void negative_runnableLambdaRun() {
    helper.addSource("Test.java", """
        class Test {
          void go() {
            Runnable task = () -> System.out.println("inline");
            task.run();
            var again = (Runnable) () -> {};
            again.run();
          }
        }
        """).doTest();
  }

  @Test
  void negative_runOfThreadsOwnBodyFromInside() {
    helper.addSource("Test.java", """
        class Test extends Thread {
          private final Runnable body;
          Test(Runnable body) { this.body = body; }
          @Override public void run() {
            body.run();
          }
          void again() {
            this.run();
          }
        }
        """).doTest();
  }

  @Test
  void negative_startIsFine() {
    helper.addSource("Test.java", """
        class Test {
          void go() {
            Thread t = new Thread(() -> {});
            t.start();
          }
        }
        """).doTest();
  }
}
