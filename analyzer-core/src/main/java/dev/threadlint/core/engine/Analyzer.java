package dev.threadlint.core.engine;

import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest.RuleSetting;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.Resolver;
import dev.threadlint.core.program.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The pipeline: discover → parse (parallel) → program model → rules → suppression, fingerprints,
 * sorting. No global state: each call is independent. Problems with the input become diagnostics;
 * only problems with the request itself (missing paths, unknown rule ids) throw
 * {@link InputException}.
 */
public final class Analyzer {
  /** Stack size of worker threads: JavaParser and AST walks recurse once per nesting level. */
  static final long WORKER_STACK_BYTES = 512L * 1024 * 1024;

  private final RuleRegistry registry;

  public Analyzer(RuleRegistry registry) {
    this.registry = registry;
  }

  public Analyzer() {
    this(RuleRegistry.load());
  }

  public RuleRegistry registry() {
    return registry;
  }

  public AnalysisResult analyze(AnalysisRequest request) {
    return analyze(request, ProgressListener.NONE);
  }

  public AnalysisResult analyze(AnalysisRequest request, ProgressListener progress) {
    registry.requireKnown(request.ruleSettings().keySet());
    Baseline baseline = request.baseline().map(Baseline::read).orElse(null);
    Map<String, Long> timings = new LinkedHashMap<>();
    long t0 = System.nanoTime();

    SourceDiscovery.Result discovered = new SourceDiscovery(request.includes(), request.excludes()).discover(request.paths());
    List<Diagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>(discovered.diagnostics()));
    timings.put("discover", ms(t0));

    List<Path> jars = new ArrayList<>();
    for (Path cp : request.classpath()) {
      ClasspathEntries.expand(cp, jars, diagnostics);
    }
    Resolver resolver = new Resolver(jars, (p, why) -> diagnostics.add(Diagnostic.of("bad-classpath-entry", Diagnostic.Level.WARNING, p, "cannot open classpath entry: " + why)));

    List<Enabled> enabled = enabledRules(request);
    ExecutorService pool = pool(request.threads());
    try {
      long t1 = System.nanoTime();
      List<SourceFile> sources = parseAll(discovered.files(), request, resolver, pool, diagnostics, progress);
      timings.put("parse", ms(t1));
      if (discovered.files().isEmpty()) {
        diagnostics.add(Diagnostic.of("no-sources", Diagnostic.Level.WARNING, null, "no Java source files found in " + request.paths()));
      }

      long t2 = System.nanoTime();
      Program program = runOnWorker(pool, () -> new Program(sources, resolver, request.knowledge()));
      timings.put("model", ms(t2));

      long t3 = System.nanoTime();
      List<Finding> raw = Collections.synchronizedList(new ArrayList<>());
      runFileRules(program, enabled, request, pool, raw, diagnostics, progress);
      timings.put("file-rules", ms(t3));
      long t4 = System.nanoTime();
      runOnWorker(pool, () -> {
        for (Enabled e : enabled) {
          try {
            e.entry().rule().checkProgram(new ProgramContext(program, e.entry().metadata(), e.severity(), request.targetRelease(), raw::add));
          } catch (RuntimeException | StackOverflowError ex) {
            diagnostics.add(Diagnostic.of("rule-error", Diagnostic.Level.ERROR, null, "rule " + e.entry().metadata().id() + " failed: " + ex));
          }
        }
        return null;
      });
      timings.put("program-rules", ms(t4));
      timings.put("resolver", resolver.millis());

      Map<Path, SourceFile> byPath = new HashMap<>();
      for (SourceFile s : sources) {
        byPath.put(s.path(), s);
      }
      List<Finding> active = new ArrayList<>();
      List<Finding> suppressed = new ArrayList<>();
      Map<Path, Suppressions> suppressionsByFile = new HashMap<>();
      runOnWorker(pool, () -> {
        for (SourceFile s : sources) {
          try {
            Suppressions sup = new Suppressions(s);
            suppressionsByFile.put(s.path(), sup);
            diagnostics.addAll(sup.diagnostics());
          } catch (StackOverflowError e) {
            diagnostics.add(Diagnostic.of("too-complex", Diagnostic.Level.ERROR, s.path(),
                "nesting too deep to read its suppressions (stack exhausted); its findings are reported unsuppressed"));
          }
        }
        return null;
      });
      List<Finding> sorted = new ArrayList<>(raw);
      sorted.sort(Finding.ORDER);
      sorted = Fingerprints.assign(sorted, request.baseDir(), f -> {
        SourceFile s = byPath.get(f.location().file());
        return s == null ? "" : s.lineText(f.location().line());
      });
      for (Finding f : sorted) {
        Suppressions sup = suppressionsByFile.get(f.location().file());
        RuleMetadata meta = registry.find(f.ruleId()).map(RuleRegistry.Entry::metadata).orElse(null);
        Finding.Suppression s = sup == null || meta == null ? null : sup.match(f, meta);
        if (s != null) {
          suppressed.add(f.withSuppression(s));
        } else {
          active.add(f);
        }
      }
      List<Diagnostic> diags = new ArrayList<>(diagnostics);
      diags.sort(Diagnostic.ORDER);
      timings.put("total", ms(t0));
      progress.done();
      AnalysisResult result = new AnalysisResult(Version.get(), request.baseDir(), enabled.stream().map(e -> e.entry().metadata()).toList(),
          active, suppressed, diags, sources.size(), timings);
      return baseline == null ? result : baseline.apply(result, request.baselineFile().getFileName().toString());
    } finally {
      pool.shutdownNow();
    }
  }

  private record Enabled(RuleRegistry.Entry entry, Severity severity) {}

  private List<Enabled> enabledRules(AnalysisRequest request) {
    List<Enabled> out = new ArrayList<>();
    for (RuleRegistry.Entry e : registry.entries()) {
      RuleSetting s = setting(request, e.metadata());
      if (s == null) {
        out.add(new Enabled(e, e.metadata().defaultSeverity()));
      } else if (s.enabled()) {
        out.add(new Enabled(e, s.severity() == null ? e.metadata().defaultSeverity() : s.severity()));
      }
    }
    return out;
  }

  private static RuleSetting setting(AnalysisRequest request, RuleMetadata m) {
    RuleSetting s = request.ruleSettings().get(m.id());
    if (s != null) {
      return s;
    }
    for (String alt : m.altIds()) {
      s = request.ruleSettings().get(alt);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** How often the engine looks at a file's task that has not started yet or is still running. */
  private static final long POLL_MILLIS = 50;

  /**
   * Parses every file on the pool, each within {@link AnalysisRequest#fileTimeoutMillis()} (see
   * {@link #awaitBounded}). A file over its bound is reported as {@code timeout}; the parser stops
   * reading once its worker is interrupted.
   */
  private List<SourceFile> parseAll(List<Path> files, AnalysisRequest request, Resolver resolver, ExecutorService pool,
      List<Diagnostic> diagnostics, ProgressListener progress) {
    progress.phase("Parsing", files.size());
    ThreadLocal<SourceParser> parsers = ThreadLocal.withInitial(() -> new SourceParser(request.charset(), resolver.symbolSolver()));
    AtomicLongArray startedAt = new AtomicLongArray(files.size());
    List<Future<SourceParser.Outcome>> futures = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      int index = i;
      futures.add(pool.submit(() -> {
        startedAt.set(index, System.nanoTime());
        try {
          return parsers.get().parse(f);
        } finally {
          progress.step();
        }
      }));
    }
    List<SourceFile> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      try {
        Optional<SourceParser.Outcome> o = awaitBounded(futures.get(i), startedAt, i, request.fileTimeoutMillis(), pool);
        if (o.isEmpty()) {
          diagnostics.add(Diagnostic.of("timeout", Diagnostic.Level.ERROR, files.get(i),
              "parsing took longer than " + request.fileTimeoutMillis() + " ms; skipped"));
          continue;
        }
        diagnostics.addAll(o.get().diagnostics());
        o.get().source().ifPresent(out::add);
      } catch (ExecutionException e) {
        diagnostics.add(Diagnostic.of("internal-error", Diagnostic.Level.ERROR, files.get(i), "cannot parse: " + e.getCause()));
      }
    }
    return out;
  }

  /** What the per-file rules produced for one file. */
  private record FileOutcome(List<Finding> findings, List<Diagnostic> diagnostics) {}

  /**
   * Runs the per-file rules, each file within {@link AnalysisRequest#fileTimeoutMillis()}. A file's
   * findings are kept only when all its rules finished in time, so a timeout cannot make the result
   * depend on how far a rule got.
   */
  private void runFileRules(Program program, List<Enabled> enabled, AnalysisRequest request, ExecutorService pool,
      List<Finding> sink, List<Diagnostic> diagnostics, ProgressListener progress) {
    List<SourceFile> files = program.files();
    progress.phase("Analysing", files.size());
    AtomicLongArray startedAt = new AtomicLongArray(files.size());
    List<Future<FileOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      SourceFile file = files.get(i);
      int index = i;
      futures.add(pool.submit(() -> {
        startedAt.set(index, System.nanoTime());
        List<Finding> found = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        try {
          for (Enabled e : enabled) {
            try {
              e.entry().rule().checkFile(new FileContext(program, file, e.entry().metadata(), e.severity(), request.targetRelease(), found::add));
            } catch (RuntimeException | StackOverflowError ex) {
              problems.add(Diagnostic.of("rule-error", Diagnostic.Level.ERROR, file.path(), "rule " + e.entry().metadata().id() + " failed: " + ex));
            }
          }
          return new FileOutcome(found, problems);
        } finally {
          progress.step();
        }
      }));
    }
    for (int i = 0; i < files.size(); i++) {
      try {
        Optional<FileOutcome> o = awaitBounded(futures.get(i), startedAt, i, request.fileTimeoutMillis(), pool);
        if (o.isEmpty()) {
          diagnostics.add(Diagnostic.of("timeout", Diagnostic.Level.ERROR, files.get(i).path(),
              "analysis took longer than " + request.fileTimeoutMillis() + " ms; this file's findings are left out"));
          continue;
        }
        sink.addAll(o.get().findings());
        diagnostics.addAll(o.get().diagnostics());
      } catch (ExecutionException e) {
        diagnostics.add(Diagnostic.of("internal-error", Diagnostic.Level.ERROR, files.get(i).path(), String.valueOf(e.getCause())));
      }
    }
  }

  /**
   * Waits for task {@code i}. Its time bound runs from the moment a worker starts it (recorded in
   * {@code startedAt}), not from when the engine asks for its result, so a slow task cannot hide
   * behind those queued before it. Over the bound, the task is cancelled (its worker interrupted)
   * and the pool grows by one thread in case the worker does not stop, so the rest of the scan keeps
   * its parallelism. Returns empty on timeout.
   */
  private static <T> Optional<T> awaitBounded(Future<T> future, AtomicLongArray startedAt, int i, long timeoutMillis, ExecutorService pool)
      throws ExecutionException {
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      long started = startedAt.get(i);
      long waitNanos = TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
      if (started != 0) {
        long left = timeoutNanos - (System.nanoTime() - started);
        if (left <= 0 && !future.isDone()) {
          future.cancel(true);
          growPool(pool);
          return Optional.empty();
        }
        waitNanos = Math.max(1, Math.min(waitNanos, left));
      }
      try {
        return Optional.of(future.get(waitNanos, TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        // not started or not finished yet: look again
      } catch (CancellationException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static void growPool(ExecutorService pool) {
    if (pool instanceof ThreadPoolExecutor tpe) {
      synchronized (tpe) {
        tpe.setMaximumPoolSize(tpe.getMaximumPoolSize() + 1);
        tpe.setCorePoolSize(tpe.getCorePoolSize() + 1);
      }
    }
  }

  private interface Work<T> {
    T run();
  }

  /** Runs on a worker thread, for its deep stack. */
  private static <T> T runOnWorker(ExecutorService pool, Work<T> work) {
    try {
      return pool.submit(work::run).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static ExecutorService pool(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(null, r, "threadlint-worker-" + n.incrementAndGet(), WORKER_STACK_BYTES);
      t.setDaemon(true);
      return t;
    };
    return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
