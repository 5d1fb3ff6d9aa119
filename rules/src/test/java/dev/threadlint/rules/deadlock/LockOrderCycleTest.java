package dev.threadlint.rules.deadlock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.testing.RuleTestHelper;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockOrderCycleTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(LockOrderCycle.class);

  private static final String TWO_FIELDS = """
      class Pair {
        private final Object left = new Object();
        private final Object right = new Object();
        public void leftRight() {
          synchronized (left) {
            // EXPECT: lock-order-cycle 'Pair.left' -> 'Pair.right' -> 'Pair.left'
            synchronized (right) { }
          }
        }
        public void rightLeft() {
          synchronized (right) {
            synchronized (left) { }
          }
        }
      }
      """;

  @Test
  void positive_twoFieldLocksInOppositeOrders() {
    AnalysisResult r = helper.addSource("Pair.java", TWO_FIELDS).doTest();
    Finding f = r.findings().get(0);
    // both edges: where each first lock was taken and where the second
    assertThat(f.evidence()).hasSize(4);
    assertThat(f.evidence().get(0).message()).contains("'Pair.left' taken here");
    assertThat(f.evidence().get(1).message()).contains("'Pair.right' taken while holding 'Pair.left'");
    assertThat(f.suggestion()).isNotNull();
  }

  @Test
  void positive_secondAcquisitionThreeCallsDeep() {
    AnalysisResult r = helper.addSource("Deep.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Deep {
          private final ReentrantLock a = new ReentrantLock();
          private final ReentrantLock b = new ReentrantLock();
          public void outer() {
            a.lock();
            try {
              // EXPECT: lock-order-cycle 'Deep.a' -> 'Deep.b' -> 'Deep.a'
              one();
            } finally {
              a.unlock();
            }
          }
          private void one() { two(); }
          private void two() { three(); }
          private void three() {
            b.lock();
            try { } finally { b.unlock(); }
          }
          public void reverse() {
            b.lock();
            try {
              a.lock();
              try { } finally { a.unlock(); }
            } finally {
              b.unlock();
            }
          }
        }
        """).doTest();
    Finding f = r.findings().get(0);
    assertThat(f.evidence().get(1).callPath()).containsExactly("Deep.outer", "Deep.one", "Deep.two", "Deep.three");
  }

  @Test
  void positive_cycleAcrossTwoClasses_synchronizedMethods() {
    helper.addSource("Taxi.java", """
        class Taxi {
          private final Dispatcher dispatcher;
          private String location;
          Taxi(Dispatcher d) { this.dispatcher = d; }
          public synchronized String getLocation() { return location; }
          public synchronized void setLocation(String l) {
            location = l;
            dispatcher.notifyAvailable(this);
          }
        }
        """).addSource("Dispatcher.java", """
        import java.util.*;
        class Dispatcher {
          private final Set<Taxi> available = new HashSet<>();
          public synchronized void notifyAvailable(Taxi t) { available.add(t); }
          public synchronized List<String> image() {
            List<String> out = new ArrayList<>();
            // EXPECT: lock-order-cycle monitor of Dispatcher -> monitor of Taxi -> monitor of Dispatcher
            for (Taxi t : available) out.add(t.getLocation());
            return out;
          }
        }
        """).doTest();
  }

  @Test
  void positive_mixedSynchronizedAndReentrantLock() {
    helper.addSource("Mixed.java", """
        import java.util.concurrent.locks.*;
        class Mixed {
          private final Object monitor = new Object();
          private final Lock lock = new ReentrantLock();
          public void first() {
            synchronized (monitor) {
              lock.lock();
              try { } finally { lock.unlock(); }
            }
          }
          public void second() {
            lock.lock();
            try {
              // EXPECT: lock-order-cycle 'Mixed.lock' -> 'Mixed.monitor' -> 'Mixed.lock'
              synchronized (monitor) { }
            } finally {
              lock.unlock();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_swappedArgumentSelfCycle() {
    AnalysisResult r = helper.addSource("Bank.java", """
        class Account { int balance; }
        class Bank {
          public void transfer(Account from, Account to, int amount) {
            synchronized (from) {
              // EXPECT: lock-order-cycle swapped arguments: 'transfer' takes parameter 'from' then parameter 'to'
              synchronized (to) {
                from.balance -= amount;
                to.balance += amount;
              }
            }
          }
        }
        """).doTest();
    assertThat(r.findings().get(0).severity().name()).isEqualTo("ERROR");
  }

  @Test
  void positive_synchronizedMethodCallsSameTypeParameter() {
    helper.addSource("Cell.java", """
        class Cell {
          private int value;
          public synchronized int get() { return value; }
          public synchronized void copyFrom(Cell other) {
            // EXPECT: lock-order-cycle swapped arguments
            value = other.get();
          }
        }
        """).doTest();
  }

  @Test
  void positive_callersWithSwappedFieldsReportedOnce() {
    AnalysisResult r = helper.addSource("Bank.java", """
        class Account { int balance; }
        class Bank {
          private final Account a = new Account();
          private final Account b = new Account();
          void transfer(Account from, Account to) {
            synchronized (from) {
              // EXPECT: lock-order-cycle swapped arguments
              synchronized (to) { from.balance--; to.balance++; }
            }
          }
          public void ab() { transfer(a, b); }
          public void ba() { transfer(b, a); }
        }
        """).doTest();
    assertThat(r.findings()).hasSize(1);
  }

  @Test
  void negative_consistentGlobalOrderByIdWithTieLock() {
    helper.addSource("Bank.java", """
        class Account { final long id; int balance; Account(long id) { this.id = id; } }
        class Bank {
          private static final Object TIE = new Object();
          public void transfer(Account from, Account to, int amount) {
            int fh = System.identityHashCode(from);
            int th = System.identityHashCode(to);
            if (fh < th) {
              synchronized (from) { synchronized (to) { move(from, to, amount); } }
            } else if (fh > th) {
              synchronized (to) { synchronized (from) { move(from, to, amount); } }
            } else {
              synchronized (TIE) { synchronized (from) { synchronized (to) { move(from, to, amount); } } }
            }
          }
          public void transferById(Account from, Account to, int amount) {
            if (from.id < to.id) {
              synchronized (from) { synchronized (to) { move(from, to, amount); } }
            } else {
              synchronized (to) { synchronized (from) { move(from, to, amount); } }
            }
          }
          private void move(Account from, Account to, int amount) { from.balance -= amount; to.balance += amount; }
        }
        """).doTest();
  }

  @Test
  void negative_tryLockWithTimeoutAndBackOff() {
    helper.addSource("Mover.java", """
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.locks.ReentrantLock;
        class Mover {
          private final ReentrantLock a = new ReentrantLock();
          private final ReentrantLock b = new ReentrantLock();
          public boolean ab() throws InterruptedException {
            while (true) {
              if (a.tryLock(10, TimeUnit.MILLISECONDS)) {
                try {
                  if (b.tryLock(10, TimeUnit.MILLISECONDS)) {
                    try { return true; } finally { b.unlock(); }
                  }
                } finally {
                  a.unlock();
                }
              }
              Thread.sleep(5);
            }
          }
          public boolean ba() throws InterruptedException {
            if (b.tryLock(10, TimeUnit.MILLISECONDS)) {
              try {
                if (a.tryLock()) {
                  try { return true; } finally { a.unlock(); }
                }
              } finally {
                b.unlock();
              }
            }
            return false;
          }
        }
        """).doTest();
  }

  @Test
  void negative_nestedAcquisitionOfSameReentrantLock() {
    helper.addSource("Nested.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Nested {
          private final ReentrantLock lock = new ReentrantLock();
          private final Object other = new Object();
          public void outer() {
            lock.lock();
            try { inner(); } finally { lock.unlock(); }
          }
          public void inner() {
            lock.lock();
            try { synchronized (this) { helper(); } } finally { lock.unlock(); }
          }
          public synchronized void helper() { }
        }
        """).doTest();
  }

  @Test
  void negative_consistentOrderEverywhere() {
    helper.addSource("Ordered.java", """
        class Ordered {
          private final Object a = new Object();
          private final Object b = new Object();
          public void one() { synchronized (a) { synchronized (b) { } } }
          public void two() { synchronized (a) { synchronized (b) { } } }
          public void three() { synchronized (b) { } }
        }
        """).doTest();
  }

  @Test
  void negative_oppositeOrdersOnlyInPrivateUncalledCode() {
    helper.addSource("Dead.java", """
        class Dead {
          private final Object a = new Object();
          private final Object b = new Object();
          public void one() { synchronized (a) { synchronized (b) { } } }
          private void never() { synchronized (b) { synchronized (a) { } } }
        }
        """).doTest();
  }

  @Test
  void deterministic_sameOutputTwiceAndWithFourThreads() {
    String three = """
        class Three {
          private final Object a = new Object();
          private final Object b = new Object();
          private final Object c = new Object();
          public void ab() { synchronized (a) { synchronized (b) { } } }
          public void bc() { synchronized (b) { synchronized (c) { } } }
          public void ca() { synchronized (c) { synchronized (a) { } } }
          public void ba() { synchronized (b) { synchronized (a) { } } }
        }
        """;
    List<Finding> one = RuleTestHelper.forRule(LockOrderCycle.class).addSource("Three.java", three).addSource("Pair.java", TWO_FIELDS).analyze().findings();
    List<Finding> again = RuleTestHelper.forRule(LockOrderCycle.class).addSource("Three.java", three).addSource("Pair.java", TWO_FIELDS).analyze().findings();
    List<Finding> four = RuleTestHelper.forRule(LockOrderCycle.class).configure(b -> b.threads(4))
        .addSource("Three.java", three).addSource("Pair.java", TWO_FIELDS).analyze().findings();
    // a->b->c->a and a->b->a in Three, one cycle in Pair; each once, rotations not repeated
    assertThat(one).hasSize(3);
    assertThat(one.stream().map(Finding::message).toList()).containsExactlyInAnyOrder(
        "Lock-order cycle: 'Three.a' -> 'Three.b' -> 'Three.c' -> 'Three.a'; threads taking these locks in opposite orders can deadlock",
        "Lock-order cycle: 'Three.a' -> 'Three.b' -> 'Three.a'; threads taking these locks in opposite orders can deadlock",
        "Lock-order cycle: 'Pair.left' -> 'Pair.right' -> 'Pair.left'; threads taking these locks in opposite orders can deadlock");
    // the temporary directory differs per run: compare everything but the absolute paths
    assertThat(render(again)).isEqualTo(render(one));
    assertThat(render(four)).isEqualTo(render(one));
  }

  private static List<String> render(List<Finding> fs) {
    return fs.stream().map(f -> f.location().file().getFileName() + ":" + f.location().line() + " " + f.symbol() + " " + f.message() + " "
        + f.evidence().stream().map(e -> e.location().file().getFileName() + ":" + e.location().line() + " " + e.message() + " " + e.callPath()).toList())
        .toList();
  }

  @Test
  void negative_lockedObjectsOwnSynchronizedMethodIsReentrant() {
    helper.addSource("Registry.java", """
        import java.util.*;
        class Sensor {
          private final List<String> metrics = new ArrayList<>();
          synchronized List<String> metrics() { return metrics; }
          synchronized void add(Registry r, String m) { metrics.add(m); r.register(m); }
        }
        class Registry {
          private final Map<String, Sensor> sensors = new HashMap<>();
          synchronized void register(String m) { }
          public void remove(String name) {
            Sensor sensor = sensors.get(name);
            synchronized (sensor) {
              synchronized (this) {
                for (String m : sensor.metrics()) { }
              }
            }
          }
        }
        """).doTest();
  }
}
