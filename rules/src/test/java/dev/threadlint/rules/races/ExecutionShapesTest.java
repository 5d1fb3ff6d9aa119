package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/**
 * How real code orders and confines its tasks: futures joined through allOf or a list, the
 * sequential fallback branch, one task object per thread, objects configured before anyone else
 * sees them, helpers only called under their callers' lock, benign lazy caches and stale reads.
 */
class ExecutionShapesTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(UnguardedSharedField.class, UnsafeSharedCollection.class,
      NonVolatileFlag.class, InconsistentSynchronization.class);

  @Test
  void negative_eachIterationJoinsItsTasksThroughAllOf() {
    helper.addSource("Converter.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Converter {
          private String current;
          private final List<String> done = new ArrayList<>();
          void convertAll(List<String> files, ExecutorService pool) throws Exception {
            for (String file : files) {
              CompletableFuture<Void> read = CompletableFuture.runAsync(() -> current = file, pool);
              CompletableFuture<Void> write = CompletableFuture.runAsync(() -> done.add(file), pool);
              CompletableFuture.allOf(read, write).get();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_tasksOfEveryIterationOverlapWithoutAJoin() {
    helper.addSource("Converter.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Converter {
          private final List<String> done = new ArrayList<>();
          void convertAll(List<String> files, ExecutorService pool) {
            for (String file : files) {
              // EXPECT: unsafe-shared-collection 'done'
              CompletableFuture.runAsync(() -> done.add(file), pool);
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_futuresGatheredInAListAndAllWaitedFor() {
    helper.addSource("Scanner.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Unit { final Map<String, String> params = new HashMap<>(); }
        class Scanner {
          private final Map<String, Integer> totals = new HashMap<>();
          void scanAll(ExecutorService pool, List<Unit> units) throws Exception {
            List<Future<?>> pending = new ArrayList<>();
            for (Unit u : units) {
              pending.add(pool.submit(() -> scan(u)));
            }
            for (Future<?> f : pending) {
              f.get();
            }
            totals.put("units", units.size());
          }
          private void scan(Unit u) { u.params.put("k", "v"); }
          int total() { return totals.getOrDefault("units", 0); }
        }
        """).doTest();
  }

  @Test
  void positive_aSharedCollectionTouchedByEveryGatheredTask() {
    helper.addSource("Scanner.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Scanner {
          private final Map<String, Integer> totals = new HashMap<>();
          void scanAll(ExecutorService pool, List<String> names) throws Exception {
            List<Future<?>> pending = new ArrayList<>();
            for (String n : names) {
              // EXPECT: unsafe-shared-collection 'totals'
              pending.add(pool.submit(() -> totals.merge(n, 1, Integer::sum)));
            }
            for (Future<?> f : pending) {
              f.get();
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_theSequentialFallbackNeverRunsBesideTheTasks() {
    helper.addSource("Indexer.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Indexer {
          private final List<String> seen = new ArrayList<>();
          void index(ExecutorService pool, List<String> docs) throws Exception {
            if (pool != null) {
              Future<?> f = pool.submit(() -> seen.addAll(docs));
              f.get();
            } else {
              seen.addAll(docs);
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_aStopFlagWrittenAndPolledByTheThreadThatOwnsItsTaskObject() {
    helper.addSource("Listener.java", """
        class Connection implements Runnable {
          private boolean stop;
          public void run() {
            if (!handshake()) {
              stop = true;
            }
            while (!stop) {
              if (!serveOne()) {
                stop = true;
              }
            }
          }
          boolean handshake() { return true; }
          boolean serveOne() { return false; }
        }
        class Listener {
          void acceptLoop() {
            while (true) {
              new Thread(new Connection()).start();
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_anObjectConfiguredByItsBuilderBeforeItIsHandedOut() {
    helper.addSource("Manager.java", """
        class Manager {
          private long size;
          private String name;
          void initialize(String n) { name = n; size = n.length(); }
          synchronized void write(byte[] b) { size += b.length; }
          synchronized String describe() { return name + size; }
        }
        class Factory {
          Manager create(String n) {
            Manager m = new Manager();
            m.initialize(n);
            return m;
          }
        }
        """).doTest();
  }

  @Test
  void negative_aProtectedStepOnlyCalledUnderTheLockOfItsTemplateMethod() {
    helper.addSource("Batcher.java", """
        import java.util.*;
        abstract class Batcher {
          private final List<String> pending = new ArrayList<>();
          public final synchronized void submit(String e) { add(e); }
          protected void add(String e) {
            pending.add(e);
            if (pending.size() > 10) {
              flush();
            }
          }
          public final synchronized void flush() { pending.clear(); }
        }
        """).doTest();
  }

  @Test
  void negative_aLazyImmutableFormatterBuiltByAPrivateHelper() {
    helper.addSource("Trace.java", """
        import java.time.format.DateTimeFormatter;
        import java.util.concurrent.*;
        class Trace {
          private static DateTimeFormatter formatter;
          static String stamp(String s) {
            DateTimeFormatter f = formatter;
            if (f == null) {
              f = build();
            }
            return f.toString() + s;
          }
          private static DateTimeFormatter build() {
            return formatter = DateTimeFormatter.ofPattern("HH:mm:ss");
          }
          void log(ExecutorService pool) { pool.submit(() -> stamp("a")); pool.submit(() -> stamp("b")); }
        }
        """).doTest();
  }

  @Test
  void info_aConfigurationScalarReadByTheBackgroundTask() {
    AnalysisResult r = helper.addSource("Monitor.java", """
        import java.util.concurrent.*;
        class Monitor {
          private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
          private int periodMs = 1000;
          private boolean acceptWhenLow = true;
          public void setPeriodMs(int p) {
            // EXPECT: unguarded-shared-field 'periodMs'
            periodMs = p;
          }
          public void start() { timer.schedule(this::tick, periodMs, TimeUnit.MILLISECONDS); }
          private void tick() {
            if (acceptWhenLow) {
              System.out.println("low");
            }
            timer.schedule(this::tick, periodMs, TimeUnit.MILLISECONDS);
          }
        }
        """).doTest();
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.message()).contains("stale value");
    });
  }

  @Test
  void positive_aCounterTheBackgroundTaskIncrementsStaysAWarning() {
    AnalysisResult r = helper.addSource("Monitor.java", """
        import java.util.concurrent.*;
        class Monitor {
          private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
          private int ticks;
          public void reset() { ticks = 0; }
          public void start() { timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS); }
          private void tick() {
            // EXPECT: unguarded-shared-field 'ticks'
            ticks++;
          }
        }
        """).doTest();
    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
  }
}
