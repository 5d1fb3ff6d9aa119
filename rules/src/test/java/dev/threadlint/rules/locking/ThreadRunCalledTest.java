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
}
