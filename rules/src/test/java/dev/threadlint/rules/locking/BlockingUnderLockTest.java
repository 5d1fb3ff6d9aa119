package dev.threadlint.rules.locking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.testing.RuleTestHelper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockingUnderLockTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(BlockingUnderLock.class);

  @Test
  void positive_sleepAndQueueAndFutureDirectly() {
    helper.addSource("Poller.java", """
        import java.util.concurrent.*;
        class Poller {
          private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
          private final Object lock = new Object();
          synchronized void pause() throws InterruptedException {
            // EXPECT: blocking-under-lock 'Thread.sleep()' blocks while holding monitor of Poller
            Thread.sleep(100);
          }
          String next() throws InterruptedException {
            synchronized (lock) {
              // EXPECT: blocking-under-lock 'BlockingQueue.take()' blocks while holding 'Poller.lock'
              return queue.take();
            }
          }
          String result(Future<String> f) throws Exception {
            synchronized (lock) {
              // EXPECT: blocking-under-lock 'Future.get()'
              return f.get();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_throughCallees() {
    AnalysisResult r = helper.addSource("Service.java", """
        import java.util.concurrent.CountDownLatch;
        import java.util.concurrent.locks.ReentrantLock;
        class Service {
          private final ReentrantLock lock = new ReentrantLock();
          private final CountDownLatch ready = new CountDownLatch(1);
          void start() throws InterruptedException {
            lock.lock();
            try {
              // EXPECT: blocking-under-lock 'CountDownLatch.await()' blocks while holding 'Service.lock' (in Service.awaitReady)
              prepare();
            } finally {
              lock.unlock();
            }
          }
          private void prepare() throws InterruptedException { awaitReady(); }
          private void awaitReady() throws InterruptedException { ready.await(); }
        }
        """).doTest();
    assertThat(r.findings().get(0).evidence().get(1).callPath()).containsExactly("Service.start", "Service.prepare", "Service.awaitReady");
  }

  @Test
  void positive_waitOnOtherMonitorKeepsOuterLock() {
    helper.addSource("Nested.java", """
        class Nested {
          private final Object outer = new Object();
          private final Object inner = new Object();
          void await() throws InterruptedException {
            synchronized (outer) {
              synchronized (inner) {
                // EXPECT: blocking-under-lock 'inner.wait()' releases only its own monitor; 'Nested.outer' stays held
                inner.wait();
              }
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_extraBlockingMethodFromConfiguration() {
    RuleTestHelper.forRules(List.of(new BlockingUnderLock(Set.of("com.acme.Remote#fetch")))).addSource("Client.java", """
        class Remote { String fetch() { return ""; } }
        class Client {
          private final Remote remote = new Remote();
          synchronized String load() {
            // EXPECT: blocking-under-lock 'Remote.fetch()'
            return remote.fetch();
          }
        }
        """).doTest();
  }

  @Test
  void negative_waitOnOwnMonitorAndBlockingOutsideLock() {
    helper.addSource("Box.java", """
        import java.util.concurrent.*;
        class Box {
          private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(4);
          private String value;
          synchronized String await() throws InterruptedException {
            while (value == null) wait();
            return value;
          }
          void send(String s) throws InterruptedException {
            String copy;
            synchronized (this) { copy = s + value; }
            queue.put(copy);
          }
          String poll() {
            synchronized (this) { return queue.poll(); }
          }
        }
        """).doTest();
  }

  @Test
  void negative_unknownReceiverTypeIsNotAssumedBlocking() {
    helper.addSource("Thing.java", """
        class Thing {
          synchronized void go(Object o) {
            var x = make();
            x.take();
          }
          Taker make() { return new Taker(); }
        }
        class Taker { void take() {} }
        """).doTest();
  }

  @Test
  void negative_lockScopedToTryWithResources() {
    helper.addSource("Scoped.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class ScopedLock implements AutoCloseable {
          private final ReentrantLock lock = new ReentrantLock();
          ScopedLock lock() { lock.lock(); return this; }
          public void close() { lock.unlock(); }
        }
        class Scoped {
          private final ScopedLock lock = new ScopedLock();
          private int n;
          void tick() throws InterruptedException {
            try (ScopedLock l = lock.lock()) {
              n++;
            }
            Thread.sleep(10);
          }
        }
        """).doTest();
  }

  @Test
  void negative_virtualCallWithSeveralTargetsIsNotFollowed() {
    helper.addSource("Jobs.java", """
        interface Job { void run() throws InterruptedException; }
        class Sleepy implements Job { public void run() throws InterruptedException { Thread.sleep(10); } }
        class Quick implements Job { public void run() { } }
        class Runner {
          synchronized void go(Job job) throws InterruptedException { job.run(); }
        }
        """).doTest();
  }

  @Test
  void positive_extraBlockingMethodFromTheRequest() {
    helper.configure(b -> b.extraBlockingMethods(List.of("com.acme.Gateway#call"))).addSource("Client.java", """
        class Gateway { String call() { return ""; } }
        class Client {
          private final Gateway gateway = new Gateway();
          synchronized String load() {
            // EXPECT: blocking-under-lock 'Gateway.call()'
            return gateway.call();
          }
        }
        """).doTest();
  }
}
