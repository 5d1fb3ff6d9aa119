package dev.threadlint.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.analysis.ConcurrencyModel.Confidence;
import dev.threadlint.core.analysis.ConcurrencyModel.Entry;
import dev.threadlint.core.analysis.ConcurrencyModel.EntryKind;
import dev.threadlint.core.analysis.ConcurrencyModel.Execution;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.testing.ProgramFixture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConcurrencyModelTest {

  private static List<String> threadEntries(ConcurrencyModel m) {
    return m.entries().stream().filter(e -> e.kind() == EntryKind.THREAD).map(e -> ConcurrencyModel.display(e.body())).toList();
  }

  @Test
  void findsThreadEntriesOfEveryLaunchKind() {
    Program p = ProgramFixture.of("""
        import java.util.concurrent.*;
        import java.util.*;
        class Launcher {
          void go(ExecutorService ex, ScheduledExecutorService s, List<Integer> xs) {
            new Thread(() -> a()).start();
            ex.submit(this::b);
            s.scheduleAtFixedRate(new Runnable() { public void run() { c(); } }, 1, 1, TimeUnit.SECONDS);
            CompletableFuture.supplyAsync(() -> 1).thenApplyAsync(x -> x + 1);
            xs.parallelStream().map(x -> x * 2).forEach(x -> {});
            xs.stream().map(x -> x + 1).forEach(x -> {});
            new Worker().start();
          }
          void a() {} void b() {} void c() {}
        }
        class Worker extends Thread { public void run() {} }
        class Fib extends RecursiveTask<Integer> { protected Integer compute() { return 1; } }
        """);
    ConcurrencyModel m = new ConcurrencyModel(p, Set.of(), Set.of());
    assertThat(threadEntries(m)).contains("lambda in Launcher.go()", "Launcher.b()", "new Runnable(){}.run()", "Worker.run()", "Fib.compute()");
    // two async lambdas and the two parallel-stream lambdas; the sequential stream's lambdas are not entries
    long lambdas = threadEntries(m).stream().filter(s -> s.equals("lambda in Launcher.go()")).count();
    assertThat(lambdas).isEqualTo(5);
  }

  @Test
  void runNowVersusLater() {
    Program p = ProgramFixture.of("""
        import java.util.*;
        import java.util.concurrent.*;
        class Cb {
          private Runnable stored;
          void go(Map<String, Integer> m, List<String> xs, Executor ex) {
            m.computeIfAbsent("k", k -> 1);
            xs.removeIf(s -> s.isEmpty());
            ex.execute(() -> {});
            register(() -> {});
            helper(() -> {});
          }
          void register(Runnable r) { stored = r; }
          void helper(Runnable r) { r.run(); }
        }
        """);
    ConcurrencyModel m = new ConcurrencyModel(p, Set.of(), Set.of());
    List<Execution> kinds = p.bodies().stream().filter(b -> b.isLambda()).map(m::execution).toList();
    assertThat(kinds).containsExactly(Execution.NOW, Execution.NOW, Execution.LATER, Execution.UNKNOWN, Execution.NOW);
  }

  @Test
  void contractClassesAndConfiguredAnnotations() {
    Program p = ProgramFixture.of("""
        @ThreadSafe class A { void m() {} }
        @Component class B { void m() {} }
        @Component @Scope("prototype") class C { void m() {} }
        class D extends HttpServlet { void doGet() {} }
        class E { synchronized void m() {} }
        @Shared class F { void m() {} }
        class G { void m() {} }
        class HttpServlet {}
        """);
    ConcurrencyModel builtIn = new ConcurrencyModel(p, Set.of(), Set.of());
    ConcurrencyModel configured = new ConcurrencyModel(p, Set.of("Shared"), Set.of());
    var types = p.types();
    assertThat(types.stream().filter(t -> builtIn.contractReason(t).isPresent()).map(t -> t.simpleName()).toList())
        .containsExactly("A", "B", "D", "E");
    assertThat(configured.contractReason(types.stream().filter(t -> t.simpleName().equals("F")).findFirst().orElseThrow())).isPresent();
  }

  @Test
  void starterIsConcurrentWithItsThreadAndPoolTasksWithThemselves() {
    Program p = ProgramFixture.of("""
        import java.util.concurrent.*;
        class S {
          void once() { new Thread(() -> {}).start(); }
          void pool(Executor ex) { ex.execute(() -> {}); }
        }
        """);
    ConcurrencyModel m = new ConcurrencyModel(p, Set.of(), Set.of());
    Entry thread = m.entries().stream().filter(e -> e.kind() == EntryKind.THREAD && !e.selfConcurrent()).findFirst().orElseThrow();
    Entry task = m.entries().stream().filter(e -> e.kind() == EntryKind.THREAD && e.selfConcurrent()).findFirst().orElseThrow();
    Entry starter = m.entries().stream().filter(e -> e.kind() == EntryKind.STARTER && e.related() == thread).findFirst().orElseThrow();
    assertThat(m.concurrency(thread, starter)).isEqualTo(Confidence.HIGH);
    assertThat(m.concurrency(thread, thread)).isEqualTo(Confidence.NONE);
    assertThat(m.concurrency(task, task)).isEqualTo(Confidence.HIGH);
  }
}
