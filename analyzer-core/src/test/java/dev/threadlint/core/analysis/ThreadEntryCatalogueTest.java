package dev.threadlint.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.analysis.ConcurrencyModel.EntryKind;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.testing.ProgramFixture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every API that hands code to another thread makes that code a thread entry, however the code is written. */
class ThreadEntryCatalogueTest {

  private static List<String> threadEntries(String... sources) {
    Program p = ProgramFixture.of(sources);
    ConcurrencyModel m = new ConcurrencyModel(p, Set.of(), Set.of());
    return m.entries().stream().filter(e -> e.kind() == EntryKind.THREAD).map(e -> ConcurrencyModel.display(e.body())).toList();
  }

  @Test
  void methodReferencesOfEveryFormAreTasks() {
    List<String> entries = threadEntries("""
        import java.util.concurrent.*;
        class Service {
          private final Helper helper = new Helper();
          void go(ExecutorService pool, ScheduledExecutorService s, Executor ex) {
            new Thread(this::reapLoop).start();
            pool.execute(this::rebuildIndex);
            pool.submit(helper::flush);
            CompletableFuture.runAsync(this::refresh, ex);
            s.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
            pool.submit(Service::cleanup);
            pool.submit(Job::new);
          }
          private void reapLoop() {}
          private void rebuildIndex() {}
          private void refresh() {}
          private void tick() {}
          static void cleanup() {}
        }
        class Helper { void flush() {} }
        class Job { Job() {} }
        """);
    assertThat(entries).contains("Service.reapLoop()", "Service.rebuildIndex()", "Helper.flush()", "Service.refresh()", "Service.tick()",
        "Service.cleanup()", "Job.<init>()");
  }

  @Test
  void timersInvokeAllAndInnerOrAnonymousThreadSubclasses() {
    List<String> entries = threadEntries("""
        import java.util.*;
        import java.util.concurrent.*;
        class Jobs {
          class Reader extends Thread { public void run() { readAll(); } }
          void go(ExecutorService pool) throws Exception {
            new Timer().schedule(new TimerTask() { public void run() { timed(); } }, 10);
            pool.invokeAll(List.of(() -> one(), () -> two()));
            new Reader().start();
            new Thread() { @Override public void run() { anon(); } }.start();
          }
          void timed() {} Integer one() { return 1; } Integer two() { return 2; } void readAll() {} void anon() {}
        }
        """);
    assertThat(entries).contains("new TimerTask(){}.run()", "Reader.run()", "new Thread(){}.run()");
    assertThat(entries.stream().filter(e -> e.equals("lambda in Jobs.go()")).count()).isEqualTo(2);
  }

  @Test
  void stagesOfAFutureCompletedOnAnotherThreadRunThere() {
    List<String> entries = threadEntries("""
        import java.util.concurrent.*;
        class Pipeline {
          private final CompletableFuture<String> done = new CompletableFuture<>();
          void go(Executor ex) {
            CompletableFuture.supplyAsync(() -> "a", ex).thenApply(s -> s + 1).thenAccept(this::use).whenComplete((r, t) -> log());
            CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> "b");
            f.handle((r, t) -> r);
            done.thenAccept(this::use);
            ex.execute(() -> done.complete("x"));
          }
          void local() {
            CompletableFuture.completedFuture("c").thenApply(s -> s);
          }
          void use(Object o) {} void log() {}
        }
        """);
    // supplyAsync x2, thenApply, thenAccept(this::use) counted once per body, whenComplete, handle, execute
    assertThat(entries).contains("Pipeline.use()");
    assertThat(entries.stream().filter(e -> e.equals("lambda in Pipeline.go()")).count()).isEqualTo(6);
    assertThat(entries).doesNotContain("lambda in Pipeline.local()");
  }

  @Test
  void springAsyncScheduledAndEventListenerMethodsAreEntries() {
    List<String> entries = threadEntries("""
        @Service
        class Mailer {
          @Async public void send(String to) {}
          @Scheduled(fixedRate = 1000) public void flush() {}
          @EventListener public void onEvent(Object e) {}
          @Async("pool") public java.util.concurrent.CompletableFuture<String> fetch() { return null; }
          public void plain() {}
        }
        """);
    assertThat(entries).contains("Mailer.send()", "Mailer.flush()", "Mailer.onEvent()", "Mailer.fetch()").doesNotContain("Mailer.plain()");
  }

  @Test
  void parallelStreamBodiesWhateverTheirForm() {
    List<String> entries = threadEntries("""
        import java.util.*;
        class Crunch {
          void go(List<Integer> xs) {
            xs.parallelStream().forEach(this::visit);
            xs.stream().parallel().map(x -> x * 2).forEach(x -> {});
          }
          void visit(Integer x) {}
        }
        """);
    assertThat(entries).contains("Crunch.visit()");
    assertThat(entries.stream().filter(e -> e.equals("lambda in Crunch.go()")).count()).isEqualTo(2);
  }
}
