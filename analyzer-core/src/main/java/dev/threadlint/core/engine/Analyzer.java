package dev.threadlint.core.engine;

import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest.RuleSetting;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.program.Workers;
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
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The pipeline: discover → parse (parallel) → program model → rules → suppression, fingerprints,
 * sorting. No global state: each call is independent. Problems with the input become diagnostics;
 * only problems with the request itself (missing paths, unknown rule ids) throw
 * {@link InputException}.
 */
public final class Analyzer {
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
    // problems with the inputs: found again on every scan, never cached
    List<Diagnostic> inputDiagnostics = new ArrayList<>(discovered.diagnostics());
    timings.put("discover", ms(t0));
    List<Path> jars = new ArrayList<>();
    for (Path cp : request.classpath()) {
      ClasspathEntries.expand(cp, jars, inputDiagnostics);
    }
    if (discovered.files().isEmpty()) {
      inputDiagnostics.add(Diagnostic.of("no-sources", Diagnostic.Level.WARNING, null, "no Java source files found in " + request.paths()));
    }
    ExecutorService pool = pool(request.threads());
    try {
      // ---- incremental cache hook (ScanCache): reuses cached per-file results where that is exact ----
      Scan scan = request.cache().isPresent()
          ? new ScanCache(this, request, pool, timings, progress).scan(discovered.files(), jars)
          : analyseAll(request, discovered.files(), jars, pool, timings, progress).scan();
      // ---- end of incremental cache hook ----
      List<Diagnostic> diags = new ArrayList<>(inputDiagnostics);
      diags.addAll(scan.diagnostics());
      diags.sort(Diagnostic.ORDER);
      timings.put("total", ms(t0));
      progress.done();
      List<RuleMetadata> rules = new ArrayList<>(enabledRules(request).stream().map(e -> e.entry().metadata()).toList());
      java.util.stream.Stream.concat(scan.active().stream(), scan.suppressed().stream())
          .map(Finding::ruleId).filter(id -> id.startsWith(BugMapper.RULE_PREFIX)).distinct().sorted()
          .forEach(id -> rules.add(SpotBugsRules.of(id)));
      AnalysisResult result = new AnalysisResult(Version.get(), request.baseDir(), rules, scan.active(), scan.suppressed(), diags, scan.filesScanned(), timings);
      return baseline == null ? result : baseline.apply(result, request.baselineFile().getFileName().toString());
    } finally {
      pool.shutdownNow();
    }
  }

  /** What the analysis of the sources produced, before input diagnostics and the baseline are added. */
  record Scan(List<Finding> active, List<Finding> suppressed, List<Diagnostic> diagnostics, int filesScanned) {}

  /**
   * One analysis of a set of files: the parsed sources and the final findings, plus what the
   * incremental cache learns from it. {@code resolverDiagnostics} are among {@code diagnostics}.
   */
  record Analysis(
      List<SourceFile> sources,
      List<Finding> active,
      List<Finding> suppressed,
      List<Diagnostic> diagnostics,
      List<Diagnostic> resolverDiagnostics,
      Program program,
      Resolver resolver) {
    Scan scan() {
      return new Scan(active, suppressed, diagnostics, sources.size());
    }
  }

  /** A full analysis of {@code files}: parse them all, then {@link #analyseParsed}. */
  Analysis analyseAll(AnalysisRequest request, List<Path> files, List<Path> jars, ExecutorService pool, Map<String, Long> timings,
      ProgressListener progress) {
    List<Diagnostic> resolverDiagnostics = Collections.synchronizedList(new ArrayList<>());
    // bytecode cross-check: starts now on its own thread, joined after the source rules
    SpotBugsCrossCheck.Pending spotbugs = startSpotBugs(request);
    Resolver resolver = newResolver(jars, resolverDiagnostics);
    long t1 = System.nanoTime();
    Parsed parsed = parseAll(files, request, resolver, pool, progress);
    timings.put("parse", ms(t1));
    return analyseParsed(request, parsed, resolver, resolverDiagnostics, spotbugs, pool, timings, progress);
  }

  SpotBugsCrossCheck.Pending startSpotBugs(AnalysisRequest request) {
    if (!request.runsSpotBugs()) {
      return null;
    }
    List<Path> classes = SpotBugsCrossCheck.validate(request.classDirs());
    List<Path> aux = request.classpath().stream().map(p -> p.toAbsolutePath().normalize()).toList();
    return SpotBugsCrossCheck.start(classes, aux);
  }

  static Resolver newResolver(List<Path> jars, List<Diagnostic> sink) {
    return new Resolver(jars, (p, why) -> sink.add(Diagnostic.of("bad-classpath-entry", Diagnostic.Level.WARNING, p, "cannot open classpath entry: " + why)));
  }

  /**
   * Builds the program of the parsed sources, runs the rules (and joins the SpotBugs cross-check
   * when given), then clamps, sorts, fingerprints and matches suppressions.
   */
  Analysis analyseParsed(AnalysisRequest request, Parsed parsed, Resolver resolver, List<Diagnostic> resolverDiagnostics,
      SpotBugsCrossCheck.Pending spotbugs, ExecutorService pool, Map<String, Long> timings, ProgressListener progress) {
    List<Diagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>(parsed.diagnostics()));
    List<SourceFile> sources = parsed.sources();
    List<Enabled> enabled = enabledRules(request);
    long t2 = System.nanoTime();
    Program program = runOnWorker(pool, () -> new Program(sources, resolver, request.knowledge(), request.threads()));
    timings.put("model", ms(t2));

    long ta = System.nanoTime();
    prepareAnalyses(program, enabled, pool, diagnostics);
    timings.put("analyses", ms(ta));

    long t3 = System.nanoTime();
    List<Finding> raw = Collections.synchronizedList(new ArrayList<>());
    runFileRules(program, enabled, request, pool, raw, diagnostics, progress);
    timings.put("file-rules", ms(t3));
    long t4 = System.nanoTime();
    runProgramRules(program, enabled, request, pool, raw, diagnostics);
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
    Map<Path, Suppressions> suppressionsByFile = readSuppressions(sources, pool, diagnostics);
    Locations locations = new Locations(byPath::get);
    List<Finding> sorted = new ArrayList<>(all.size());
    for (Finding f : all) {
      sorted.add(locations.clamp(f));
    }
    sorted.sort(Finding.ORDER);
    sorted = Fingerprints.assign(sorted, request.baseDir(), f -> locations.lineText(f.location().file(), f.location().line()));
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
    diags.addAll(resolverDiagnostics);
    return new Analysis(sources, active, suppressed, diags, List.copyOf(resolverDiagnostics), program, resolver);
  }

  record Enabled(RuleRegistry.Entry entry, Severity severity) {}

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

  List<Enabled> enabledRules(AnalysisRequest request) {
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

  /**
   * Parses every file on the pool, each within {@link AnalysisRequest#fileTimeoutMillis()} measured
   * from the moment a worker starts it ({@link Bounded}). A file over its bound is reported as
   * {@code timeout}; the parser stops reading once its worker is interrupted.
   */
  /** Parsed sources (in the order of the files given) and the diagnostics of parsing; {@code unstable}: files that timed out or failed. */
  record Parsed(List<SourceFile> sources, List<Diagnostic> diagnostics, java.util.Set<Path> unstable) {}

  Parsed parseAll(List<Path> files, AnalysisRequest request, Resolver resolver, ExecutorService pool, ProgressListener progress) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    java.util.Set<Path> unstable = new java.util.HashSet<>();
    progress.phase("Parsing", files.size());
    ThreadLocal<SourceParser> parsers = ThreadLocal.withInitial(() -> new SourceParser(request.charset(), resolver.symbolSolver()));
    List<Bounded.Unit<SourceParser.Outcome>> units = new ArrayList<>();
    for (Path f : files) {
      units.add(status -> {
        try {
          return parsers.get().parse(f);
        } finally {
          progress.step();
        }
      });
    }
    List<Bounded.Outcome<SourceParser.Outcome>> outcomes = Bounded.runAll(pool, units, request.fileTimeoutMillis());
    List<SourceFile> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Bounded.Outcome<SourceParser.Outcome> o = outcomes.get(i);
      if (o instanceof Bounded.Done<SourceParser.Outcome> d) {
        diagnostics.addAll(d.value().diagnostics());
        d.value().source().ifPresent(out::add);
      } else if (o instanceof Bounded.TimedOut<SourceParser.Outcome> t) {
        unstable.add(files.get(i));
        diagnostics.add(Diagnostic.of("timeout", Diagnostic.Level.ERROR, files.get(i), t.started()
            ? "parsing took longer than " + t.boundMillis() + " ms; skipped"
            : "parsing skipped: too many files exceeded the " + t.boundMillis() + " ms bound"));
      } else if (o instanceof Bounded.Failed<SourceParser.Outcome> f) {
        unstable.add(files.get(i));
        diagnostics.add(Diagnostic.of("internal-error", Diagnostic.Level.ERROR, files.get(i), "cannot parse: " + f.error()));
      }
    }
    return new Parsed(out, diagnostics, unstable);
  }

  /**
   * Runs the whole-program rules side by side on the pool, each into its own list; the lists are
   * joined in rule order, so the result does not depend on timing. The shared analyses they ask for
   * are computed once, by whichever rule asks first.
   */
  private void runProgramRules(Program program, List<Enabled> enabled, AnalysisRequest request, ExecutorService pool,
      List<Finding> sink, List<Diagnostic> diagnostics) {
    List<Future<List<Finding>>> futures = new ArrayList<>();
    for (Enabled e : enabled) {
      futures.add(pool.submit(() -> {
        List<Finding> found = new ArrayList<>();
        try {
          e.entry().rule().checkProgram(new ProgramContext(program, e.entry().metadata(), e.severity(), request.targetRelease(), found::add));
        } catch (RuntimeException | StackOverflowError ex) {
          diagnostics.add(Diagnostic.of("rule-error", Diagnostic.Level.ERROR, null, "rule " + e.entry().metadata().id() + " failed: " + ex));
        }
        return found;
      }));
    }
    for (Future<List<Finding>> f : futures) {
      sink.addAll(join(f));
    }
  }

  /** Reads every file's suppressions on the pool (for its deep stacks: comment collection recurses once per nesting level). */
  private static Map<Path, Suppressions> readSuppressions(List<SourceFile> sources, ExecutorService pool, List<Diagnostic> diagnostics) {
    List<Future<Suppressions>> futures = new ArrayList<>();
    for (SourceFile s : sources) {
      futures.add(pool.submit(() -> {
        try {
          Suppressions sup = new Suppressions(s);
          diagnostics.addAll(sup.diagnostics());
          return sup;
        } catch (RuntimeException | StackOverflowError e) {
          diagnostics.add(Diagnostic.of("too-complex", Diagnostic.Level.WARNING, s.path(),
              "cannot read the suppressions of this file (" + e.getClass().getSimpleName() + "); its findings are reported unsuppressed"));
          return null;
        }
      }));
    }
    Map<Path, Suppressions> m = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      Suppressions sup = join(futures.get(i));
      if (sup != null) {
        m.put(sources.get(i).path(), sup);
      }
    }
    return m;
  }

  private static <T> T join(Future<T> f) {
    return Workers.join(f, "analysis work");
  }

  /** The whole-program analyses the enabled rules' per-file checks read, computed once before any file (no per-file bound). */
  private static void prepareAnalyses(Program program, List<Enabled> enabled, ExecutorService pool, List<Diagnostic> diagnostics) {
    runOnWorker(pool, () -> {
      for (Enabled e : enabled) {
        try {
          e.entry().rule().prepare(program);
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError ex) {
          diagnostics.add(Diagnostic.of("rule-error", Diagnostic.Level.ERROR, null, "rule " + e.entry().metadata().id() + " failed to prepare: " + ex));
        }
      }
      return null;
    });
  }

  /** Per-file rule work: its findings and rule failures, published only when the whole file completed in time. */
  private record FileOutcome(List<Finding> findings, List<Diagnostic> diagnostics) {}

  private void runFileRules(Program program, List<Enabled> enabled, AnalysisRequest request, ExecutorService pool,
      List<Finding> sink, List<Diagnostic> diagnostics, ProgressListener progress) {
    progress.phase("Analysing", program.files().size());
    List<Bounded.Unit<FileOutcome>> units = new ArrayList<>();
    for (SourceFile file : program.files()) {
      units.add(status -> {
        try {
          List<Finding> found = new ArrayList<>();
          List<Diagnostic> problems = new ArrayList<>();
          for (Enabled e : enabled) {
            status.set(e.entry().metadata().id());
            try {
              e.entry().rule().checkFile(new FileContext(program, file, e.entry().metadata(), e.severity(), request.targetRelease(), found::add));
            } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError ex) {
              problems.add(Diagnostic.of("rule-error", Diagnostic.Level.ERROR, file.path(), "rule " + e.entry().metadata().id() + " failed: " + ex));
            }
          }
          return new FileOutcome(found, problems);
        } finally {
          progress.step();
        }
      });
    }
    List<Bounded.Outcome<FileOutcome>> outcomes = Bounded.runAll(pool, units, request.fileTimeoutMillis());
    for (int i = 0; i < outcomes.size(); i++) {
      Path file = program.files().get(i).path();
      Bounded.Outcome<FileOutcome> o = outcomes.get(i);
      if (o instanceof Bounded.Done<FileOutcome> d) {
        sink.addAll(d.value().findings());
        diagnostics.addAll(d.value().diagnostics());
      } else if (o instanceof Bounded.TimedOut<FileOutcome> t) {
        diagnostics.add(Diagnostic.of("timeout", Diagnostic.Level.ERROR, file, t.started()
            ? "rule analysis took longer than " + t.boundMillis() + " ms (in rule " + t.activity() + "); findings for this file skipped"
            : "rule analysis skipped: too many files exceeded the " + t.boundMillis() + " ms bound"));
      } else if (o instanceof Bounded.Failed<FileOutcome> f) {
        diagnostics.add(Diagnostic.of("internal-error", Diagnostic.Level.ERROR, file,
            "rule analysis failed" + (f.activity().isEmpty() ? "" : " (in rule " + f.activity() + ")") + ": " + f.error()));
      }
    }
  }

  interface Work<T> {
    T run();
  }

  /** Runs on a worker thread, for its deep stack. */
  static <T> T runOnWorker(ExecutorService pool, Work<T> work) {
    return join(pool.submit(work::run));
  }

  private static ExecutorService pool(int threads) {
    return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), Workers.deepStacks("threadlint-worker"));
  }

  static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
