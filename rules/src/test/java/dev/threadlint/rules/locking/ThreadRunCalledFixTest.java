package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.FixTestHelper;
import org.junit.jupiter.api.Test;

class ThreadRunCalledFixTest {
  @Test
  void runBecomesStart_findingGone_compiles() {
    FixTestHelper.forRule(ThreadRunCalled.class)
        .addInput("demo/Launcher.java", """
            package demo;

            class Launcher {
              void launch(Runnable job) {
                Thread worker = new Thread(job, "worker");
                worker.run(); // meant to run in the background
              }
            }
            """)
        .addOutput("demo/Launcher.java", """
            package demo;

            class Launcher {
              void launch(Runnable job) {
                Thread worker = new Thread(job, "worker");
                worker.start(); // meant to run in the background
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void superRunInASubclass_isNotTouched() {
    FixTestHelper.forRule(ThreadRunCalled.class)
        .addInput("demo/Named.java", """
            package demo;

            class Named extends Thread {
              @Override
              public void run() {
                super.run();
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }
}
