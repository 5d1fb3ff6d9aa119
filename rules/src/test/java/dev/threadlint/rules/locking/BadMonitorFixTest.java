package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.FixTestHelper;
import org.junit.jupiter.api.Test;

class BadMonitorFixTest {
  @Test
  void boxedFieldMonitor_becomesAPrivateLockObject_findingGone_compiles() {
    FixTestHelper.forRule(BadMonitor.class)
        .addInput("demo/Counter.java", """
            package demo;

            class Counter {
              private Integer count = 0;

              void increment() {
                synchronized (count) {
                  count++;
                }
              }

              int get() {
                synchronized (count) {
                  return count;
                }
              }
            }
            """)
        .addOutput("demo/Counter.java", """
            package demo;

            class Counter {
              private Integer count = 0;
              private final Object countLock = new Object();

              void increment() {
                synchronized (countLock) {
                  count++;
                }
              }

              int get() {
                synchronized (countLock) {
                  return count;
                }
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void nonPrivateStringMonitor_getsNoFix() {
    FixTestHelper.forRule(BadMonitor.class)
        .addInput("demo/Registry.java", """
            package demo;

            class Registry {
              String name = "registry";

              void register() {
                synchronized (name) {
                  System.out.println("registered");
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }
}
