package dev.threadlint.core.analysis;

import dev.threadlint.core.program.CallGraph;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.Workers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Computes one summary per code body, bottom-up over the call graph: callees before callers, and
 * inside a strongly connected component (recursion) iterated until no summary changes (bounded by
 * {@link #MAX_ROUNDS}; summaries must grow monotonically and be capped by the computer so that
 * this terminates with the same result on every run).
 *
 * @param <S> the summary type; must implement {@code equals}
 */
public final class Summaries<S> {
  /** Fixpoint rounds per component before giving up on further growth. */
  public static final int MAX_ROUNDS = 8;

  /** Computes a body's summary given the summaries known so far for its callees. */
  public interface Computer<S> {
    S compute(MethodModel body, Function<MethodModel, S> calleeSummary);

    /** The summary assumed for a callee not yet computed (inside a recursive component). */
    S initial(MethodModel body);
  }

  private final Map<MethodModel, S> summaries;

  private Summaries(Map<MethodModel, S> summaries) {
    this.summaries = summaries;
  }

  /** Computes summaries with {@code summarize}, assuming {@code empty} for callees not yet computed. */
  public static <S> Summaries<S> compute(Program program, S empty, java.util.function.BiFunction<MethodModel, Function<MethodModel, S>, S> summarize) {
    return compute(program, new Computer<>() {
      @Override
      public S compute(MethodModel body, Function<MethodModel, S> calleeSummary) {
        return summarize.apply(body, calleeSummary);
      }

      @Override
      public S initial(MethodModel body) {
        return empty;
      }
    });
  }

  public static <S> Summaries<S> compute(Program program, Computer<S> computer) {
    CallGraph graph = program.callGraph();
    List<List<MethodModel>> components = graph.bottomUpComponents();
    Map<MethodModel, Integer> componentOf = new IdentityHashMap<>();
    for (int i = 0; i < components.size(); i++) {
      for (MethodModel m : components.get(i)) {
        componentOf.put(m, i);
      }
    }
    Map<MethodModel, S> done = new ConcurrentHashMap<>();
    int threads = Math.min(program.parallelism(), components.size() / MIN_COMPONENTS_PER_THREAD);
    if (threads <= 1) {
      for (List<MethodModel> component : components) {
        solve(graph, component, computer, done);
      }
    } else {
      new Scheduler<>(graph, components, componentOf, computer, done).run(threads);
    }
    return new Summaries<>(done);
  }

  /** Below this many components per thread, the work is too small to be worth a pool. */
  private static final int MIN_COMPONENTS_PER_THREAD = 500;

  /**
   * Solves one component given the final summaries of every component it calls ({@code done}):
   * once when it is not recursive, else iterated to a fixpoint. Depends only on the summaries of
   * its callees, so components can be solved in any order that puts callees first — in parallel
   * too — with the same result.
   */
  private static <S> void solve(CallGraph graph, List<MethodModel> component, Computer<S> computer, Map<MethodModel, S> done) {
    Map<MethodModel, S> current = new IdentityHashMap<>();
    for (MethodModel m : component) {
      current.put(m, computer.initial(m));
    }
    boolean recursive = component.size() > 1 || calls(graph, component.get(0), component.get(0));
    int rounds = recursive ? MAX_ROUNDS : 1;
    Function<MethodModel, S> lookup = callee -> {
      S s = current.get(callee);
      if (s == null) {
        s = done.get(callee);
      }
      return s != null ? s : computer.initial(callee);
    };
    for (int round = 0; round < rounds; round++) {
      boolean changed = false;
      for (MethodModel m : component) {
        S next = computer.compute(m, lookup);
        if (!Objects.equals(next, current.put(m, next))) {
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    done.putAll(current);
  }

  /**
   * Solves components on a pool of deep-stack threads, each as soon as every component it calls
   * is solved. The computer must be safe to call from several threads (summaries only read the
   * program).
   */
  private static final class Scheduler<S> {
    private final CallGraph graph;
    private final List<List<MethodModel>> components;
    private final Computer<S> computer;
    private final Map<MethodModel, S> done;
    private final int[] waitingFor;
    private final List<List<Integer>> callers;
    private final CountDownLatch remaining;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private ExecutorService pool;

    Scheduler(CallGraph graph, List<List<MethodModel>> components, Map<MethodModel, Integer> componentOf, Computer<S> computer,
        Map<MethodModel, S> done) {
      this.graph = graph;
      this.components = components;
      this.computer = computer;
      this.done = done;
      this.waitingFor = new int[components.size()];
      this.callers = new ArrayList<>(components.size());
      for (int i = 0; i < components.size(); i++) {
        callers.add(new ArrayList<>());
      }
      for (int i = 0; i < components.size(); i++) {
        Set<Integer> callees = new HashSet<>();
        for (MethodModel m : components.get(i)) {
          for (MethodModel t : graph.successors(m)) {
            Integer c = componentOf.get(t);
            if (c != null && c != i && callees.add(c)) {
              callers.get(c).add(i);
            }
          }
        }
        waitingFor[i] = callees.size();
      }
      this.remaining = new CountDownLatch(components.size());
    }

    void run(int threads) {
      pool = Executors.newFixedThreadPool(threads, Workers.deepStacks("threadlint-summaries"));
      try {
        // the leaves, collected before any task runs: a task's release may make more ready meanwhile
        List<Integer> leaves = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
          if (waitingFor[i] == 0) {
            leaves.add(i);
          }
        }
        leaves.forEach(this::submit);
        remaining.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while computing summaries", e);
      } finally {
        pool.shutdownNow();
      }
      Throwable t = failure.get();
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t instanceof Error err) {
        throw err;
      }
    }

    private void submit(int i) {
      pool.execute(() -> {
        try {
          if (failure.get() == null) {
            solve(graph, components.get(i), computer, done);
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        }
        release(i);
      });
    }

    private void release(int i) {
      if (failure.get() != null) {
        // stop scheduling: let the caller see the failure at once
        while (remaining.getCount() > 0) {
          remaining.countDown();
        }
        return;
      }
      for (int caller : callers.get(i)) {
        boolean ready;
        synchronized (waitingFor) {
          ready = --waitingFor[caller] == 0;
        }
        if (ready) {
          submit(caller);
        }
      }
      remaining.countDown();
    }
  }


  private static boolean calls(CallGraph graph, MethodModel from, MethodModel to) {
    return graph.callsFrom(from).stream().anyMatch(s -> s.targets().contains(to));
  }

  public S of(MethodModel body) {
    return summaries.get(body);
  }

  public Map<MethodModel, S> all() {
    return Collections.unmodifiableMap(summaries);
  }
}
