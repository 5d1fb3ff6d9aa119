package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.FixTestHelper;
import org.junit.jupiter.api.Test;

/** lock-not-released fixes applied end to end: expected output, finding gone, still compiles. */
class LockNotReleasedFixTest {

  @Test
  void unlockNotInFinally_isWrappedInTryFinally() {
    FixTestHelper.forRule(LockNotReleased.class)
        .addInput("demo/Tally.java", """
            package demo;

            import java.util.concurrent.locks.ReentrantLock;

            class Tally {
              private final ReentrantLock lock = new ReentrantLock();
              private int n;

              void add(int k) {
                lock.lock();
                n += k;
                lock.unlock();
              }
            }
            """)
        .addOutput("demo/Tally.java", """
            package demo;

            import java.util.concurrent.locks.ReentrantLock;

            class Tally {
              private final ReentrantLock lock = new ReentrantLock();
              private int n;

              void add(int k) {
                lock.lock();
                try {
                  n += k;
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void lockInterruptiblyInsideTry_movesBeforeTry() {
    FixTestHelper.forRule(LockNotReleased.class)
        .addInput("demo/Tally.java", """
            package demo;

            import java.util.concurrent.locks.ReentrantLock;

            class Tally {
              private final ReentrantLock lock = new ReentrantLock();
              private int n;

              void add(int k) throws InterruptedException {
                try {
                  lock.lockInterruptibly();
                  n += k;
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .addOutput("demo/Tally.java", """
            package demo;

            import java.util.concurrent.locks.ReentrantLock;

            class Tally {
              private final ReentrantLock lock = new ReentrantLock();
              private int n;

              void add(int k) throws InterruptedException {
                lock.lockInterruptibly();
                try {
                  n += k;
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .compiles()
        .doTest();
  }
}
