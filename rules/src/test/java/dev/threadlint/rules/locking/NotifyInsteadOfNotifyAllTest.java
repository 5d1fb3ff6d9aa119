package dev.threadlint.rules.locking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class NotifyInsteadOfNotifyAllTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(NotifyInsteadOfNotifyAll.class);

  @Test
  void positive_boundedBufferWithTwoConditions() {
    AnalysisResult r = helper.addSource("Buffer.java", """
        class Buffer {
          private final Object[] items = new Object[8];
          private int count, head, tail;
          synchronized void put(Object o) throws InterruptedException {
            while (count == items.length) wait();
            items[tail] = o; tail = (tail + 1) % items.length; count++;
            // EXPECT: notify-instead-of-notify-all 'count == 0', 'count == items.length'
            notify();
          }
          synchronized Object take() throws InterruptedException {
            while (count == 0) wait();
            Object o = items[head]; head = (head + 1) % items.length; count--;
            // EXPECT: notify-instead-of-notify-all wakes a single waiter on monitor of Buffer
            notify();
            return o;
          }
        }
        """).doTest();
    assertThat(r.findings().get(0).fixes()).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(FixKind.SAFE));
  }

  @Test
  void negative_singleConditionOrNotifyAll() {
    helper.addSource("Latch.java", """
        class Latch {
          private boolean open;
          synchronized void await() throws InterruptedException {
            while (!open) wait();
          }
          synchronized void awaitToo() throws InterruptedException {
            while (!open) wait();
          }
          synchronized void release() { open = true; notify(); }
        }
        class Buffer {
          private int count;
          synchronized void put() throws InterruptedException {
            while (count == 8) wait();
            count++;
            notifyAll();
          }
          synchronized void take() throws InterruptedException {
            while (count == 0) wait();
            count--;
            notifyAll();
          }
        }
        """).doTest();
  }

  @Test
  void negative_allWaitsInOneThreadsLoop() {
    helper.addSource("Heartbeat.java", """
        class Heartbeat {
          private boolean enabled;
          private boolean due;
          synchronized void enable() { enabled = true; notify(); }
          synchronized void tick() { due = true; notify(); }
          void loop() throws InterruptedException {
            synchronized (this) {
              while (true) {
                if (!enabled) { wait(); continue; }
                while (!due) wait(1000);
                due = false;
              }
            }
          }
        }
        """).doTest();
  }
}
