package dev.threadlint.rules.races;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class NonAtomicCompoundUpdateTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(NonAtomicCompoundUpdate.class);

  @Test
  void positive_incrementOfVolatile() {
    helper.addSource("Hits.java", """
        class Hits {
          private volatile int count;
          void hit() {
            // EXPECT: non-atomic-compound-update 'count++' on volatile field 'count'
            count++;
          }
          void add(int n) {
            // EXPECT: non-atomic-compound-update volatile field 'count'
            count = count + n;
          }
        }
        """).doTest();
  }

  @Test
  void positive_atomicGetThenSet() {
    helper.addSource("Seq.java", """
        import java.util.concurrent.atomic.AtomicInteger;
        class Seq {
          private final AtomicInteger next = new AtomicInteger();
          int take() {
            // EXPECT: non-atomic-compound-update Non-atomic update of AtomicInteger 'next'
            next.set(next.get() + 1);
            return next.get();
          }
          void resetIfDone() {
            if (next.get() > 100) {
              // EXPECT: non-atomic-compound-update is checked and then
              next.set(0);
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_underLock() {
    helper.addSource("Locked.java", """
        class Locked {
          private volatile int n;
          synchronized void inc() { n++; }
          void dec() { synchronized (this) { n--; } }
        }
        """).doTest();
  }

  @Test
  void negative_plainSingleWriteOfVolatile() {
    helper.addSource("Flag.java", """
        class Flag {
          private volatile boolean stop;
          private volatile int last;
          void stop() { stop = true; last = 5; }
        }
        """).doTest();
  }

  @Test
  void negative_nonVolatileLocalAndConstructor() {
    helper.addSource("Loc.java", """
        class Loc {
          private volatile int v;
          Loc() { v++; }
          int f() { int i = 0; i++; return i; }
        }
        """).doTest();
  }

  @Test
  void negative_atomicOperations() {
    helper.addSource("At.java", """
        import java.util.concurrent.atomic.*;
        class At {
          private final AtomicLong a = new AtomicLong();
          private final AtomicReference<String> r = new AtomicReference<>();
          void go() { a.incrementAndGet(); a.updateAndGet(x -> x * 2); r.compareAndSet(null, "x"); r.set("y"); }
        }
        """).doTest();
  }

  @Test
  void negative_setFromOtherAtomic() {
    helper.addSource("Two.java", """
        import java.util.concurrent.atomic.AtomicInteger;
        class Two {
          private final AtomicInteger a = new AtomicInteger();
          private final AtomicInteger b = new AtomicInteger();
          void copy() { a.set(b.get()); }
        }
        """).doTest();
  }

  @Test
  void negative_lockedWithReentrantLock() {
    helper.addSource("RL.java", """
        import java.util.concurrent.locks.*;
        class RL {
          private final Lock lock = new ReentrantLock();
          private volatile long total;
          void add(long n) { lock.lock(); try { total += n; } finally { lock.unlock(); } }
        }
        """).doTest();
  }

  @Test
  void negative_volatileOfObjectCreatedHere() {
    helper.addSource("Own.java", """
        class Cell { volatile int x; }
        class Own {
          int make() { Cell c = new Cell(); c.x++; return c.x; }
        }
        """).doTest();
  }
}
