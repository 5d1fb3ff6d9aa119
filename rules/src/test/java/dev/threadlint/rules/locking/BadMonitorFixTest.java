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

  @Test
  void refusedFix_saysWhyInTheFinding() {
    var result = dev.threadlint.core.testing.RuleTestHelper.forRule(BadMonitor.class)
        .addSource("demo/Registry.java", """
            package demo;

            class Registry {
              String name = "registry";

              void register() {
                // EXPECT: bad-monitor of type String
                synchronized (name) {
                  System.out.println("registered");
                }
              }
            }
            """)
        .doTest();
    var fixes = result.findings().get(0).fixes();
    org.assertj.core.api.Assertions.assertThat(fixes).singleElement().satisfies(f -> {
      org.assertj.core.api.Assertions.assertThat(f.kind()).isEqualTo(dev.threadlint.core.finding.FixKind.ADVICE);
      org.assertj.core.api.Assertions.assertThat(f.edits()).isEmpty();
      org.assertj.core.api.Assertions.assertThat(f.description()).isEqualTo("no automatic fix: field 'name' is not private: other classes may synchronize on it too");
    });
    java.io.StringWriter text = new java.io.StringWriter();
    try {
      new dev.threadlint.core.report.TextReporter().write(result, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    org.assertj.core.api.Assertions.assertThat(text.toString())
        .contains("    no automatic fix: field 'name' is not private")
        .doesNotContain("fix available");
  }
}
