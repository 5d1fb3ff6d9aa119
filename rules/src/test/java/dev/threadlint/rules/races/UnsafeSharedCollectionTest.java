package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class UnsafeSharedCollectionTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(UnsafeSharedCollection.class);

  @Test
  void positive_listAddedFromPoolTasks() {
    var r = helper.addSource("ChatRoom.java", """
        import java.util.*;
        import java.util.concurrent.ExecutorService;
        class ChatRoom {
          private final List<String> history = new ArrayList<>();
          void onMessage(ExecutorService io, String m) {
            // EXPECT: unsafe-shared-collection Non-thread-safe List 'history' is changed by add(..) in
            io.execute(() -> history.add(m));
          }
        }
        """).doTest();
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.ERROR);
  }

  @Test
  void positive_mapInThreadSafeClass() {
    helper.addSource("Registry.java", """
        import java.util.*;
        @ThreadSafe
        class Registry {
          private final Map<String, Integer> ids = new HashMap<>();
          void register(String k, int v) {
            // EXPECT: unsafe-shared-collection 'ids'
            ids.put(k, v);
          }
          Integer lookup(String k) { return ids.get(k); }
        }
        @interface ThreadSafe {}
        """).doTest();
  }

  @Test
  void negative_concurrentCollections() {
    helper.addSource("Safe.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Safe {
          private final Map<String, Integer> m = new ConcurrentHashMap<>();
          private final List<String> l = new CopyOnWriteArrayList<>();
          private final Map<String, String> s = Collections.synchronizedMap(new HashMap<>());
          void go(ExecutorService ex) { ex.execute(() -> { m.put("a", 1); l.add("x"); s.put("k", "v"); }); }
        }
        """).doTest();
  }

  @Test
  void negative_everyUseUnderOneLock() {
    helper.addSource("Guarded.java", """
        import java.util.*;
        import java.util.concurrent.ExecutorService;
        class Guarded {
          private final List<Integer> xs = new ArrayList<>();
          void add(ExecutorService ex, int v) { ex.execute(() -> { synchronized (xs) { xs.add(v); } }); }
          int size() { synchronized (xs) { return xs.size(); } }
        }
        """).doTest();
  }

  @Test
  void negative_localCollectionInTask() {
    helper.addSource("Local.java", """
        import java.util.*;
        import java.util.concurrent.ExecutorService;
        class Local {
          void go(ExecutorService ex) {
            ex.submit(() -> { List<String> out = new ArrayList<>(); out.add("x"); return out; });
          }
        }
        """).doTest();
  }

  @Test
  void negative_filledBeforeThreadsStartThenOnlyRead() {
    helper.addSource("Table.java", """
        import java.util.*;
        import java.util.concurrent.ExecutorService;
        class Table {
          private final Map<String, Integer> codes = new HashMap<>();
          Table() { codes.put("a", 1); codes.put("b", 2); }
          void serve(ExecutorService ex) { ex.execute(() -> System.out.println(codes.get("a"))); }
        }
        """).doTest();
  }

  @Test
  void negative_unmodifiableWrapper() {
    helper.addSource("Consts.java", """
        import java.util.*;
        import java.util.concurrent.ExecutorService;
        class Consts {
          private final List<String> names = List.of("a", "b");
          void go(ExecutorService ex) { ex.execute(() -> names.forEach(System.out::println)); }
        }
        """).doTest();
  }

  @Test
  void negative_lockUsingClassWithoutAnyGuardedUseOfTheCollection() {
    // uses locks for something else; the list is only touched by one caller thread
    helper.addSource("Mixed.java", """
        import java.util.*;
        class Mixed {
          private int count;
          private final List<String> log = new ArrayList<>();
          synchronized void inc() { count++; }
          void note(String s) { log.add(s); }
        }
        """).doTest();
  }

  @Test
  void negative_interfaceFieldFromFactoryOrConditional() {
    // found on real code (a cache's recency queue): the field's declared type is Queue, the object a concurrent queue
    helper.addSource("Seg.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Seg {
          private final Queue<String> recency;
          private final Queue<String> removals = pick();
          Seg(boolean track) { recency = track ? new ConcurrentLinkedQueue<>() : discarding(); }
          static Queue<String> pick() { return new ConcurrentLinkedQueue<>(); }
          static Queue<String> discarding() { return new ConcurrentLinkedQueue<>(); }
          void touch(ExecutorService ex, String k) { ex.execute(() -> { recency.add(k); removals.poll(); }); }
        }
        """).doTest();
  }

  @Test
  void negative_runOfAStartedRunnableIsNotAlsoAnApiThatRacesWithItself() {
    // Poller uses a lock, so its public methods are concurrent by contract; run() is the body of
    // the one thread start() launches, and its own list stays on that thread
    helper.addSource("Poller.java", """
        import java.util.*;
        class Poller implements Runnable {
          private final List<String> pending = new ArrayList<>();
          private final Object lock = new Object();
          private int wakeups;
          void start() { new Thread(this).start(); }
          public void run() { while (!Thread.currentThread().isInterrupted()) { drain(); fill(); } }
          private void drain() { pending.clear(); }
          private void fill() { pending.add("x"); }
          public void wakeup() { synchronized (lock) { wakeups++; } }
        }
        """).doTest();
  }

  @Test
  void positive_anotherPublicMethodStillRacesWithTheThread() {
    helper.addSource("Poller2.java", """
        import java.util.*;
        class Poller2 implements Runnable {
          private final List<String> pending = new ArrayList<>();
          private final Object lock = new Object();
          private int wakeups;
          void start() { new Thread(this).start(); }
          public void run() { while (!Thread.currentThread().isInterrupted()) { drain(); } }
          private void drain() {
            // EXPECT: unsafe-shared-collection 'pending'
            pending.clear();
          }
          public int backlog() { return pending.size(); }
          public void wakeup() { synchronized (lock) { wakeups++; } }
        }
        """).doTest();
  }

  @Test
  void negative_taskOfAThreadSubclassThatDoesNotOverrideRun() {
    // NamedThread runs the Runnable it is given: Worker.run() is that one thread's body
    helper.addSource("Engine.java", """
        import java.util.*;
        class NamedThread extends Thread {
          NamedThread(String name, Runnable task) { super(task, name); }
        }
        class Worker implements Runnable {
          private final Object lock = new Object();
          private final List<String> jobs = new ArrayList<>();
          private int stats;
          public void run() { while (!Thread.currentThread().isInterrupted()) { jobs.clear(); jobs.add("x"); } }
          public void bump() { synchronized (lock) { stats++; } }
        }
        class Engine {
          private final Worker worker;
          Engine() { worker = new Worker(); }
          void start() { new NamedThread("w", worker).start(); }
        }
        """).doTest();
  }

  @Test
  void positive_taskOfAThreadSubclassRacesWithItsOwnApi() {
    helper.addSource("Engine2.java", """
        import java.util.*;
        class NamedThread2 extends Thread {
          NamedThread2(String name, Runnable task) { super(task, name); }
        }
        class Worker2 implements Runnable {
          private final List<String> jobs = new ArrayList<>();
          public void run() {
            while (!Thread.currentThread().isInterrupted()) {
              // EXPECT: unsafe-shared-collection 'jobs'
              jobs.add("x");
            }
          }
          public int pending() { return jobs.size(); }
        }
        class Engine2 {
          private final Worker2 worker;
          Engine2() { worker = new Worker2(); }
          void start() { new NamedThread2("w", worker).start(); }
        }
        """).doTest();
  }
}
