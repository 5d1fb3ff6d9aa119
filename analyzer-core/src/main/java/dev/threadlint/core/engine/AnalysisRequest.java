package dev.threadlint.core.engine;

import dev.threadlint.core.api.Severity;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import dev.threadlint.core.program.ProjectKnowledge;

/**
 * Everything a scan needs, built alike by the CLI and the Maven plugin.
 *
 * @param paths files and directories to scan
 * @param baseDir what reported paths are relative to
 * @param classpath jars and class folders for type resolution
 * @param includes glob patterns a file must match (empty: all {@code .java} files)
 * @param excludes glob patterns that exclude files or directories
 * @param charset source encoding
 * @param threads parallelism of parsing and per-file rules (≥ 1)
 * @param ruleSettings rule id → setting: {@code off}, or a severity that replaces the default
 * @param targetRelease the Java release the project targets, if known
 * @param fileTimeoutMillis bound on parsing one file, and separately on running the per-file rules on it
 * @param extraThreadSafeAnnotations annotation simple names that also mark a class thread-safe
 * @param extraSingletonAnnotations annotation simple names that also mark a class a singleton
 * @param extraBlockingMethods methods that also block, as {@code pkg.Type#method}
 * @param baselineFile a {@link Baseline} file whose findings are reported as suppressed, or null
 * @param configFile a configuration file named explicitly by the user, or null; carried to the
 *     configuration reader
 * @param classDirs compiled classes of the scanned sources (folders or jars) for the SpotBugs
 *     bytecode cross-check; empty: no cross-check
 * @param spotbugs whether to run the cross-check when {@code classDirs} are given
 * @param cacheDir directory of the incremental cache ({@link ScanCache}), or null: no cache
 */
public record AnalysisRequest(
    List<Path> paths,
    Path baseDir,
    List<Path> classpath,
    List<String> includes,
    List<String> excludes,
    Charset charset,
    int threads,
    Map<String, RuleSetting> ruleSettings,
    Integer targetRelease,
    long fileTimeoutMillis,
    Set<String> extraThreadSafeAnnotations,
    Set<String> extraSingletonAnnotations,
    Set<String> extraBlockingMethods,
    Path baselineFile,
    Path configFile,
    List<Path> classDirs,
    boolean spotbugs,
    Path cacheDir) {

  public AnalysisRequest {
    paths = List.copyOf(paths);
    classpath = List.copyOf(classpath);
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
    ruleSettings = Map.copyOf(ruleSettings);
    extraThreadSafeAnnotations = Set.copyOf(extraThreadSafeAnnotations);
    extraSingletonAnnotations = Set.copyOf(extraSingletonAnnotations);
    extraBlockingMethods = Set.copyOf(extraBlockingMethods);
    classDirs = List.copyOf(classDirs);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
  }

  /** The extra annotations and blocking methods, as the program model hands them to rules. */
  public ProjectKnowledge knowledge() {
    return new ProjectKnowledge(extraThreadSafeAnnotations, extraSingletonAnnotations, extraBlockingMethods);
  }

  public Optional<Path> baseline() {
    return Optional.ofNullable(baselineFile);
  }

  /** The incremental cache's directory, if the scan uses one. */
  public Optional<Path> cache() {
    return Optional.ofNullable(cacheDir);
  }

  public Optional<Path> config() {
    return Optional.ofNullable(configFile);
  }

  /** True when the SpotBugs cross-check runs: enabled and given class folders. */
  public boolean runsSpotBugs() {
    return spotbugs && !classDirs.isEmpty();
  }

  public Optional<Integer> release() {
    return Optional.ofNullable(targetRelease);
  }

  /** A rule's configured state: disabled, or enabled with a severity (null: its default). */
  public record RuleSetting(boolean enabled, Severity severity) {
    public static final RuleSetting OFF = new RuleSetting(false, null);

    public static RuleSetting parse(String text) {
      String t = text.trim().toLowerCase(java.util.Locale.ROOT);
      return switch (t) {
        case "off", "false", "disabled", "none" -> OFF;
        case "on", "true", "enabled" -> new RuleSetting(true, null);
        default -> new RuleSetting(true, Severity.parse(t));
      };
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private final List<Path> paths = new ArrayList<>();
    private Path baseDir = Path.of("").toAbsolutePath();
    private final List<Path> classpath = new ArrayList<>();
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private Charset charset = StandardCharsets.UTF_8;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final Map<String, RuleSetting> ruleSettings = new LinkedHashMap<>();
    private Integer targetRelease;
    private long fileTimeoutMillis = 60_000;
    private final Set<String> extraThreadSafeAnnotations = new TreeSet<>();
    private final Set<String> extraSingletonAnnotations = new TreeSet<>();
    private final Set<String> extraBlockingMethods = new TreeSet<>();
    private Path baselineFile;
    private Path configFile;
    private final List<Path> classDirs = new ArrayList<>();
    private boolean spotbugs = true;
    private Path cacheDir;

    public Builder path(Path p) {
      paths.add(p);
      return this;
    }

    public Builder paths(List<Path> ps) {
      paths.addAll(ps);
      return this;
    }

    public Builder baseDir(Path p) {
      baseDir = p;
      return this;
    }

    public Builder classpath(List<Path> cp) {
      classpath.addAll(cp);
      return this;
    }

    public Builder include(String glob) {
      includes.add(glob);
      return this;
    }

    public Builder exclude(String glob) {
      excludes.add(glob);
      return this;
    }

    public Builder includes(List<String> globs) {
      includes.addAll(globs);
      return this;
    }

    public Builder excludes(List<String> globs) {
      excludes.addAll(globs);
      return this;
    }

    public Builder charset(Charset c) {
      charset = c;
      return this;
    }

    public Builder threads(int n) {
      threads = n;
      return this;
    }

    public Builder rule(String id, RuleSetting setting) {
      ruleSettings.put(id, setting);
      return this;
    }

    public Builder targetRelease(Integer release) {
      targetRelease = release;
      return this;
    }

    public Builder fileTimeoutMillis(long ms) {
      fileTimeoutMillis = ms;
      return this;
    }

    /** Annotation simple names (without {@code @}) that mark a class thread-safe. */
    public Builder extraThreadSafeAnnotations(java.util.Collection<String> names) {
      extraThreadSafeAnnotations.addAll(names);
      return this;
    }

    /** Annotation simple names (without {@code @}) that mark a class a singleton. */
    public Builder extraSingletonAnnotations(java.util.Collection<String> names) {
      extraSingletonAnnotations.addAll(names);
      return this;
    }

    /** Methods that block, as {@code pkg.Type#method}. */
    public Builder extraBlockingMethods(java.util.Collection<String> methods) {
      extraBlockingMethods.addAll(methods);
      return this;
    }

    public Builder baselineFile(Path file) {
      baselineFile = file;
      return this;
    }

    public Builder configFile(Path file) {
      configFile = file;
      return this;
    }

    /** Compiled classes (folders or jars) for the SpotBugs cross-check. */
    public Builder classDirs(List<Path> dirs) {
      classDirs.addAll(dirs);
      return this;
    }

    /** Turns the SpotBugs cross-check on (default) or off; it runs only when class folders are given. */
    public Builder spotbugs(boolean on) {
      spotbugs = on;
      return this;
    }

    /** Keeps per-file results in {@code dir} and reuses them on the next scan where that is exact ({@link ScanCache}); null: no cache. */
    public Builder cacheDir(Path dir) {
      cacheDir = dir;
      return this;
    }

    public AnalysisRequest build() {
      return new AnalysisRequest(paths, baseDir, classpath, includes, excludes, charset, threads, ruleSettings, targetRelease, fileTimeoutMillis,
          extraThreadSafeAnnotations, extraSingletonAnnotations, extraBlockingMethods, baselineFile, configFile, classDirs, spotbugs, cacheDir);
    }
  }
}
