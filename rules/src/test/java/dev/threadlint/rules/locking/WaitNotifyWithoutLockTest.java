package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class WaitNotifyWithoutLockTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(WaitNotifyWithoutLock.class);

  @Test
  void positive_notifyWithoutAnyLock() {
    helper.addSource("Signal.java", """
        class Signal {
          private boolean ready;
          public void fire() {
            ready = true;
            // EXPECT: wait-notify-without-lock 'notifyAll()' without holding monitor of Signal
            notifyAll();
          }
        }
        """).doTest();
  }

  @Test
  void positive_waitOnOtherObjectThanTheLockedOne() {
    helper.addSource("Mixup.java", """
        class Mixup {
          private final Object lock = new Object();
          private final Object other = new Object();
          private boolean done;
          public void await() throws InterruptedException {
            synchronized (lock) {
              // EXPECT: wait-notify-without-lock 'other.wait()' without holding 'Mixup.other'
              while (!done) other.wait();
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_insideSynchronizedMethodOrBlockOrHelperCalledUnderLock() {
    helper.addSource("Fine.java", """
        class Fine {
          private final Object lock = new Object();
          private boolean done;
          public synchronized void await() throws InterruptedException {
            while (!done) wait();
          }
          public void finish() {
            synchronized (lock) { done = true; lock.notifyAll(); }
          }
          public synchronized void complete() {
            done = true;
            signal();
          }
          private void signal() { notifyAll(); }
        }
        """).doTest();
  }
}
