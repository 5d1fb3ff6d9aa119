package dev.threadlint.rules.races;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class GuardedByViolationTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(GuardedByViolation.class);
  private static final String ANNOTATION = "@interface GuardedBy { String value(); }\n";

  @Test
  void positive_writeWithoutNamedLock() {
    helper.addSource("Account.java", """
        class Account {
          private final Object lock = new Object();
          @GuardedBy("lock") private long balance;
          void deposit(long n) {
            // EXPECT: guarded-by-violation Field 'balance' is @GuardedBy("lock")
            balance += n;
          }
          long balance() { synchronized (lock) { return balance; } }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void positive_wrongLockHeld() {
    helper.addSource("Queue2.java", """
        class Queue2 {
          private final Object a = new Object();
          @GuardedBy("this") private int size;
          void push() {
            synchronized (a) {
              // EXPECT: guarded-by-violation 'size'
              size++;
            }
          }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void negative_helperCalledUnderLock() {
    helper.addSource("Acc.java", """
        class Acc {
          @GuardedBy("this") private int n;
          synchronized void inc() { add(1); }
          private void add(int d) { n += d; }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void negative_methodAnnotatedGuardedByAssumesLockHeld() {
    helper.addSource("Acc2.java", """
        class Acc2 {
          private final Object lock = new Object();
          @GuardedBy("lock") private int n;
          @GuardedBy("lock") void addLocked(int d) { n += d; }
          void add(int d) { synchronized (lock) { addLocked(d); } }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void negative_classLiteralAndStaticSynchronized() {
    helper.addSource("Ids.java", """
        class Ids {
          @GuardedBy("Ids.class") private static int next;
          static synchronized int take() { return next++; }
          static int peek() { synchronized (Ids.class) { return next; } }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void negative_readWriteLockSides() {
    helper.addSource("Cfg.java", """
        import java.util.concurrent.locks.*;
        class Cfg {
          private final ReadWriteLock rw = new ReentrantReadWriteLock();
          @GuardedBy("rw") private String v;
          String get() { rw.readLock().lock(); try { return v; } finally { rw.readLock().unlock(); } }
          void set(String s) { rw.writeLock().lock(); try { v = s; } finally { rw.writeLock().unlock(); } }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void negative_constructorInitialization() {
    helper.addSource("Holder.java", """
        class Holder {
          @GuardedBy("this") private int n;
          Holder(int n) { this.n = n; }
          synchronized int n() { return n; }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void negative_forEachLambdaUnderLock() {
    helper.addSource("Agg.java", """
        import java.util.List;
        class Agg {
          @GuardedBy("this") private int sum;
          synchronized void addAll(List<Integer> xs) { xs.forEach(x -> sum += x); }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void negative_callbackRunsUnderCalleesLock() {
    helper.addSource("Tx.java", """
        class Tx {
          @GuardedBy("this") private int applied;
          void apply() { runLocked(() -> applied++); }
          private synchronized void runLocked(Runnable r) { r.run(); }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void negative_lockNamedThroughQualifiedType() {
    helper.addSource("lib/Locks2.java", """
        package lib;
        public class Locks2 { public static class Inner { public static final Object MU = new Object(); } }
        """).addSource("app/User.java", """
        package app;
        class User {
          @GuardedBy("lib.Locks2.Inner.MU") int x;
          void f() { synchronized (lib.Locks2.Inner.MU) { x++; } }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void positive_writeUnderReadLock() {
    // a read lock admits other readers: a write under it is not exclusive
    helper.addSource("Rw.java", """
        import java.util.concurrent.locks.ReentrantReadWriteLock;
        class Rw {
          private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
          @GuardedBy("lock") private boolean dirty;
          void mark() {
            lock.readLock().lock();
            try {
              // EXPECT: guarded-by-violation holds 'Rw.lock' (read lock)
              dirty = true;
            } finally { lock.readLock().unlock(); }
          }
        }
        """ + ANNOTATION).doTest();
  }

  // ---- Error Prone's forms of the lock expression

  @Test
  void negative_thisQualifiedFieldOuterThisAndLockAccessor() {
    helper.addSource("Forms.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Forms {
          private final Object mu = new Object();
          private final ReentrantLock rl = new ReentrantLock();
          @GuardedBy("this.mu") private int a;
          @GuardedBy("Forms.this") private int b;
          @GuardedBy("lock()") private int c;
          @GuardedBy("lock()") private int d;
          ReentrantLock lock() { return rl; }
          void setA(int v) { synchronized (mu) { a = v; } }
          synchronized void setB(int v) { b = v; }
          void setC(int v) { rl.lock(); try { c = v; } finally { rl.unlock(); } }
          void setD(int v) { lock().lock(); try { d = v; } finally { lock().unlock(); } }
          class Inner {
            void touchB() { synchronized (Forms.this) { b++; } }
          }
        }
        """ + ANNOTATION).doTest();
  }

  @Test
  void positive_lockAccessorFormStillChecked() {
    helper.addSource("Forms2.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Forms2 {
          private final ReentrantLock rl = new ReentrantLock();
          private final Object other = new Object();
          @GuardedBy("lock()") private int c;
          ReentrantLock lock() { return rl; }
          void setC(int v) {
            // EXPECT: guarded-by-violation Field 'c' is @GuardedBy("lock()")
            synchronized (other) { c = v; }
          }
        }
        """ + ANNOTATION).doTest();
  }
}
