package dev.threadlint.core.analysis;

import dev.threadlint.core.program.CallGraph;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import java.util.Collections;
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
    Map<MethodModel, S> out = new IdentityHashMap<>();
    CallGraph graph = program.callGraph();
    for (List<MethodModel> component : graph.bottomUpComponents()) {
      for (MethodModel m : component) {
        out.put(m, computer.initial(m));
      }
      boolean recursive = component.size() > 1 || calls(graph, component.get(0), component.get(0));
      int rounds = recursive ? MAX_ROUNDS : 1;
      for (int round = 0; round < rounds; round++) {
        boolean changed = false;
        for (MethodModel m : component) {
          S next = computer.compute(m, callee -> out.computeIfAbsent(callee, computer::initial));
          if (!Objects.equals(next, out.put(m, next))) {
            changed = true;
          }
        }
        if (!changed) {
          break;
        }
      }
    }
    return new Summaries<>(out);
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
