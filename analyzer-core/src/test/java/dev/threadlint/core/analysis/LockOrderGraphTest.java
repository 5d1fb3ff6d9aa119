package dev.threadlint.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.program.Program;
import dev.threadlint.core.testing.ProgramFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockOrderGraphTest {

  private static List<String> edges(Program p) {
    return LockOrderGraph.of(p).edges().stream().map(e -> e.from().display() + " -> " + e.to().display()).toList();
  }

  @Test
  void calleeParameterLocksMapToCallerArguments() {
    Program p = ProgramFixture.of("""
        class Account { }
        class Bank {
          private final Account a = new Account();
          private final Account b = new Account();
          private void both(Account x, Account y) { synchronized (x) { synchronized (y) { } } }
          public void ab() { both(a, b); }
        }
        """);
    assertThat(edges(p)).contains("'Bank.a' -> 'Bank.b'");
    // the private method itself is not a concurrent entry; its parameter edge is seen only through callers
    assertThat(edges(p)).doesNotContain("parameter 'x' of Bank.both -> parameter 'y' of Bank.both");
  }

  @Test
  void synchronizedMethodOfAnotherObjectIsItsMonitorAndReentrancyIsNoEdge() {
    Program p = ProgramFixture.of("""
        class Node {
          synchronized void touch() { }
          synchronized void self() { touch(); }
          synchronized void other(Node n) { n.touch(); }
        }
        class Tree {
          private final Node root = new Node();
          public synchronized void walk() { root.touch(); }
        }
        """);
    assertThat(edges(p)).containsExactlyInAnyOrder(
        "monitor of Node -> parameter 'n' of Node.other",
        "monitor of Tree -> monitor of Node");
  }

  @Test
  void timedAndUntimedTryLockAreNotEdgesButHoldingThemIs() {
    Program p = ProgramFixture.of("""
        import java.util.concurrent.locks.ReentrantLock;
        class T {
          private final ReentrantLock a = new ReentrantLock();
          private final ReentrantLock b = new ReentrantLock();
          private final Object c = new Object();
          public void go() {
            a.lock();
            try {
              if (b.tryLock()) {
                try { synchronized (c) { } } finally { b.unlock(); }
              }
            } finally { a.unlock(); }
          }
        }
        """);
    assertThat(edges(p)).containsExactlyInAnyOrder("'T.a' -> 'T.c'", "'T.b' -> 'T.c'");
  }

  @Test
  void lockFromTryWithResourcesEndsWithTheTry() {
    Program p = ProgramFixture.of("""
        import java.util.concurrent.locks.ReentrantLock;
        class Guard implements AutoCloseable {
          private final ReentrantLock lock = new ReentrantLock();
          Guard lock() { lock.lock(); return this; }
          public void close() { lock.unlock(); }
        }
        class U {
          private final Guard g = new Guard();
          private final Object o = new Object();
          public void go() {
            try (Guard x = g.lock()) { }
            synchronized (o) { }
          }
        }
        """);
    assertThat(edges(p)).isEmpty();
  }

  @Test
  void summariesRecordCallPathsAndBlockingWithHeldLocks() {
    Program p = ProgramFixture.of("""
        class S {
          private final Object lock = new Object();
          public void run() throws InterruptedException { synchronized (lock) { a(); } }
          private void a() throws InterruptedException { b(); }
          private void b() throws InterruptedException { Thread.sleep(1); }
        }
        """);
    LockSummaries.Summary s = LockSummaries.of(p).of(ProgramFixture.body(p, "S.run"));
    assertThat(s.blocking()).singleElement().satisfies(b -> {
      assertThat(b.description()).isEqualTo("Thread.sleep()");
      assertThat(b.held().toString()).isEqualTo("'S.lock'");
      assertThat(b.path().stream().map(h -> h.callee().name()).toList()).containsExactly("a", "b");
    });
  }
}
