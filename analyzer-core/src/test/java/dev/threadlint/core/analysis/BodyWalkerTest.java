package dev.threadlint.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.expr.Expression;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.testing.ProgramFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyWalkerTest {

  private static List<String> accesses(Program p, String method) {
    List<String> out = new ArrayList<>();
    BodyWalker.walk(p, ProgramFixture.body(p, method), new BodyWalker.Visitor() {
      @Override
      public void fieldAccess(Expression node, FieldModel field, boolean read, boolean write, LockSet held) {
        out.add((write ? "W " : "R ") + field.name() + " under " + held);
      }
    });
    return out;
  }

  @Test
  void synchronizedMethodAndBlocks() {
    Program p = ProgramFixture.of("""
        class Account {
          private final Object lock = new Object();
          private int balance;
          synchronized void deposit(int n) { balance += n; }
          void withdraw(int n) {
            synchronized (lock) { balance -= n; }
            balance = 0;
          }
        }
        """);
    assertThat(accesses(p, "Account.deposit")).containsExactly("W balance under monitor of Account");
    assertThat(accesses(p, "Account.withdraw")).containsExactly("R lock under no lock", "W balance under 'Account.lock'", "W balance under no lock");
  }

  @Test
  void lockUnlockInTryFinallyAndTryLock() {
    Program p = ProgramFixture.of("""
        import java.util.concurrent.locks.*;
        class Cache {
          private final ReentrantLock lock = new ReentrantLock();
          private final ReadWriteLock rw = new ReentrantReadWriteLock();
          private int size;
          void put() {
            lock.lock();
            try { size++; } finally { lock.unlock(); }
            size = 1;
          }
          void tryPut() {
            if (lock.tryLock()) {
              try { size = 2; } finally { lock.unlock(); }
            }
            if (!lock.tryLock()) return;
            try { size = 3; } finally { lock.unlock(); }
          }
          int read() {
            rw.readLock().lock();
            try { return size; } finally { rw.readLock().unlock(); }
          }
        }
        """);
    assertThat(accesses(p, "Cache.put")).containsExactly(
        "R lock under no lock", "W size under 'Cache.lock'", "R lock under 'Cache.lock'", "W size under no lock");
    assertThat(accesses(p, "Cache.tryPut")).contains("W size under 'Cache.lock'").doesNotContain("W size under no lock");
    assertThat(accesses(p, "Cache.read")).contains("R size under 'Cache.rw' (read lock)");
  }

  @Test
  void mustHoldAtMergePoints() {
    Program p = ProgramFixture.of("""
        class M {
          private final Object a = new Object();
          private int x;
          void m(boolean c) {
            if (c) { synchronized (a) { x = 1; } } else { x = 2; }
            x = 3;
          }
        }
        """);
    assertThat(accesses(p, "M.m")).containsExactly(
        "R a under no lock", "W x under 'M.a'", "W x under no lock", "W x under no lock");
  }

  @Test
  void parameterLocksAreDistinctPerParameter() {
    Program p = ProgramFixture.of("""
        class Bank {
          void transfer(Account from, Account to, int n) {
            synchronized (from) { synchronized (to) { from.balance -= n; to.balance += n; } }
          }
        }
        class Account { int balance; }
        """);
    List<String> acquisitions = new ArrayList<>();
    BodyWalker.walk(p, ProgramFixture.body(p, "Bank.transfer"), new BodyWalker.Visitor() {
      @Override
      public void acquire(LockId lock, com.github.javaparser.ast.Node at, LockSet heldBefore, Locks.Acquisition how) {
        acquisitions.add(lock.display() + " after [" + heldBefore + "]");
      }
    });
    assertThat(acquisitions).containsExactly(
        "parameter 'from' of Bank.transfer after [no lock]",
        "parameter 'to' of Bank.transfer after [parameter 'from' of Bank.transfer]");
  }
}
