package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class LockNotReleasedTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(LockNotReleased.class);

  @Test
  void positive_unlockNotInFinally() {
    helper.addSource("Counter.java", """
        import java.util.concurrent.locks.*;
        class Counter {
          private final Lock lock = new ReentrantLock();
          private int n;
          void inc() {
            // EXPECT: lock-not-released not followed by a try/finally that unlocks 'Counter.lock'
            lock.lock();
            n++;
            lock.unlock();
          }
        }
        """).doTest();
  }

  @Test
  void positive_earlyReturnBeforeUnlock() {
    helper.addSource("Cache.java", """
        import java.util.concurrent.locks.*;
        class Cache {
          private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
          private String value;
          String get(boolean fast) {
            // EXPECT: lock-not-released read lock
            rw.readLock().lock();
            if (fast) return value;
            String v = value;
            rw.readLock().unlock();
            return v;
          }
        }
        """).doTest();
  }

  @Test
  void positive_lockInterruptiblyInsideTry() {
    helper.addSource("Worker.java", """
        import java.util.concurrent.locks.*;
        class Worker {
          private final ReentrantLock lock = new ReentrantLock();
          void work() throws InterruptedException {
            try {
              // EXPECT: lock-not-released inside the try block
              lock.lockInterruptibly();
              step();
            } finally {
              lock.unlock();
            }
          }
          void step() {}
        }
        """).doTest();
  }

  @Test
  void positive_tryLockResultIgnored() {
    helper.addSource("Sloppy.java", """
        import java.util.concurrent.locks.*;
        class Sloppy {
          private final Lock lock = new ReentrantLock();
          void go() {
            // EXPECT: lock-not-released Result of 'lock.tryLock()' is ignored
            lock.tryLock();
            try { } finally { lock.unlock(); }
          }
        }
        """).doTest();
  }

  @Test
  void negative_canonicalShapes() {
    helper.addSource("Good.java", """
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.locks.*;
        class Good {
          private final Lock lock = new ReentrantLock();
          private final ReadWriteLock rw = new ReentrantReadWriteLock();
          private int n;
          void a() {
            lock.lock();
            try { n++; } finally { lock.unlock(); }
          }
          int b() {
            rw.readLock().lock();
            try { return n; } finally { rw.readLock().unlock(); }
          }
          boolean c() throws InterruptedException {
            if (!lock.tryLock(1, TimeUnit.SECONDS)) return false;
            try { n++; return true; } finally { lock.unlock(); }
          }
          void d() {
            if (lock.tryLock()) {
              try { n++; } finally { lock.unlock(); }
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_lockWrapperReleasedInAnotherMethod() {
    helper.addSource("Handle.java", """
        import java.util.concurrent.locks.*;
        class Handle {
          private final Lock lock = new ReentrantLock();
          void acquire() { lock.lock(); }
          void release() { lock.unlock(); }
        }
        """).doTest();
  }

  @Test
  void negative_lockOnNonLockType() {
    helper.addSource("Door.java", """
        class Door {
          void lock() {}
          void unlock() {}
        }
        class User {
          void use(Door d) { d.lock(); d.unlock(); }
        }
        """).doTest();
  }

  @Test
  void positive_secondLockBeforeTheTryLeavesFirstOneHeld() {
    helper.addSource("Twice.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Twice {
          void run(ReentrantLock lock) {
            // EXPECT: lock-not-released not followed by a try/finally
            lock.lock();
            audit();
            lock.lock();
            try { audit(); } finally { lock.unlock(); }
          }
          void audit() {}
        }
        """).doTest();
  }

  @Test
  void positive_callBetweenLockAndTry() {
    helper.addSource("Gap.java", """
        import java.util.concurrent.locks.*;
        class Gap {
          private final Lock lock = new ReentrantLock();
          private int n;
          void run() {
            // EXPECT: lock-not-released 'prepare();' runs between 'lock.lock()' and the try
            lock.lock();
            prepare();
            try { n++; } finally { lock.unlock(); }
          }
          void prepare() {}
        }
        """).doTest();
  }

  @Test
  void positive_finallyCallsSomethingBeforeUnlocking() {
    helper.addSource("Signal.java", """
        import java.util.concurrent.locks.*;
        class Signal {
          private final Lock lock = new ReentrantLock();
          private Condition changed;
          void run() {
            // EXPECT: lock-not-released The finally block calls 'audit.record()' before unlocking
            lock.lock();
            try { } finally {
              audit.record();
              lock.unlock();
            }
          }
          void twoLocks(Lock other) {
            other.lock();
            lock.lock();
            try { } finally {
              other.unlock();
              lock.unlock();
            }
          }
          void signalled() {
            lock.lock();
            try { } finally {
              changed.signalAll();
              lock.unlock();
            }
          }
          private final Audit audit = new Audit();
          static class Audit { void record() {} }
        }
        """).doTest();
  }

  @Test
  void negative_plainLockFirstInsideTryAndAssignmentBeforeTry() {
    helper.addSource("Lenient.java", """
        import java.util.concurrent.locks.*;
        class Lenient {
          private final Lock a = new ReentrantLock();
          private final Lock b = new ReentrantLock();
          private volatile boolean active;
          void both() {
            try {
              a.lock();
              b.lock();
              active = true;
            } finally {
              a.unlock();
              b.unlock();
            }
          }
          void flag() {
            a.lock();
            active = true;
            try { active = false; } finally { a.unlock(); }
          }
        }
        """).doTest();
  }

  @Test
  void negative_unlockAndThrowBeforeTheTry() {
    helper.addSource("Pool.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Pool {
          private final ReentrantLock lock = new ReentrantLock();
          private boolean closed;
          private int free;
          int take() {
            this.lock.lock();
            if (this.closed) {
              this.lock.unlock();
              throw new IllegalStateException("closed");
            }
            try { return free--; } finally { lock.unlock(); }
          }
        }
        """).doTest();
  }
}
