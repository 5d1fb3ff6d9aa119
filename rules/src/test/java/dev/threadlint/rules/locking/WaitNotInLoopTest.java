package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class WaitNotInLoopTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(WaitNotInLoop.class);

  @Test
  void positive_waitUnderIf() {
    helper.addSource("Gate.java", """
        class Gate {
          private boolean open;
          synchronized void pass() throws InterruptedException {
            if (!open) {
              // EXPECT: wait-not-in-loop 'wait()' is not in a loop
              wait();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_conditionAwaitWithoutLoop() {
    helper.addSource("Gate.java", """
        import java.util.concurrent.locks.*;
        class Gate {
          private final Lock lock = new ReentrantLock();
          private final Condition opened = lock.newCondition();
          void pass() throws InterruptedException {
            lock.lock();
            try {
              // EXPECT: wait-not-in-loop
              opened.await();
            } finally {
              lock.unlock();
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_whileAndDoLoops() {
    helper.addSource("Gate.java", """
        class Gate {
          private boolean open;
          private final Object lock = new Object();
          synchronized void pass() throws InterruptedException {
            while (!open) wait();
          }
          void passToo() throws InterruptedException {
            synchronized (lock) {
              do { lock.wait(100); } while (!open);
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_awaitUntilWithoutLoop() {
    helper.addSource("Deadline.java", """
        import java.util.Date;
        import java.util.concurrent.locks.Condition;
        class Deadline {
          boolean until(Condition done, Date when) throws InterruptedException {
            // EXPECT: wait-not-in-loop 'done.awaitUntil(when)'
            return done.awaitUntil(when);
          }
        }
        """).doTest();
  }

  @Test
  void negative_ownMethodNamedWait() {
    helper.addSource("Waiter.java", """
        class Waiter {
          void wait(Object reason) {}
          void go() { wait(new Object()); wait("later"); }
        }
        """).doTest();
  }

  @Test
  void negative_delegatingWrapperLeavesTheLoopToCallers() {
    helper.addSource("Guarded.java", """
        import java.util.concurrent.locks.*;
        class Guarded {
          private final Lock lock = new ReentrantLock();
          private final Condition cond = lock.newCondition();
          void await() throws InterruptedException {
            cond.await();
          }
        }
        """).doTest();
  }

  @Test
  void negative_forwardingConditionThroughOwnGetter() {
    helper.addSource("Forwarding.java", """
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.locks.Condition;
        abstract class Forwarding implements Condition {
          abstract Condition delegate();
          public void await() throws InterruptedException {
            delegate().await();
          }
          public boolean await(long t, TimeUnit u) throws InterruptedException {
            return delegate().await(t, u);
          }
        }
        """).doTest();
  }
}
