package dev.threadlint.rules.threads;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class UnboundedPoolQueueTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(UnboundedPoolQueue.class);

  @Test
  void positive_linkedQueueWithLargerMaximum() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          ExecutorService io() {
            // EXPECT: unbounded-pool-queue never grows beyond corePoolSize (4)
            return new ThreadPoolExecutor(4, 32, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          }
        }
        """).doTest();
  }

  @Test
  void positive_constantsAndQueueInLocal() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.LinkedBlockingDeque;
        import java.util.concurrent.ThreadPoolExecutor;
        import java.util.concurrent.TimeUnit;
        class Pools {
          private static final int CORE = 2;
          private static final int MAX = 16;
          ThreadPoolExecutor make() {
            BlockingQueue<Runnable> backlog = new LinkedBlockingDeque<>();
            // EXPECT: unbounded-pool-queue maximumPoolSize (16) has no effect
            return new ThreadPoolExecutor(CORE, MAX, 1L, TimeUnit.MINUTES, backlog);
          }
        }
        """).doTest();
  }

  @Test
  void positive_zeroCoreRunsOneThread() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          // EXPECT: unbounded-pool-queue corePoolSize is 0
          final ExecutorService lazy = new ThreadPoolExecutor(
              0, Runtime.getRuntime().availableProcessors(), 10, TimeUnit.SECONDS,
              new PriorityBlockingQueue<Runnable>());
        }
        """).doTest();
  }

  @Test
  void positive_maxValueMaximumAndTransferQueueField() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          private final LinkedTransferQueue<Runnable> queue = new LinkedTransferQueue<>();
          ExecutorService elastic() {
            // EXPECT: unbounded-pool-queue maximumPoolSize (Integer.MAX_VALUE)
            return new ThreadPoolExecutor(8, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, queue, Executors.defaultThreadFactory());
          }
        }
        """).doTest();
  }

  @Test
  void positive_explicitMaxValueCapacity() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          ExecutorService p() {
            // EXPECT: unbounded-pool-queue
            return new ThreadPoolExecutor(1, 4, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(Integer.MAX_VALUE));
          }
        }
        """).doTest();
  }

  @Test
  void negative_boundedQueues() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          ExecutorService a() {
            return new ThreadPoolExecutor(2, 8, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100));
          }
          ExecutorService b() {
            return new ThreadPoolExecutor(2, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(100));
          }
          ExecutorService c() {
            return new ThreadPoolExecutor(2, 8, 30, TimeUnit.SECONDS, new LinkedBlockingDeque<Runnable>(256));
          }
        }
        """).doTest();
  }

  @Test
  void negative_synchronousQueueHandsOff() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          ExecutorService cached() {
            return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>());
          }
        }
        """).doTest();
  }

  @Test
  void negative_coreEqualsMaximum() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          static final int N = 6;
          ExecutorService fixed() {
            return new ThreadPoolExecutor(N, N, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
          }
          ExecutorService single() {
            return new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          }
        }
        """).doTest();
  }

  @Test
  void negative_sizesNotConstant() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          private int core = 2;
          ExecutorService p(int max) {
            return new ThreadPoolExecutor(core, max, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          }
        }
        """).doTest();
  }

  @Test
  void negative_queueConstructionNotVisible() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          ExecutorService p(BlockingQueue<Runnable> q) {
            return new ThreadPoolExecutor(1, 10, 0, TimeUnit.SECONDS, q);
          }
          ExecutorService reassigned(boolean big) {
            BlockingQueue<Runnable> q = new LinkedBlockingQueue<>();
            if (big) {
              q = new ArrayBlockingQueue<>(10);
            }
            return new ThreadPoolExecutor(1, 10, 0, TimeUnit.SECONDS, q);
          }
        }
        """).doTest();
  }

  @Test
  void negative_userTypesOfTheSameName() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class LinkedBlockingQueue<E> extends ArrayBlockingQueue<E> {
          LinkedBlockingQueue() { super(64); }
        }
        class Pools {
          ExecutorService p() {
            return new java.util.concurrent.ThreadPoolExecutor(1, 10, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          }
        }
        """).addSource("ThreadPoolExecutor.java", """
        class ThreadPoolExecutor {
          ThreadPoolExecutor(int a, int b, long c, Object d, Object e) {}
          static ThreadPoolExecutor make() {
            return new ThreadPoolExecutor(1, 9, 0, null, new java.util.concurrent.LinkedBlockingQueue<Runnable>());
          }
        }
        """).doTest();
  }

  @Test
  void negative_scheduledPoolIsNotConfiguredThisWay() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          ScheduledExecutorService s() {
            return new ScheduledThreadPoolExecutor(4);
          }
        }
        """).doTest();
  }

  @Test
  void negative_coreSizeRaisedLater() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          ThreadPoolExecutor tuned(int threads) {
            ThreadPoolExecutor p = new ThreadPoolExecutor(1, 64, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            p.setCorePoolSize(threads);
            return p;
          }
        }
        """).doTest();
  }

  @Test
  void positive_queueCopiedFromACollectionHasNoCapacity() {
    helper.addSource("Pools.java", """
        import java.util.List;
        import java.util.concurrent.*;
        class Pools {
          ExecutorService resume(List<Runnable> leftovers) {
            // EXPECT: unbounded-pool-queue LinkedBlockingDeque is unbounded
            return new ThreadPoolExecutor(3, 12, 10, TimeUnit.SECONDS, new LinkedBlockingDeque<>(leftovers));
          }
        }
        """).doTest();
  }

  @Test
  void negative_capacityFromAVariable() {
    helper.addSource("Pools.java", """
        import java.util.concurrent.*;
        class Pools {
          ExecutorService p(int capacity, Integer boxed) {
            ExecutorService a = new ThreadPoolExecutor(3, 12, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(capacity));
            ExecutorService b = new ThreadPoolExecutor(3, 12, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(boxed));
            return new ThreadPoolExecutor(3, 12, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(capacity * 2));
          }
        }
        """).doTest();
  }
}
