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
import dev.threadlint.core.spotbugs.BugMapper;
import dev.threadlint.core.spotbugs.CrossCheckMerger;
import dev.threadlint.core.spotbugs.SpotBugsCrossCheck;
import dev.threadlint.core.spotbugs.SpotBugsRules;
import dev.threadlint.core.spotbugs.SpotBugsRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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
    Map<String, Long> timings = new LinkedHashMap<>();
    long t0 = System.nanoTime();

    SourceDiscovery.Result discovered = new SourceDiscovery(request.includes(), request.excludes()).discover(request.paths());
    List<Diagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>(discovered.diagnostics()));
    timings.put("discover", ms(t0));

    List<Path> jars = new ArrayList<>();
    for (Path cp : request.classpath()) {
      ClasspathEntries.expand(cp, jars, diagnostics);
    }
    // bytecode cross-check: starts now on its own thread, joined after the source rules
    SpotBugsCrossCheck.Pending spotbugs = null;
    if (request.runsSpotBugs()) {
      List<Path> classes = SpotBugsCrossCheck.validate(request.classDirs());
      List<Path> aux = request.classpath().stream().map(p -> p.toAbsolutePath().normalize()).toList();
      spotbugs = SpotBugsCrossCheck.start(classes, aux);
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
      Program program = runOnWorker(pool, () -> new Program(sources, resolver));
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

      List<Finding> all = new ArrayList<>(raw);
      if (spotbugs != null) {
        long t5 = System.nanoTime();
        all = crossCheck(spotbugs, request, sources, all, diagnostics);
        timings.put("spotbugs", spotbugs.millis());
        timings.put("spotbugs-wait", ms(t5));
      }

      Map<Path, SourceFile> byPath = new HashMap<>();
      for (SourceFile s : sources) {
        byPath.put(s.path(), s);
      }
      List<Finding> active = new ArrayList<>();
      List<Finding> suppressed = new ArrayList<>();
      Map<Path, Suppressions> suppressionsByFile = new HashMap<>();
      for (SourceFile s : sources) {
        Suppressions sup = new Suppressions(s);
        suppressionsByFile.put(s.path(), sup);
        diagnostics.addAll(sup.diagnostics());
      }
      List<Finding> sorted = new ArrayList<>(all);
      sorted.sort(Finding.ORDER);
      sorted = Fingerprints.assign(sorted, request.baseDir(), f -> {
        SourceFile s = byPath.get(f.location().file());
        return s == null ? "" : s.lineText(f.location().line());
      });
      for (Finding f : sorted) {
        Suppressions sup = suppressionsByFile.get(f.location().file());
        RuleMetadata meta = metadata(f.ruleId());
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
      List<RuleMetadata> rules = new ArrayList<>(enabled.stream().map(e -> e.entry().metadata()).toList());
      sorted.stream().map(Finding::ruleId).filter(id -> id.startsWith(BugMapper.RULE_PREFIX)).distinct().sorted()
          .forEach(id -> rules.add(SpotBugsRules.of(id)));
      return new AnalysisResult(Version.get(), request.baseDir(), rules, active, suppressed, diags, sources.size(), timings);
    } finally {
      pool.shutdownNow();
    }
  }

  private record Enabled(RuleRegistry.Entry entry, Severity severity) {}

  /** Metadata of a rule id: a registered rule, or a SpotBugs pattern of the cross-check. */
  private RuleMetadata metadata(String ruleId) {
    return registry.find(ruleId).map(RuleRegistry.Entry::metadata)
        .orElseGet(() -> ruleId.startsWith(BugMapper.RULE_PREFIX) ? SpotBugsRules.of(ruleId) : null);
  }

  /**
   * Joins the SpotBugs run, maps its bugs onto the sources, applies {@code --rule spotbugs:TYPE=...}
   * settings, and folds the result into our findings (one finding per defect found by both).
   */
  private List<Finding> crossCheck(SpotBugsCrossCheck.Pending pending, AnalysisRequest request, List<SourceFile> sources,
      List<Finding> ours, List<Diagnostic> diagnostics) {
    SpotBugsRunner.Outcome outcome = pending.await(diagnostics);
    diagnostics.addAll(SpotBugsCrossCheck.diagnostics(outcome));
    BugMapper.Result mapped = new BugMapper(sources).map(outcome.bugs());
    diagnostics.addAll(mapped.diagnostics());
    List<BugMapper.Mapped> kept = new ArrayList<>();
    for (BugMapper.Mapped m : mapped.findings()) {
      RuleSetting s = request.ruleSettings().get(m.finding().ruleId());
      if (s == null) {
        kept.add(m);
      } else if (s.enabled()) {
        kept.add(s.severity() == null ? m : new BugMapper.Mapped(m.finding().withSeverity(s.severity()), m.bug()));
      }
    }
    return CrossCheckMerger.merge(ours, kept, id -> registry.find(id).map(e -> e.metadata().defectClass()));
  }

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

  private List<SourceFile> parseAll(List<Path> files, AnalysisRequest request, Resolver resolver, ExecutorService pool,
      List<Diagnostic> diagnostics, ProgressListener progress) {
    progress.phase("Parsing", files.size());
    ThreadLocal<SourceParser> parsers = ThreadLocal.withInitial(() -> new SourceParser(request.charset(), resolver.symbolSolver()));
    List<Future<SourceParser.Outcome>> futures = new ArrayList<>();
    for (Path f : files) {
      futures.add(pool.submit(() -> {
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
        SourceParser.Outcome o = futures.get(i).get(request.fileTimeoutMillis(), TimeUnit.MILLISECONDS);
        diagnostics.addAll(o.diagnostics());
        o.source().ifPresent(out::add);
      } catch (TimeoutException e) {
        futures.get(i).cancel(true);
        diagnostics.add(Diagnostic.of("timeout", Diagnostic.Level.ERROR, files.get(i), "parsing took longer than " + request.fileTimeoutMillis() + " ms; skipped"));
      } catch (ExecutionException e) {
        diagnostics.add(Diagnostic.of("internal-error", Diagnostic.Level.ERROR, files.get(i), "cannot parse: " + e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return out;
  }

  private void runFileRules(Program program, List<Enabled> enabled, AnalysisRequest request, ExecutorService pool,
      List<Finding> sink, List<Diagnostic> diagnostics, ProgressListener progress) {
    progress.phase("Analysing", program.files().size());
    List<Future<?>> futures = new ArrayList<>();
    for (SourceFile file : program.files()) {
      futures.add(pool.submit(() -> {
        try {
          for (Enabled e : enabled) {
            try {
              e.entry().rule().checkFile(new FileContext(program, file, e.entry().metadata(), e.severity(), request.targetRelease(), sink::add));
            } catch (RuntimeException | StackOverflowError ex) {
              diagnostics.add(Diagnostic.of("rule-error", Diagnostic.Level.ERROR, file.path(), "rule " + e.entry().metadata().id() + " failed: " + ex));
            }
          }
        } finally {
          progress.step();
        }
      }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        diagnostics.add(Diagnostic.of("internal-error", Diagnostic.Level.ERROR, null, String.valueOf(e.getCause())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
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
