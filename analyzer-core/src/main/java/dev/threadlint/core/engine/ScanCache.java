package dev.threadlint.core.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.threadlint.core.analysis.LockOrderGraph;
import dev.threadlint.core.analysis.LockSummaries;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.program.CallGraph;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.Resolver;
import dev.threadlint.core.program.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * The incremental cache: per-file results of the last scan, reused where that is exact.
 *
 * <p><b>Key.</b> One cache file per key under the cache directory. The key hashes the cache format,
 * the tool version and the code of the engine and rules (jar sizes and times, or class files),
 * the registered rules, and everything in the request that affects results: scanned paths, base
 * directory (fingerprints use relative paths), classpath entries with their sizes and modification
 * times, include/exclude globs, charset, target release, per-file time bound, rule settings, the
 * project knowledge of threadlint.yml, and — when the SpotBugs cross-check runs — the content
 * hashes of every class file it reads. Per source file the cache keeps its size and SHA-256.
 *
 * <p><b>Levels.</b> (1) The same files with the same hashes: every result is reused and nothing is
 * parsed. (2) Otherwise the changed and added files are parsed, {@link DependencyComponents} are
 * computed on their new facts and the cached facts of the others, and a component is reused only
 * when none of its files changed and it is exactly the component those files formed last time (a
 * deleted or changed file's old component is therefore re-analysed too). The affected components
 * are parsed and analysed as one program; the rest come from the cache. (3) A full analysis when
 * partial reuse cannot be exact: the SpotBugs cross-check runs, the call graph's symbol-solver
 * budget or the lock-order graph's enumeration bounds could be reached, a lock identity of
 * re-analysed code is shared with reused code, the classpath holds classes of a scanned package
 * that the sources do not declare, or the cache was missing, corrupt or of another key.
 *
 * <p>A cache that cannot be read is ignored with a NOTE diagnostic and rewritten; a cache that
 * cannot be written gives a NOTE diagnostic; neither fails the scan. The file is written to a
 * temporary file and moved into place. Deleting the directory is always safe.
 */
final class ScanCache {
  static final int FORMAT = 1;

  private final Analyzer analyzer;
  private final AnalysisRequest request;
  private final ExecutorService pool;
  private final Map<String, Long> timings;
  private final ProgressListener progress;
  private final List<Diagnostic> notes = new ArrayList<>();

  ScanCache(Analyzer analyzer, AnalysisRequest request, ExecutorService pool, Map<String, Long> timings, ProgressListener progress) {
    this.analyzer = analyzer;
    this.request = request;
    this.pool = pool;
    this.timings = timings;
    this.progress = progress;
  }

  // ---- stored form (JSON through Jackson) ----

  /** The whole cache file. */
  record Stored(int format, String tool, String key, List<Entry> files, List<Diagnostic> resolverDiagnostics,
      List<Diagnostic> globalDiagnostics, boolean partialReuse) {}

  /**
   * One source file's record: identity, facts, and its final findings (with fingerprints and
   * suppressions) and diagnostics. {@code reanalyse}: its result was incomplete (a timeout or a
   * failure) and it counts as changed next time. {@code solverQueries}: an upper bound on the call
   * graph's solver queries about its calls in a full scan.
   */
  record Entry(Path path, long size, String sha256, boolean parsed, boolean reanalyse, FileFacts facts, List<String> lockEdges,
      int solverQueries, List<Finding> findings, List<Finding> suppressed, List<Diagnostic> diagnostics) {}

  private static ObjectMapper mapper() {
    return new ObjectMapper()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  // ---- the scan ----

  Analyzer.Scan scan(List<Path> files, List<Path> jars) {
    long t0 = System.nanoTime();
    String key = key(jars);
    Path file = request.cache().get().resolve("scan-" + key.substring(0, 24) + ".json");
    Stored old = load(file, key);
    Map<Path, String> hashes = hashAll(files);
    Map<Path, Long> sizes = new HashMap<>();
    for (Path f : files) {
      sizes.put(f, size(f));
    }
    timings.put("cache-check", Analyzer.ms(t0));

    Map<Path, Entry> cached = new LinkedHashMap<>();
    if (old != null) {
      for (Entry e : old.files()) {
        cached.put(e.path(), e);
      }
    }
    Set<Path> changed = new TreeSet<>();
    for (Path f : files) {
      Entry e = cached.get(f);
      if (e == null || e.reanalyse() || hashes.get(f) == null || !hashes.get(f).equals(e.sha256())) {
        changed.add(f);
      }
    }
    Set<Path> deleted = new TreeSet<>(cached.keySet());
    deleted.removeAll(files);

    if (old != null && changed.isEmpty() && deleted.isEmpty()) {
      // level 1: nothing changed
      List<Entry> entries = files.stream().map(cached::get).toList();
      List<Diagnostic> diags = new ArrayList<>(old.globalDiagnostics());
      diags.addAll(old.resolverDiagnostics());
      record(files.size(), 0, 1);
      return assemble(entries, diags);
    }

    List<Diagnostic> resolverDiagnostics = Collections.synchronizedList(new ArrayList<>());
    boolean partialPossible = old != null && old.partialReuse() && !request.runsSpotBugs();
    if (!partialPossible) {
      return full(files, jars, hashes, sizes, key, file, old == null ? "cache" : "full");
    }

    // level 2: parse the changed files first, to learn their facts
    Resolver resolver = Analyzer.newResolver(jars, resolverDiagnostics);
    long t1 = System.nanoTime();
    Analyzer.Parsed changedParsed = analyzer.parseAll(new ArrayList<>(changed), request, resolver, pool, progress);
    Map<Path, FileFacts> newFacts = new LinkedHashMap<>();
    Map<Path, Set<String>> newLocks = new HashMap<>();
    Map<Path, SourceFile> changedSources = new HashMap<>();
    for (SourceFile s : changedParsed.sources()) {
      changedSources.put(s.path(), s);
    }
    for (Path f : files) {
      if (changed.contains(f)) {
        SourceFile s = changedSources.get(f);
        newFacts.put(f, s == null ? FileFacts.NONE : facts(s));
      } else {
        Entry e = cached.get(f);
        newFacts.put(f, e.facts());
        newLocks.put(f, lockKeys(e.lockEdges()));
      }
    }
    Map<Path, FileFacts> oldFacts = new LinkedHashMap<>();
    Map<Path, Set<String>> oldLocks = new HashMap<>();
    for (Entry e : old.files()) {
      oldFacts.put(e.path(), e.parsed() ? e.facts() : FileFacts.NONE);
      oldLocks.put(e.path(), lockKeys(e.lockEdges()));
    }
    DependencyComponents now = new DependencyComponents(newFacts, newLocks);
    DependencyComponents before = new DependencyComponents(oldFacts, oldLocks);
    Set<Path> affected = new TreeSet<>();
    for (Set<Path> component : now.members().values()) {
      boolean reusable = component.stream().noneMatch(changed::contains)
          && before.componentOf(component.iterator().next()).equals(component);
      if (!reusable) {
        affected.addAll(component);
      }
    }
    timings.put("cache-components", (long) now.count());
    timings.put("cache-largest-component", (long) now.largest());

    // parse the rest of the affected components, in scan order
    List<Path> rest = files.stream().filter(f -> affected.contains(f) && !changed.contains(f)).toList();
    Analyzer.Parsed restParsed = analyzer.parseAll(rest, request, resolver, pool, progress);
    timings.put("parse", Analyzer.ms(t1));
    Map<Path, SourceFile> parsedByPath = new HashMap<>(changedSources);
    for (SourceFile s : restParsed.sources()) {
      parsedByPath.put(s.path(), s);
    }
    List<SourceFile> sources = new ArrayList<>();
    for (Path f : files) {
      if (affected.contains(f) && parsedByPath.containsKey(f)) {
        sources.add(parsedByPath.get(f));
      }
    }
    List<Diagnostic> parseDiagnostics = new ArrayList<>(changedParsed.diagnostics());
    parseDiagnostics.addAll(restParsed.diagnostics());
    Set<Path> unstable = new HashSet<>(changedParsed.unstable());
    unstable.addAll(restParsed.unstable());
    Analyzer.Analysis a = analyzer.analyseParsed(request, new Analyzer.Parsed(sources, parseDiagnostics, unstable), resolver,
        resolverDiagnostics, null, pool, timings, progress);

    Map<Path, Entry> fresh = entries(a, affected, hashes, sizes, unstable, newFacts);
    // exactness checks that need the analysis: budgets and shared lock identities
    List<Entry> merged = new ArrayList<>();
    for (Path f : files) {
      merged.add(affected.contains(f) ? fresh.get(f) : cached.get(f));
    }
    String unsafe = unsafeReason(merged, affected, a);
    if (unsafe != null) {
      notes.add(Diagnostic.of("cache", Diagnostic.Level.NOTE, null, "incremental cache: " + unsafe + "; analysed every file"));
      return full(files, jars, hashes, sizes, key, file, null);
    }
    List<Diagnostic> global = globalDiagnostics(a, affected);
    save(file, new Stored(FORMAT, Version.get(), key, merged, a.resolverDiagnostics(), global, true));
    record(files.size() - affected.size(), affected.size(), 2);
    List<Diagnostic> diags = new ArrayList<>(global);
    diags.addAll(a.resolverDiagnostics());
    return assemble(merged, diags);
  }

  /** Level 3: analyse every file, and store the result. */
  private Analyzer.Scan full(List<Path> files, List<Path> jars, Map<Path, String> hashes, Map<Path, Long> sizes, String key, Path file,
      String why) {
    Analyzer.Analysis a = analyzer.analyseAll(request, files, jars, pool, timings, progress);
    Set<Path> all = new HashSet<>(files);
    Map<Path, FileFacts> none = Map.of();
    Set<Path> unstable = unstableOf(a, all);
    Map<Path, Entry> fresh = entries(a, all, hashes, sizes, unstable, none);
    List<Entry> merged = files.stream().map(fresh::get).toList();
    String shadow = classpathBridge(merged);
    if (shadow != null) {
      notes.add(Diagnostic.of("cache", Diagnostic.Level.NOTE, null, "incremental cache: " + shadow + "; partial reuse is off for this classpath"));
    }
    boolean partial = !request.runsSpotBugs() && solverBound(merged) < CallGraph.SOLVER_BUDGET && lockBoundsSafe(merged) && shadow == null;
    if (!partial && !request.runsSpotBugs() && shadow == null && solverBound(merged) >= CallGraph.SOLVER_BUDGET) {
      notes.add(Diagnostic.of("cache", Diagnostic.Level.NOTE, null,
          "incremental cache: the call graph may use its whole symbol-solver budget on these sources; partial reuse is off (unchanged scans are still reused)"));
    }
    DependencyComponents components = components(merged);
    timings.put("cache-components", (long) components.count());
    timings.put("cache-largest-component", (long) components.largest());
    List<Diagnostic> global = globalDiagnostics(a, all);
    save(file, new Stored(FORMAT, Version.get(), key, merged, a.resolverDiagnostics(), global, partial));
    record(0, files.size(), 3);
    List<Diagnostic> diags = new ArrayList<>(a.diagnostics());
    diags.addAll(notes);
    return new Analyzer.Scan(a.active(), a.suppressed(), diags, a.sources().size());
  }

  private void record(int reused, int analysed, int level) {
    timings.put("cache-files-reused", (long) reused);
    timings.put("cache-files-analysed", (long) analysed);
    timings.put("cache-level", (long) level);
  }

  /** The scan result from per-file entries (in scan order): findings re-sorted exactly as a full scan sorts them. */
  private Analyzer.Scan assemble(List<Entry> entries, List<Diagnostic> extra) {
    List<Finding> active = new ArrayList<>();
    List<Finding> suppressed = new ArrayList<>();
    List<Diagnostic> diags = new ArrayList<>(extra);
    int parsed = 0;
    for (Entry e : entries) {
      active.addAll(e.findings());
      suppressed.addAll(e.suppressed());
      diags.addAll(e.diagnostics());
      parsed += e.parsed() ? 1 : 0;
    }
    // stable: the findings of one file keep their stored order, and the order compares files first
    active.sort(Finding.ORDER);
    suppressed.sort(Finding.ORDER);
    diags.addAll(notes);
    return new Analyzer.Scan(active, suppressed, diags, parsed);
  }

  /** Per-file entries for the files of {@code scope} that an analysis covered. */
  private Map<Path, Entry> entries(Analyzer.Analysis a, Set<Path> scope, Map<Path, String> hashes, Map<Path, Long> sizes, Set<Path> unstable,
      Map<Path, FileFacts> known) {
    Map<Path, List<Finding>> active = new HashMap<>();
    Map<Path, List<Finding>> suppressed = new HashMap<>();
    for (Finding f : a.active()) {
      active.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
    }
    for (Finding f : a.suppressed()) {
      suppressed.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
    }
    Map<Path, List<Diagnostic>> diags = new HashMap<>();
    for (Diagnostic d : a.diagnostics()) {
      if (d.file() != null && scope.contains(d.file()) && !a.resolverDiagnostics().contains(d)) {
        diags.computeIfAbsent(d.file(), k -> new ArrayList<>()).add(d);
      }
    }
    Map<Path, List<String>> lockEdges = new HashMap<>();
    for (LockOrderGraph.Edge e : LockOrderGraph.of(a.program()).edges()) {
      lockEdges.computeIfAbsent(e.body().owner().file().path(), k -> new ArrayList<>())
          .add(LockSummaries.key(e.from()) + "\u0000" + LockSummaries.key(e.to()));
    }
    Map<Path, Integer> queries = a.resolver().declaringTypeQueries();
    Map<Path, SourceFile> byPath = new HashMap<>();
    for (SourceFile s : a.sources()) {
      byPath.put(s.path(), s);
    }
    Map<Path, FileFacts> facts = new HashMap<>();
    for (SourceFile s : a.sources()) {
      facts.put(s.path(), known.containsKey(s.path()) && known.get(s.path()) != FileFacts.NONE ? known.get(s.path()) : facts(s));
    }
    Map<Path, Entry> out = new HashMap<>();
    for (Path p : scope) {
      SourceFile s = byPath.get(p);
      FileFacts f = s == null ? FileFacts.NONE : facts.get(p);
      int q = queries.getOrDefault(p, 0);
      List<String> edges = new ArrayList<>(lockEdges.getOrDefault(p, List.of()));
      Collections.sort(edges);
      out.put(p, new Entry(p, sizes.getOrDefault(p, -1L), hashes.get(p), s != null, unstable.contains(p) || hashes.get(p) == null, f, edges, q,
          active.getOrDefault(p, List.of()), suppressed.getOrDefault(p, List.of()), diags.getOrDefault(p, List.of())));
    }
    return out;
  }

  private static final Set<String> UNSTABLE_CODES = Set.of("timeout", "internal-error", "rule-error");

  private static Set<Path> unstableOf(Analyzer.Analysis a, Set<Path> scope) {
    Set<Path> out = new HashSet<>();
    for (Diagnostic d : a.diagnostics()) {
      if (d.file() != null && UNSTABLE_CODES.contains(d.code())) {
        out.add(d.file());
      }
    }
    out.retainAll(scope);
    return out;
  }

  /** Diagnostics of the analysis not tied to an analysed file (SpotBugs, program-wide rule failures), resolver ones excluded. */
  private static List<Diagnostic> globalDiagnostics(Analyzer.Analysis a, Set<Path> scope) {
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : a.diagnostics()) {
      if ((d.file() == null || !scope.contains(d.file())) && !a.resolverDiagnostics().contains(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /** Why merging a partial analysis with cached results might differ from a full scan, or null when it cannot. */
  private String unsafeReason(List<Entry> merged, Set<Path> affected, Analyzer.Analysis a) {
    for (Diagnostic d : a.diagnostics()) {
      if (d.file() == null && UNSTABLE_CODES.contains(d.code())) {
        return "a program-wide analysis failed";
      }
    }
    if (solverBound(merged) >= CallGraph.SOLVER_BUDGET) {
      return "the call graph's symbol-solver budget may be reached";
    }
    Set<String> reusedLocks = new HashSet<>();
    for (Entry e : merged) {
      if (!affected.contains(e.path())) {
        reusedLocks.addAll(lockKeys(e.lockEdges()));
      }
    }
    for (Entry e : merged) {
      if (affected.contains(e.path()) && lockKeys(e.lockEdges()).stream().anyMatch(reusedLocks::contains)) {
        return "re-analysed code shares a lock identity with reused code";
      }
    }
    if (!lockBoundsSafe(merged)) {
      return "the lock-order graph may reach its enumeration bounds";
    }
    return classpathBridge(merged);
  }

  /**
   * A classpath class in a package of the scanned sources that no scanned file declares (a stale or
   * partial copy of the project's classes): its signatures may name project types, a link between
   * files that {@link DependencyComponents} cannot see. Classes that the sources declare are
   * harmless: the sources shadow them. Returns why partial reuse is unsafe, or null.
   */
  private String classpathBridge(List<Entry> entries) {
    Set<String> packages = new HashSet<>();
    Set<String> declared = new HashSet<>();
    for (Entry e : entries) {
      if (e.facts() != null && e.parsed()) {
        packages.add(e.facts().packageName());
        declared.addAll(e.facts().qualifiedTypes());
      }
    }
    for (String c : classpathClasses()) {
      int dot = c.lastIndexOf('|');
      String pkg = c.substring(0, dot);
      if (packages.contains(pkg) && !declared.contains(c.replace('|', '.'))) {
        return "classpath class " + (pkg.isEmpty() ? "" : pkg + ".") + c.substring(dot + 1) + " is in a scanned package but not in the sources";
      }
    }
    return null;
  }

  private List<String> classpathClasses;

  /** Every named class on the classpath as {@code package|Outer.Inner} (anonymous and local classes left out). */
  private List<String> classpathClasses() {
    if (classpathClasses != null) {
      return classpathClasses;
    }
    List<String> out = new ArrayList<>();
    for (Path entry : request.classpath()) {
      try {
        if (Files.isDirectory(entry)) {
          try (Stream<Path> s = Files.walk(entry)) {
            s.filter(f -> f.toString().endsWith(".class")).forEach(f -> addClass(entry.relativize(f).toString().replace('\\', '/'), out));
          }
        } else if (Files.isRegularFile(entry)) {
          try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(entry.toFile())) {
            zip.stream().forEach(z -> addClass(z.getName(), out));
          }
        }
      } catch (IOException | RuntimeException e) {
        // unreadable: the resolver reports it and cannot read it either
      }
    }
    classpathClasses = out;
    return out;
  }

  private static void addClass(String entryName, List<String> out) {
    if (!entryName.endsWith(".class") || entryName.startsWith("META-INF/")) {
      return;
    }
    String internal = entryName.substring(0, entryName.length() - ".class".length());
    int slash = internal.lastIndexOf('/');
    String pkg = slash < 0 ? "" : internal.substring(0, slash).replace('/', '.');
    String name = internal.substring(slash + 1);
    if (name.equals("package-info") || name.equals("module-info")) {
      return;
    }
    for (String part : name.split("\\$")) {
      if (part.isEmpty() || Character.isDigit(part.charAt(0))) {
        return; // anonymous or local: not reachable by name
      }
    }
    out.add(pkg + "|" + name.replace('$', '.'));
  }

  /**
   * An upper bound on the symbol-solver queries the call graph of a full scan would make. A call
   * queries the solver only when some scanned method of its name and arity exists (the gate) and
   * its receiver's type is not evident; whether the receiver is evident depends only on the
   * component, so a file's queries observed in any analysis that contained its component count
   * every query gated by its component's methods, and a call gated only by methods declared
   * elsewhere is counted as a query.
   */
  static DependencyComponents components(List<Entry> entries) {
    Map<Path, FileFacts> facts = new LinkedHashMap<>();
    Map<Path, Set<String>> locks = new HashMap<>();
    for (Entry e : entries) {
      facts.put(e.path(), e.parsed() ? e.facts() : FileFacts.NONE);
      locks.put(e.path(), lockKeys(e.lockEdges()));
    }
    return new DependencyComponents(facts, locks);
  }

  static long solverBound(List<Entry> entries) {
    Map<Path, FileFacts> facts = new LinkedHashMap<>();
    for (Entry e : entries) {
      facts.put(e.path(), e.parsed() ? e.facts() : FileFacts.NONE);
    }
    DependencyComponents components = components(entries);
    Set<String> anywhere = new HashSet<>();
    facts.values().forEach(f -> anywhere.addAll(f == null ? Set.of() : f.declaredMethods()));
    Map<Set<Path>, Set<String>> byComponent = new HashMap<>();
    long total = 0;
    for (Entry e : entries) {
      total += e.solverQueries();
      FileFacts f = facts.get(e.path());
      if (f == null) {
        continue; // unknown facts: every file is in its component, so nothing is gated from outside
      }
      Set<String> here = byComponent.computeIfAbsent(components.componentOf(e.path()), c -> {
        Set<String> m = new HashSet<>();
        c.forEach(p -> m.addAll(facts.get(p) == null ? Set.of() : facts.get(p).declaredMethods()));
        return m;
      });
      for (Map.Entry<String, Integer> c : f.scopedCalls().entrySet()) {
        if (!FileFacts.declares(here, c.getKey()) && FileFacts.declares(anywhere, c.getKey())) {
          total += c.getValue();
        }
      }
    }
    return total;
  }

  private static Set<String> lockKeys(List<String> edges) {
    Set<String> out = new HashSet<>();
    for (String e : edges) {
      int sep = e.indexOf('\u0000');
      out.add(e.substring(0, sep));
      out.add(e.substring(sep + 1));
    }
    return out;
  }

  /**
   * Whether enumerating the cycles of the whole program's lock-order graph stays within
   * {@link LockOrderGraph}'s bounds: the same search on the stored edges, counting every cycle and
   * step (more than the graph keeps), plus one possible swapped-argument cycle per edge.
   */
  static boolean lockBoundsSafe(List<Entry> entries) {
    Map<String, Set<String>> succ = new TreeMap<>();
    int edgeCount = 0;
    for (Entry e : entries) {
      for (String edge : e.lockEdges()) {
        int sep = edge.indexOf('\u0000');
        if (succ.computeIfAbsent(edge.substring(0, sep), k -> new TreeSet<>()).add(edge.substring(sep + 1))) {
          edgeCount++;
        }
        succ.computeIfAbsent(edge.substring(sep + 1), k -> new TreeSet<>());
      }
    }
    List<String> order = new ArrayList<>(succ.keySet());
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      rank.put(order.get(i), i);
    }
    long[] count = {edgeCount, 0}; // cycles (edges stand for possible swapped cycles), steps
    for (String start : order) {
      List<String> path = new ArrayList<>(List.of(start));
      if (!search(start, start, path, new HashSet<>(Set.of(start)), succ, rank, count)) {
        return false;
      }
    }
    return count[0] < LockOrderGraph.MAX_CYCLES && count[1] <= LockOrderGraph.MAX_STEPS;
  }

  private static boolean search(String start, String v, List<String> path, Set<String> onPath, Map<String, Set<String>> succ,
      Map<String, Integer> rank, long[] count) {
    for (String w : succ.getOrDefault(v, Set.of())) {
      if (++count[1] > LockOrderGraph.MAX_STEPS || count[0] >= LockOrderGraph.MAX_CYCLES) {
        return false;
      }
      if (w.equals(start)) {
        count[0]++;
        continue;
      }
      if (rank.get(w) < rank.get(start) || onPath.contains(w) || path.size() >= LockOrderGraph.MAX_CYCLE_LENGTH) {
        continue;
      }
      onPath.add(w);
      path.add(w);
      if (!search(start, w, path, onPath, succ, rank, count)) {
        return false;
      }
      path.remove(path.size() - 1);
      onPath.remove(w);
    }
    return true;
  }

  private FileFacts facts(SourceFile s) {
    try {
      return FileFacts.of(s.unit());
    } catch (RuntimeException | StackOverflowError e) {
      return null; // unknown: joins every component
    }
  }

  // ---- key ----

  private String key(List<Path> jars) {
    List<String> parts = new ArrayList<>();
    parts.add("format=" + FORMAT);
    parts.add("tool=" + Version.get());
    parts.add("code=" + codeFingerprint());
    parts.add("rules=" + analyzer.registry().entries().stream().map(e -> e.metadata().id() + ":" + e.metadata().defaultSeverity()).sorted().toList());
    parts.add("paths=" + request.paths().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
    parts.add("base=" + request.baseDir().toAbsolutePath().normalize());
    parts.add("classpath=" + describe(request.classpath()));
    parts.add("includes=" + request.includes());
    parts.add("excludes=" + request.excludes());
    parts.add("charset=" + request.charset().name());
    parts.add("release=" + request.targetRelease());
    parts.add("timeout=" + request.fileTimeoutMillis());
    parts.add("settings=" + new TreeMap<>(request.ruleSettings()));
    parts.add("threadSafe=" + new TreeSet<>(request.extraThreadSafeAnnotations()));
    parts.add("singletons=" + new TreeSet<>(request.extraSingletonAnnotations()));
    parts.add("blocking=" + new TreeSet<>(request.extraBlockingMethods()));
    if (request.runsSpotBugs()) {
      parts.add("classes=" + contentHashes(request.classDirs()));
    }
    return sha256(String.join("\n", parts));
  }

  /** Entries with size and modification time (a folder: every file in it). */
  private static String describe(List<Path> entries) {
    StringBuilder sb = new StringBuilder();
    for (Path p : entries) {
      sb.append(p.toAbsolutePath().normalize()).append('|');
      try {
        if (Files.isDirectory(p)) {
          try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
              sb.append(p.relativize(f)).append(':').append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f).toMillis()).append(';');
            }
          }
        } else {
          sb.append(Files.size(p)).append(':').append(Files.getLastModifiedTime(p).toMillis());
        }
      } catch (IOException e) {
        sb.append("unreadable");
      }
      sb.append('\n');
    }
    return sha256(sb.toString());
  }

  /** SHA-256 of every file under the class locations (the SpotBugs input). */
  private static String contentHashes(List<Path> entries) {
    StringBuilder sb = new StringBuilder();
    for (Path p : entries) {
      try {
        if (Files.isDirectory(p)) {
          try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
              sb.append(p.relativize(f)).append(':').append(hash(f)).append(';');
            }
          }
        } else {
          sb.append(p).append(':').append(hash(p));
        }
      } catch (IOException e) {
        sb.append("unreadable");
      }
      sb.append('\n');
    }
    return sha256(sb.toString());
  }

  /** The engine's and the rules' code: a released version is not enough while a build of the same version changes. */
  private String codeFingerprint() {
    Set<Path> locations = new TreeSet<>();
    List<Class<?>> classes = new ArrayList<>();
    classes.add(Analyzer.class);
    analyzer.registry().entries().forEach(e -> classes.add(e.rule().getClass()));
    for (Class<?> c : classes) {
      CodeSource cs = c.getProtectionDomain().getCodeSource();
      if (cs != null && cs.getLocation() != null) {
        try {
          locations.add(Path.of(cs.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file location: the version alone identifies it
        }
      }
    }
    return describe(new ArrayList<>(locations));
  }

  // ---- files ----

  private Map<Path, String> hashAll(List<Path> files) {
    Map<Path, String> out = new HashMap<>();
    for (Path f : files) {
      try {
        out.put(f, hash(f));
      } catch (IOException e) {
        out.put(f, null); // unreadable now: analysed, and never reused
      }
    }
    return out;
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return -1;
    }
  }

  static String hash(Path f) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(f), digest())) {
      MessageDigest md = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(md.digest());
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String s) {
    return HexFormat.of().formatHex(digest().digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  // ---- storage ----

  private Stored load(Path file, String key) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      Stored s = mapper().readValue(file.toFile(), Stored.class);
      if (s == null || s.format() != FORMAT || !Version.get().equals(s.tool()) || !key.equals(s.key()) || s.files() == null) {
        notes.add(Diagnostic.of("cache", Diagnostic.Level.NOTE, file, "incremental cache of another version or configuration; ignored and rewritten"));
        return null;
      }
      for (Entry e : s.files()) {
        if (e == null || e.path() == null || e.findings() == null || e.suppressed() == null || e.diagnostics() == null || e.lockEdges() == null) {
          throw new IOException("incomplete entry");
        }
      }
      return s;
    } catch (IOException | RuntimeException e) {
      notes.add(Diagnostic.of("cache", Diagnostic.Level.NOTE, file, "incremental cache unreadable (" + e.getClass().getSimpleName() + "); ignored and rewritten"));
      return null;
    }
  }

  private void save(Path file, Stored s) {
    try {
      AtomicFiles.replace(file, tmp -> mapper().writeValue(tmp.toFile(), s));
    } catch (IOException | RuntimeException e) {
      notes.add(Diagnostic.of("cache", Diagnostic.Level.NOTE, file, "cannot write the incremental cache: " + e.getMessage()));
    }
  }
}
