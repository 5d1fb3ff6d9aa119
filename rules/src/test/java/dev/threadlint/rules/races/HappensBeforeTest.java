package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The thread lifecycle and the happens-before edges the race rules rely on: a thread runs from
 * its start() (not its construction), writes before start/submit are visible to the task,
 * join/get/await order the task's writes before what follows, one lane never overlaps itself.
 */
class HappensBeforeTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(UnguardedSharedField.class, UnsafeSharedCollection.class);

  @Test
  void negative_setterCalledBeforeStartInTheSameBody() {
    helper.addSource("Main.java", """
        class Worker implements Runnable {
          private int port;
          private String name;
          void setPort(int p) { port = p; }
          void configure(String n) { name = n; }
          public void run() { System.out.println(name + port); }
        }
        class Main {
          public static void main(String[] args) {
            Worker w = new Worker();
            w.setPort(8080);
            w.configure("a");
            new Thread(w).start();
          }
        }
        """).doTest();
  }

  @Test
  void positive_setterCalledAgainAfterStart() {
    AnalysisResult r = helper.addSource("Main.java", """
        class Worker implements Runnable {
          private int port;
          void setPort(int p) {
            // EXPECT: unguarded-shared-field 'port'
            port = p;
          }
          public void run() { System.out.println(port); }
        }
        class Main {
          public static void main(String[] args) {
            Worker w = new Worker();
            w.setPort(8080);
            new Thread(w).start();
            w.setPort(9090);
          }
        }
        """).doTest();
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.ERROR);
  }

  @Test
  void negative_threadHeldInFieldStartedByLifecycleMethodAfterConfiguration() {
    helper.addSource("Server.java", """
        class Server {
          private Thread acceptor;
          private int backlog;
          private String host;
          Server() { acceptor = new Thread(this::acceptLoop); }
          void setBacklog(int b) { backlog = b; }
          void setHost(String h) { host = h; }
          void start() { acceptor.start(); }
          private void acceptLoop() { System.out.println(host + backlog); }
        }
        class Boot {
          void boot() {
            Server s = new Server();
            s.setBacklog(10);
            s.setHost("localhost");
            s.start();
          }
        }
        """).doTest();
  }

  @Test
  void positive_threadStartedInConstructorRacesWithSetter() {
    helper.addSource("Server.java", """
        class Server {
          private int backlog;
          Server() { new Thread(this::acceptLoop).start(); }
          void setBacklog(int b) {
            // EXPECT: unguarded-shared-field 'backlog'
            backlog = b;
          }
          private void acceptLoop() { System.out.println(backlog); }
        }
        class Boot {
          void boot() {
            Server s = new Server();
            s.setBacklog(10);
          }
        }
        """).doTest();
  }

  @Test
  void negative_starterReadsAfterJoin() {
    helper.addSource("Job.java", """
        class Job {
          private long result;
          long compute() throws InterruptedException {
            Thread t = new Thread(() -> { result = 42; });
            t.start();
            t.join();
            return result;
          }
        }
        """).doTest();
  }

  @Test
  void positive_starterReadsBeforeJoin() {
    helper.addSource("Job.java", """
        class Job {
          private long result;
          long compute() throws InterruptedException {
            Thread t = new Thread(() -> {
              // EXPECT: unguarded-shared-field 'result'
              result = 42;
            });
            t.start();
            long early = result;
            t.join();
            return early;
          }
        }
        """).doTest();
  }

  @Test
  void positive_joinOnlyOnOnePathDoesNotOrder() {
    helper.addSource("Job.java", """
        class Job {
          private long result;
          long compute(boolean wait) throws InterruptedException {
            Thread t = new Thread(() -> {
              // EXPECT: unguarded-shared-field 'result'
              result = 42;
            });
            t.start();
            if (wait) {
              t.join();
            }
            return result;
          }
        }
        """).doTest();
  }

  @Test
  void negative_futureGetOrdersTheTaskBeforeTheRead() {
    helper.addSource("Job.java", """
        import java.util.concurrent.*;
        class Job {
          private final java.util.List<String> lines = new java.util.ArrayList<>();
          int load(ExecutorService pool) throws Exception {
            Future<?> f = pool.submit(() -> lines.add("x"));
            f.get();
            return lines.size();
          }
        }
        """).doTest();
  }

  @Test
  void negative_awaitTerminationAndTryWithResourcesEndTheTasks() {
    helper.addSource("Batch.java", """
        import java.util.concurrent.*;
        class Batch {
          private final java.util.Map<String, Integer> totals = new java.util.HashMap<>();
          int runA() throws Exception {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            ex.execute(() -> totals.put("a", 1));
            ex.shutdown();
            ex.awaitTermination(1, TimeUnit.MINUTES);
            return totals.size();
          }
          int runB() {
            try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
              ex.execute(() -> totals.put("b", 2));
            }
            return totals.get("b");
          }
        }
        """).doTest();
  }

  @Test
  void negative_latchCountedDownByTheTaskAndAwaitedByTheStarter() {
    helper.addSource("Loader.java", """
        import java.util.concurrent.*;
        class Loader {
          private String value;
          String load(Executor ex) throws InterruptedException {
            CountDownLatch done = new CountDownLatch(1);
            ex.execute(() -> {
              value = "loaded";
              done.countDown();
            });
            done.await();
            return value;
          }
        }
        """).doTest();
  }

  @Test
  void negative_tasksOfOneSingleThreadExecutorNeverOverlap() {
    helper.addSource("Indexer.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Indexer {
          private final ExecutorService worker = Executors.newSingleThreadExecutor();
          private final Map<String, Integer> index = new HashMap<>();
          private int rebuilds;
          void add(String w) { worker.execute(() -> index.merge(w, 1, Integer::sum)); }
          void rebuild() { worker.execute(() -> { index.clear(); rebuilds++; }); }
        }
        """).doTest();
  }

  @Test
  void positive_tasksOfAPoolOfFourOverlap() {
    helper.addSource("Indexer.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Indexer {
          private final ExecutorService worker = Executors.newFixedThreadPool(4);
          private final Map<String, Integer> index = new HashMap<>();
          void add(String w) {
            // EXPECT: unsafe-shared-collection 'index'
            worker.execute(() -> index.merge(w, 1, Integer::sum));
          }
          void rebuild() { worker.execute(() -> index.clear()); }
        }
        """).doTest();
  }

  @Test
  void negative_periodicTaskNeverOverlapsItsNextRun() {
    helper.addSource("Ticker.java", """
        import java.util.concurrent.*;
        class Ticker {
          private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
          private long ticks;
          private final java.util.List<Long> history = new java.util.ArrayList<>();
          private void tick() { ticks++; history.add(ticks); }
          void start() { timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS); }
        }
        """).doTest();
  }

  @Test
  void negative_timerTasksOfOneTimerRunOnItsSingleThread() {
    helper.addSource("Jobs.java", """
        import java.util.*;
        class Jobs {
          private final Timer timer = new Timer();
          private final List<String> log = new ArrayList<>();
          void plan() {
            timer.schedule(new TimerTask() { public void run() { log.add("a"); } }, 10);
            timer.schedule(new TimerTask() { public void run() { log.clear(); } }, 20, 20);
          }
        }
        """).doTest();
  }

  @Test
  void negative_secondThreadStartsAfterTheFirstWasJoined() {
    helper.addSource("Phases.java", """
        class Phases {
          private final java.util.List<String> items = new java.util.ArrayList<>();
          void run() throws InterruptedException {
            Thread load = new Thread(() -> items.add("a"));
            load.start();
            load.join();
            Thread print = new Thread(() -> items.forEach(System.out::println));
            print.start();
          }
        }
        """).doTest();
  }

  @Test
  void positive_writeBeforeSubmitInALoopRacesWithTheEarlierTask() {
    helper.addSource("Feeder.java", """
        import java.util.concurrent.*;
        class Feeder {
          private int next;
          void feed(ExecutorService pool) {
            for (int i = 0; i < 10; i++) {
              // EXPECT: unguarded-shared-field 'next'
              next = i;
              pool.submit(() -> System.out.println(next));
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_invokeAllReturnsAfterEveryTask() {
    helper.addSource("Fanout.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Fanout {
          private final List<Integer> sizes = new ArrayList<>();
          int run(ExecutorService pool) throws Exception {
            List<Callable<Integer>> tasks = new ArrayList<>();
            tasks.add(() -> 1);
            pool.invokeAll(tasks);
            sizes.add(3);
            return sizes.size();
          }
        }
        """).doTest();
  }

  @Test
  void positive_invokeAllTasksRaceWithEachOther() {
    helper.addSource("Fanout.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Fanout {
          private final List<Integer> sizes = new ArrayList<>();
          void run(ExecutorService pool) throws Exception {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            // EXPECT: unsafe-shared-collection 'sizes'
            tasks.add(() -> sizes.add(1));
            tasks.add(() -> sizes.add(2));
            pool.invokeAll(tasks);
          }
        }
        """).doTest();
  }
}
