package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class UnguardedSharedFieldTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(UnguardedSharedField.class);

  @Test
  void positive_poolTaskRacesWithItself() {
    AnalysisResult r = helper.addSource("Stats.java", """
        import java.util.concurrent.ExecutorService;
        class Stats {
          private long total;
          void record(ExecutorService pool, long n) {
            pool.submit(() -> {
              // EXPECT: unguarded-shared-field Field 'total' is written
              total = total + n;
            });
          }
        }
        """).doTest();
    Finding f = r.findings().get(0);
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.evidence()).hasSize(2);
    assertThat(f.evidence().get(0).message()).contains("holding no lock").contains("submit(..)");
  }

  @Test
  void positive_writeInPrivateHelperTwoCallsBelowThreadEntry() {
    AnalysisResult r = helper.addSource("Service.java", """
        class Service {
          private int balance;
          void start() {
            new Thread(this::work).start();
            System.out.println(balance);
          }
          private void work() { update(); }
          private void update() { bump(); }
          private void bump() {
            // EXPECT: unguarded-shared-field 'balance'
            balance++;
          }
        }
        """).doTest();
    Finding f = r.findings().get(0);
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.evidence().get(0).callPath()).containsExactly("Service.work()", "Service.update()", "Service.bump()");
    assertThat(f.message()).contains("Service.start()");
  }

  @Test
  void positive_lambdaSubmittedFromAnotherClass() {
    helper.addSource("Counter.java", """
        class Counter {
          int hits;
          void hit() {
            // EXPECT: unguarded-shared-field 'hits'
            hits++;
          }
        }
        """).addSource("Driver.java", """
        import java.util.concurrent.Executor;
        class Driver {
          private final Counter counter = new Counter();
          void drive(Executor ex) {
            for (int i = 0; i < 4; i++) {
              ex.execute(() -> counter.hit());
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_threadSubclassAndItsApi_isWarning() {
    AnalysisResult r = helper.addSource("Worker.java", """
        class Worker extends Thread {
          private int processed;
          public void run() {
            while (true) {
              // EXPECT: unguarded-shared-field 'processed'
              processed++;
            }
          }
          int processed() { return processed; }
        }
        """).doTest();
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void negative_lockTakenByCaller() {
    helper.addSource("Ledger.java", """
        import java.util.concurrent.ExecutorService;
        class Ledger {
          private final Object lock = new Object();
          private long sum;
          void add(ExecutorService pool, long n) {
            pool.submit(() -> { synchronized (lock) { apply(n); } });
          }
          private void apply(long n) { sum += n; }
          long sum() { synchronized (lock) { return sum; } }
        }
        """).doTest();
  }

  @Test
  void negative_reentrantLockInTryFinallyAroundReadAndWrite() {
    // a read under lock()/try/finally is guarded (a known false alarm in other tools)
    helper.addSource("Clock.java", """
        import java.util.concurrent.locks.*;
        import java.util.concurrent.ExecutorService;
        final class Clock {
          private final Lock lock = new ReentrantLock();
          private long time;
          long time() {
            lock.lock();
            try { return time; } finally { lock.unlock(); }
          }
          void tickLater(ExecutorService ex) {
            ex.execute(() -> {
              lock.lock();
              try { time = time + 1; } finally { lock.unlock(); }
            });
          }
        }
        """).doTest();
  }

  @Test
  void negative_writtenBeforeThreadStart() {
    // Thread.start() orders everything before it: the starter's earlier writes are not racy
    helper.addSource("Boot.java", """
        class Boot {
          private String name;
          void boot() {
            name = "worker";
            Thread t = new Thread(() -> System.out.println(name));
            t.start();
          }
        }
        """).doTest();
  }

  @Test
  void negative_freshObjectOwnedByTask() {
    helper.addSource("Jobs.java", """
        import java.util.concurrent.ExecutorService;
        class Box { int value; }
        class Jobs {
          void run(ExecutorService ex) {
            ex.submit(() -> {
              Box b = new Box();
              b.value = 42;
              return b.value;
            });
          }
        }
        """).doTest();
  }

  @Test
  void negative_volatileFinalAndThreadLocalFields() {
    helper.addSource("Flags.java", """
        import java.util.concurrent.ExecutorService;
        class Flags {
          private volatile boolean done;
          private final int limit = 10;
          private final ThreadLocal<StringBuilder> buf = ThreadLocal.withInitial(StringBuilder::new);
          void go(ExecutorService ex) {
            ex.execute(() -> { done = true; buf.get().append(limit); });
          }
          boolean done() { return done; }
        }
        """).doTest();
  }

  @Test
  void negative_lambdaRunsNowUnderCallersLock() {
    // a stream lambda inside a synchronized method runs on this thread, under the monitor
    helper.addSource("Thresholds.java", """
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        class Thresholds {
          private int limit;
          synchronized void update(int v) { limit = v; }
          synchronized boolean allBelow(List<Integer> xs) {
            return xs.stream().allMatch(x -> x < limit);
          }
          void startUpdater(ExecutorService ex) { ex.execute(() -> update(5)); }
        }
        """).doTest();
  }

  @Test
  void negative_noConcurrencyEvidence() {
    // a plain class with no threads, locks or contract: not reported
    helper.addSource("Plain.java", """
        class Plain {
          private int n;
          void inc() { n++; }
          int get() { return n; }
        }
        """).doTest();
  }

  @Test
  void negative_constructorWritesAreConstruction() {
    helper.addSource("Conf.java", """
        import java.util.concurrent.ExecutorService;
        class Conf {
          private int size;
          Conf(int s) { size = s; init(); }
          private void init() { size = size * 2; }
          void print(ExecutorService ex) { ex.execute(() -> System.out.println(size)); }
        }
        """).doTest();
  }

  @Test
  void negative_atomicReferenceHoldsFreshValue() {
    helper.addSource("Holder.java", """
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.atomic.AtomicReference;
        class Holder {
          private final AtomicReference<String> name = new AtomicReference<>("a");
          void go(ExecutorService ex) { ex.execute(() -> name.set("b")); }
          String name() { return name.get(); }
        }
        """).doTest();
  }

  @Test
  void negative_taskObjectsRunTwiceAreDifferentObjects() {
    // each submission runs a new task object; its own fields are not shared between the runs
    helper.addSource("Task.java", """
        import java.util.concurrent.Executor;
        class Task implements Runnable {
          private Runnable next;
          Task(Runnable n) { next = n; }
          public void run() { Runnable r = next; next = null; r.run(); }
          static void schedule(Executor ex, Runnable r) { ex.execute(new Task(r)); }
        }
        """).doTest();
  }

  // ---- per-instance confinement: each thread entry works on its own instance

  @Test
  void negative_eachThreadReachesItsOwnInstanceThroughFieldsOfDifferentTypes() {
    // a single-threaded Ledger is reached from two threads, each through its own holder object
    helper.addSource("Desk.java", """
        import java.util.concurrent.ExecutorService;
        class Ledger {
          private long total;
          void add(long n) { total += n; }
          long total() { return total; }
        }
        class Teller {
          private final Ledger ledger;
          Teller(Ledger l) { ledger = l; }
          void serve() { ledger.add(1); }
        }
        class Auditor {
          private final Ledger books;
          Auditor(Ledger l) { books = l; }
          long check() { return books.total(); }
        }
        class TellerThread extends Thread {
          private final Teller teller = new Teller(new Ledger());
          public void run() { while (!isInterrupted()) { teller.serve(); } }
        }
        class AuditTask implements Runnable {
          private final Auditor auditor = new Auditor(new Ledger());
          public void run() { auditor.check(); }
        }
        class Desk {
          void open(ExecutorService ex) { new TellerThread().start(); ex.execute(new AuditTask()); }
        }
        """).doTest();
  }

  @Test
  void negative_twoFieldsOfOneTypeFilledWithTheirOwnObjects() {
    helper.addSource("Pair.java", """
        import java.util.concurrent.ExecutorService;
        class Gauge {
          private int level;
          void raise() { level++; }
        }
        class Pump implements Runnable {
          private final Gauge gauge;
          Pump() { gauge = new Gauge(); }
          public void run() { gauge.raise(); }
        }
        class Drain implements Runnable {
          private final Gauge gauge = new Gauge();
          public void run() { gauge.raise(); }
        }
        class Pair {
          void go(ExecutorService ex) { ex.execute(new Pump()); ex.execute(new Drain()); }
        }
        """).doTest();
  }

  @Test
  void positive_oneObjectHandedToTwoWorkers() {
    // the same object reaches both workers through fields of one type: still a race
    var r = helper.addSource("Shop.java", """
        import java.util.concurrent.ExecutorService;
        class Tally {
          private int n;
          void bump() {
            // EXPECT: unguarded-shared-field Field 'n' is written
            n++;
          }
        }
        class Seller implements Runnable {
          private final Tally tally;
          Seller(Tally t) { tally = t; }
          public void run() { tally.bump(); }
        }
        class Refunder implements Runnable {
          private final Tally tally;
          Refunder(Tally t) { tally = t; }
          public void run() { tally.bump(); }
        }
        class Shop {
          void open(ExecutorService ex) {
            Tally shared = new Tally();
            ex.execute(new Seller(shared));
            ex.execute(new Refunder(shared));
          }
        }
        """).doTest();
    assertThat(r.findings()).hasSize(1);
  }

  @Test
  void negative_runnableParameterIsNotEveryScannedRunnable() {
    // task.run() runs whatever the caller handed in; guessing among the program's Runnables is no evidence
    helper.addSource("Loop.java", """
        import java.util.concurrent.ExecutorService;
        class Counter implements Runnable {
          private int ticks;
          public void run() { ticks++; }
        }
        class Loop {
          void every(ExecutorService ex, Runnable task) { ex.execute(() -> task.run()); }
        }
        """).doTest();
  }

  @Test
  void negative_executorParameterIsNotEveryScannedExecutor() {
    // ex.execute(r) runs whichever executor the caller handed in; a one-shot executor of the program
    // that keeps per-use state is not evidence that this call reaches it
    helper.addSource("Relay.java", """
        import java.util.concurrent.Executor;
        import java.util.concurrent.ExecutorService;
        class OneShot implements Executor {
          private Runnable task;
          private Thread caller;
          public void execute(Runnable r) { caller = Thread.currentThread(); task = r; r.run(); }
        }
        class Relay {
          void forward(ExecutorService pool, Executor target) {
            pool.execute(() -> target.execute(() -> {}));
            pool.execute(() -> target.execute(() -> {}));
          }
        }
        """).doTest();
  }

  @Test
  void negative_objectFromFactoryIsOwnedByTheCaller() {
    helper.addSource("Clock.java", """
        import java.util.concurrent.ExecutorService;
        class Deadline {
          private long left;
          Deadline(long ms) { left = ms; }
          void tick() { left--; }
        }
        class Clock {
          Deadline deadline(long ms) { return new Deadline(ms); }
          void go(ExecutorService ex) {
            ex.execute(() -> { Deadline d = deadline(5); d.tick(); });
          }
        }
        """).doTest();
  }

  @Test
  void negative_freshIteratorPassedToHelper() {
    helper.addSource("Walk.java", """
        import java.util.*;
        import java.util.concurrent.ExecutorService;
        class Steps implements Iterator<Integer> {
          private int at;
          public boolean hasNext() { return at < 3; }
          public Integer next() { return at++; }
        }
        class Route implements Iterable<Integer> {
          public Steps iterator() { return new Steps(); }
          static int count(Steps s) { int n = 0; while (s.hasNext()) { s.next(); n++; } return n; }
          void go(ExecutorService ex) { ex.execute(() -> count(iterator())); }
        }
        """).doTest();
  }

  @Test
  void negative_packagePrivateHelperCalledOnlyByItsClassUnderTheLock() {
    // drain() is package-private (for tests); in the program only Pump's own locked poll() calls it
    helper.addSource("Pump.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Pump {
          private final ReentrantLock lock = new ReentrantLock();
          private int pending;
          void start() { new Thread(this::loop).start(); }
          private void loop() { while (true) { poll(); } }
          public void add() { lock.lock(); try { pending++; } finally { lock.unlock(); } }
          public void poll() { lock.lock(); try { drain(); } finally { lock.unlock(); } }
          int drain() { int n = pending; pending = 0; return n; }
        }
        """).doTest();
  }

  @Test
  void positive_packagePrivateHelperAlsoCalledFromAnotherClass() {
    helper.addSource("Sink.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Sink {
          private final ReentrantLock lock = new ReentrantLock();
          private int pending;
          void start() { new Thread(this::loop).start(); }
          private void loop() { while (true) { poll(); } }
          public void add() { lock.lock(); try { pending++; } finally { lock.unlock(); } }
          public void poll() { lock.lock(); try { drain(); } finally { lock.unlock(); } }
          int drain() {
            int n = pending;
            // EXPECT: unguarded-shared-field Field 'pending' is written in Sink.drain()
            pending = 0;
            return n;
          }
        }
        class Flusher {
          void flush(Sink s) { s.drain(); }
        }
        """).doTest();
  }

  // ---- racy but benign: the hash-code cache idiom

  @Test
  void negative_hashCacheOfImmutableKeyReachedFromTwoThreads() {
    helper.addSource("Key.java", """
        import java.util.concurrent.ExecutorService;
        final class Key {
          private final String name;
          private int hash;
          Key(String n) { name = n; }
          @Override public int hashCode() {
            int h = hash;
            if (h == 0) {
              h = name.hashCode();
              hash = h;
            }
            return h;
          }
        }
        class Index {
          private final Key key = new Key("k");
          void warm(ExecutorService ex) { ex.execute(() -> key.hashCode()); ex.execute(() -> key.hashCode()); }
        }
        """).doTest();
  }

  @Test
  void positive_longCacheMayTear() {
    // a 64-bit plain write is two 32-bit writes (JLS 17.7): a reader may see half of it
    helper.addSource("Wide.java", """
        import java.util.concurrent.ExecutorService;
        final class Wide {
          private final String name;
          private long hash;
          Wide(String n) { name = n; }
          long hash() {
            if (hash == 0) {
              // EXPECT: unguarded-shared-field Field 'hash' is written
              hash = name.hashCode() * 31L;
            }
            return hash;
          }
        }
        class Store {
          private final Wide wide = new Wide("w");
          void warm(ExecutorService ex) { ex.execute(() -> wide.hash()); }
        }
        """).doTest();
  }

  @Test
  void negative_fluentSettersOnANewObjectAndFactoriesOfFactories() {
    helper.addSource("Wire.java", """
        import java.util.concurrent.ExecutorService;
        class Header {
          private int id;
          private String name;
          Header setId(int i) { id = i; return this; }
          Header setName(String n) { name = n; return this; }
        }
        class Stopwatch {
          private long left;
          Stopwatch(long ms) { left = ms; }
          void tick() { left--; }
        }
        class Clocks {
          Stopwatch watch(long ms) { return new Stopwatch(ms); }
          Stopwatch watch(java.time.Duration d) { return watch(d.toMillis()); }
        }
        class Wire {
          private final Clocks clocks = new Clocks();
          Header header(int i) { return new Header().setId(i).setName("h" + i); }
          void go(ExecutorService ex) {
            ex.execute(() -> header(1));
            ex.execute(() -> { Stopwatch w = clocks.watch(java.time.Duration.ofSeconds(1)); w.tick(); });
          }
        }
        """).doTest();
  }
}
