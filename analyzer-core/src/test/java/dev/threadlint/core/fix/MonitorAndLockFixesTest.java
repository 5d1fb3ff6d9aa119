package dev.threadlint.core.fix;

import static dev.threadlint.core.fix.FixFixture.apply;
import static dev.threadlint.core.fix.FixFixture.assertCompilesBeforeAndAfter;
import static dev.threadlint.core.fix.FixFixture.find;
import static dev.threadlint.core.fix.FixFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.threadlint.core.program.SourceFile;
import org.junit.jupiter.api.Test;

class MonitorAndLockFixesTest {
  private static MethodCallExpr call(SourceFile f, String name) {
    return find(f, MethodCallExpr.class, c -> c.getNameAsString().equals(name));
  }

  @Test
  void notify_becomesNotifyAll() {
    String in = """
        class Box {
          private Object item;
          synchronized void put(Object o) {
            item = o;
            notify(); // wake a taker
          }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, MonitorFixes.notifyAll(f, call(f, "notify")));
    assertThat(out).contains("    notifyAll(); // wake a taker\n");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void ifWait_becomesWhileWait_keepingTheBody() {
    String in = """
        class Box {
          private Object item;
          synchronized Object take() throws InterruptedException {
            if (item == null) {
              wait();
            }
            Object o = item;
            item = null;
            return o;
          }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, MonitorFixes.waitInLoop(f, call(f, "wait")));
    assertThat(out).contains("    while (item == null) {\n      wait();\n    }\n");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void ifWait_insideTryCatch_becomesWhile() {
    SourceFile f = source("""
        class Box {
          Object item;
          synchronized void await() {
            if (item == null)
              try { wait(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
          }
        }
        """);
    String out = apply(f, MonitorFixes.waitInLoop(f, call(f, "wait")));
    assertThat(out).contains("while (item == null)\n      try { wait(); }");
  }

  @Test
  void ifWait_refusedWhenTheBodyDoesMore() {
    SourceFile f = source("class B { int n; synchronized void a() throws Exception { if (n == 0) { wait(); n--; } } }");
    assertThat(MonitorFixes.waitInLoop(f, call(f, "wait")).reason()).contains("does more than wait");
  }

  @Test
  void ifWait_refusedWhenTheConditionChangesState() {
    SourceFile f = source("class B { java.util.Queue<String> q; synchronized void a() throws Exception { if (q.poll() == null) wait(); } }");
    assertThat(MonitorFixes.waitInLoop(f, call(f, "wait")).reason()).isEqualTo("the condition calls 'poll()', which a loop would repeat on every wake-up");
    SourceFile g = source("class B { int n; synchronized void a() throws Exception { if (n-- > 0) wait(); } }");
    assertThat(MonitorFixes.waitInLoop(g, call(g, "wait")).reason()).contains("decrements");
  }

  @Test
  void ifWait_readOnlyCallsInTheConditionAreFine() {
    SourceFile f = source("class B { java.util.List<String> l; synchronized void a() throws Exception { if (l.isEmpty() || l.size() < 2) wait(); } }");
    assertThat(MonitorFixes.waitInLoop(f, call(f, "wait")).isPresent()).isTrue();
  }

  @Test
  void ifWait_refusedWithElse() {
    SourceFile f = source("class B { int n; synchronized void a() throws Exception { if (n == 0) wait(); else n--; } }");
    assertThat(MonitorFixes.waitInLoop(f, call(f, "wait")).reason()).contains("else");
  }

  @Test
  void synchronizedOnBoxedField_getsAPrivateLockObject_inEveryBlock() {
    String in = """
        class Counter {
          private Integer count = 0;

          void inc() {
            synchronized (count) {
              count++;
            }
          }

          int get() {
            synchronized (this.count) {
              return count;
            }
          }
        }
        """;
    SourceFile f = source(in);
    SynchronizedStmt first = f.unit().findAll(SynchronizedStmt.class).get(0);
    FixOutcome o = MonitorFixes.privateLockObject(f, first);
    String out = apply(f, o);
    assertThat(out).contains("  private Integer count = 0;\n  private final Object countLock = new Object();\n")
        .contains("synchronized (countLock) {\n      count++;")
        .contains("synchronized (countLock) {\n      return count;");
    assertThat(o.fix().orElseThrow().description()).contains("(2 blocks)");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void synchronizedOnStringConstant_staticLock_nameAvoidsClash() {
    String in = """
        class Registry {
          private static final String LOCK = "registry";
          private static final int LOCK_LOCK = 1;
          static void register() {
            synchronized (LOCK) {
              System.out.println(LOCK_LOCK);
            }
          }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, MonitorFixes.privateLockObject(f, f.unit().findFirst(SynchronizedStmt.class).orElseThrow()));
    assertThat(out).contains("private static final Object LOCK_LOCK2 = new Object();").contains("synchronized (LOCK_LOCK2)");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void privateLockObject_refusedWhenTheValueIsAlsoWaitedOn() {
    SourceFile f = source("class C { private String s = \"\"; void a() throws Exception { synchronized (s) { s.wait(); } } }");
    assertThat(MonitorFixes.privateLockObject(f, f.unit().findFirst(SynchronizedStmt.class).orElseThrow()).reason()).contains("s.wait()");
  }

  @Test
  void privateLockObject_refusedForNonPrivateField() {
    SourceFile f = source("class C { Long id = 1L; void a() { synchronized (id) { } } }");
    assertThat(MonitorFixes.privateLockObject(f, f.unit().findFirst(SynchronizedStmt.class).orElseThrow()).reason()).contains("not private");
  }

  @Test
  void addVolatile_forDoubleCheckedLocking() {
    String in = """
        class Holder {
          private static Holder instance;
          static Holder get() {
            if (instance == null) {
              synchronized (Holder.class) {
                if (instance == null) {
                  instance = new Holder();
                }
              }
            }
            return instance;
          }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, VisibilityFixes.addVolatile(f, find(f, VariableDeclarator.class, v -> v.getNameAsString().equals("instance"))));
    assertThat(out).contains("private static volatile Holder instance;");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void addVolatile_refusedForFinal() {
    SourceFile f = source("class H { private final Object o = new Object(); }");
    assertThat(VisibilityFixes.addVolatile(f, find(f, VariableDeclarator.class, v -> true)).reason()).contains("final");
  }

  @Test
  void lockInsideTry_movesBeforeIt() {
    String in = """
        import java.util.concurrent.locks.ReentrantLock;

        class Account {
          private final ReentrantLock lock = new ReentrantLock();
          private long balance;

          void deposit(long amount) {
            try {
              lock.lock();
              balance += amount;
            } finally {
              lock.unlock();
            }
          }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, LockFixes.moveLockBeforeTry(f, call(f, "lock")));
    assertThat(out).contains("""
          void deposit(long amount) {
            lock.lock();
            try {
              balance += amount;
            } finally {
              lock.unlock();
            }
          }
        """);
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void lockInsideTry_refusedWhenNotFirst() {
    SourceFile f = source("""
        class A { java.util.concurrent.locks.Lock lock; int n;
          void a() { try { n++; lock.lock(); n++; } finally { lock.unlock(); } } }
        """);
    assertThat(LockFixes.moveLockBeforeTry(f, call(f, "lock")).reason()).contains("would then run under the lock");
  }

  @Test
  void lockUnlockSequence_wrappedInTryFinally() {
    String in = """
        import java.util.concurrent.locks.Lock;
        import java.util.concurrent.locks.ReentrantLock;

        class Inventory {
          private final Lock lock = new ReentrantLock();
          private int stock;

          void restock(int n) {
            lock.lock();
            int before = stock;
            stock = before + n;

            System.out.println(stock);
            lock.unlock();
            System.out.println("done");
          }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, LockFixes.wrapInTryFinally(f, call(f, "lock")));
    assertThat(out).contains("""
            lock.lock();
            try {
              int before = stock;
              stock = before + n;

              System.out.println(stock);
            } finally {
              lock.unlock();
            }
            System.out.println("done");
        """);
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void lockUnlock_refusedWhenAVariableOutlivesTheTry() {
    SourceFile f = source("""
        class A { java.util.concurrent.locks.Lock lock; int n;
          int a() { lock.lock(); int v = n; lock.unlock(); return v; } }
        """);
    assertThat(LockFixes.wrapInTryFinally(f, call(f, "lock")).reason()).contains("'v' is declared between");
  }

  @Test
  void lockUnlock_refusedWithAnEarlyUnlock() {
    SourceFile f = source("""
        class A { java.util.concurrent.locks.Lock lock; int n;
          void a() { lock.lock(); if (n == 0) { lock.unlock(); return; } n--; lock.unlock(); } }
        """);
    assertThat(LockFixes.wrapInTryFinally(f, call(f, "lock")).reason()).contains("also unlocked");
  }

  @Test
  void threadRun_becomesStart() {
    String in = "class T { void go() { Thread t = new Thread(() -> {}); t.run(); } }";
    SourceFile f = source(in);
    String out = apply(f, VisibilityFixes.startInsteadOfRun(f, call(f, "run")));
    assertThat(out).contains("t.start();");
    assertCompilesBeforeAndAfter(in, out);
  }
}
