package dev.threadlint.maven;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.config.ConfigLoader;
import dev.threadlint.core.config.ThreadlintConfig;
import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The parameters every threadlint goal shares and their mapping to one {@link AnalysisRequest} —
 * the same request the CLI builds from its options. Bad setup (an invalid value, an unknown rule
 * id, a missing file named explicitly) is a {@link MojoExecutionException} naming the parameter.
 */
abstract class AbstractThreadlintMojo extends AbstractMojo {
  /** The baseline file used when {@code baselineFile} is not set, relative to the module. */
  static final String DEFAULT_BASELINE = "threadlint-baseline.json";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** Skips threadlint. */
  @Parameter(property = "threadlint.skip", defaultValue = "false")
  boolean skip;

  /** Glob patterns, relative to each source root, of the files to scan (default: every {@code .java} file). */
  @Parameter(property = "threadlint.includes")
  List<String> includes;

  /** Glob patterns, relative to each source root, of files and folders to skip. */
  @Parameter(property = "threadlint.excludes")
  List<String> excludes;

  /** Also scans the test source roots. */
  @Parameter(property = "threadlint.includeTests", defaultValue = "false")
  boolean includeTests;

  /**
   * Re-grades or disables rules: entries {@code <rule-id>=error|warning|info|off}, e.g.
   * {@code <rule>bad-monitor=off</rule>}, or {@code -Dthreadlint.rules=bad-monitor=off,thread-run-called=warning}.
   */
  @Parameter(property = "threadlint.rules")
  List<String> rules;

  /** A threadlint configuration file (the same file the CLI reads with {@code --config}). */
  @Parameter(property = "threadlint.configFile")
  File configFile;

  /**
   * The baseline file: findings recorded in it (by the {@code baseline} goal or {@code threadlint
   * baseline}) are reported as baselined and do not fail the build. When not set,
   * {@code threadlint-baseline.json} in the module's folder is used if it exists.
   */
  @Parameter(property = "threadlint.baselineFile")
  File baselineFile;

  /** Worker threads for parsing and per-file rules (default: the number of processors). */
  @Parameter(property = "threadlint.threads")
  Integer threads;

  /**
   * Cross-check the module's compiled classes ({@code target/classes}, when it holds classes) with
   * SpotBugs' multithreaded-correctness detectors, folding their results into the findings.
   */
  @Parameter(property = "threadlint.spotbugs", defaultValue = "true")
  boolean spotbugs = true;

  /**
   * The Java release the sources target (some rules depend on it). Default: the project's
   * {@code maven.compiler.release}, else maven-compiler-plugin's {@code <release>}, else
   * {@code maven.compiler.source}.
   */
  @Parameter(property = "threadlint.release")
  String release;

  /** Source file encoding. */
  @Parameter(property = "threadlint.encoding", defaultValue = "${project.build.sourceEncoding}")
  String encoding;

  /** Runs the goal on this module, unless skipped. */
  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("threadlint: skipped (threadlint.skip)");
      return;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("threadlint: skipping " + project.getArtifactId() + " (pom packaging has no sources)");
      return;
    }
    ProjectLayout layout;
    try {
      layout = ProjectLayout.of(project);
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("threadlint: the compile classpath of " + project.getArtifactId() + " is not resolved: " + e.getMessage(), e);
    }
    execute(layout);
  }

  abstract void execute(ProjectLayout layout) throws MojoExecutionException, MojoFailureException;

  /** Runs the analysis; input errors the request could not catch become build errors. */
  AnalysisResult analyze(AnalysisRequest request) throws MojoExecutionException {
    try {
      return new Analyzer(registry()).analyze(request);
    } catch (InputException e) {
      throw new MojoExecutionException("threadlint: " + e.getMessage(), e);
    }
  }

  RuleRegistry registry() {
    return RuleRegistry.load(AbstractThreadlintMojo.class.getClassLoader());
  }

  /** The sources to scan; null when the module has none (nothing to do). */
  List<Path> sourceRoots(ProjectLayout layout) {
    List<Path> roots = new ArrayList<>();
    addRoots(layout, layout.sourceRoots(), roots);
    if (includeTests) {
      addRoots(layout, layout.testSourceRoots(), roots);
    }
    return roots;
  }

  private void addRoots(ProjectLayout layout, List<Path> given, List<Path> out) {
    Path build = layout.buildDirectory().toAbsolutePath().normalize();
    for (Path root : given) {
      Path abs = layout.basedir().resolve(root).toAbsolutePath().normalize();
      if (!Files.isDirectory(abs)) {
        continue;
      }
      if (abs.startsWith(build)) {
        if (getLog().isDebugEnabled()) {
          getLog().debug("threadlint: not scanning generated sources in " + abs);
        }
        continue;
      }
      if (!out.contains(abs)) {
        out.add(abs);
      }
    }
  }

  /** Maps the parameters and the project to the analysis request. */
  AnalysisRequest request(ProjectLayout layout, List<Path> roots, RuleRegistry registry, boolean withBaseline) throws MojoExecutionException {
    AnalysisRequest.Builder b = configuration(layout, registry).applyTo(AnalysisRequest.builder())
        .paths(roots)
        .baseDir(layout.basedir())
        .classpath(classpath(layout))
        .includes(nonBlank(includes))
        .excludes(nonBlank(excludes))
        .charset(charset())
        .targetRelease(targetRelease(layout));
    if (threads != null) {
      if (threads < 1) {
        throw new MojoExecutionException("threadlint: threads (threadlint.threads) must be at least 1, was " + threads);
      }
      b.threads(threads);
    }
    for (String entry : nonBlank(rules)) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new MojoExecutionException("threadlint: invalid entry '" + entry + "' in rules (threadlint.rules): expected <rule-id>=error|warning|info|off");
      }
      String id = entry.substring(0, eq).trim();
      AnalysisRequest.RuleSetting setting;
      try {
        setting = AnalysisRequest.RuleSetting.parse(entry.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException("threadlint: invalid entry '" + entry + "' in rules (threadlint.rules): " + e.getMessage()
            + " or off");
      }
      try {
        registry.requireKnown(List.of(id));
      } catch (InputException e) {
        throw new MojoExecutionException("threadlint: " + e.getMessage().replace("(run 'threadlint rules' to list them)",
            "in rules (threadlint.rules); known rules: " + knownRules(registry)));
      }
      b.rule(id, setting);
    }
    if (withBaseline) {
      b.baselineFile(baseline(layout));
    }
    b.configFile(configFile(layout));
    Path classes = layout.basedir().resolve(layout.outputDirectory()).toAbsolutePath().normalize();
    if (spotbugs && hasClasses(classes)) {
      b.classDirs(List.of(classes)).spotbugs(true);
    }
    return b.build();
  }

  private static boolean hasClasses(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.walk(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".class"));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static String knownRules(RuleRegistry registry) {
    return String.join(", ", registry.entries().stream().map(e -> e.metadata().id()).sorted().toList());
  }

  /**
   * The configuration the CLI would read: the named {@code configFile}, else a {@code threadlint.yml}
   * found upward from the module's folder. The plugin's own parameters apply on top of it.
   */
  ThreadlintConfig configuration(ProjectLayout layout, RuleRegistry registry) throws MojoExecutionException {
    Path named = configFile(layout);
    java.util.Optional<Path> file = named != null ? java.util.Optional.of(named) : ConfigLoader.discover(layout.basedir());
    if (file.isEmpty()) {
      return ThreadlintConfig.EMPTY;
    }
    try {
      return ConfigLoader.load(file.get(), id -> registry.find(id).isPresent() || id.startsWith("spotbugs:"));
    } catch (InputException e) {
      throw new MojoExecutionException("threadlint: " + e.getMessage());
    }
  }

  /** The configuration file named explicitly, which must exist. */
  Path configFile(ProjectLayout layout) throws MojoExecutionException {
    if (configFile == null) {
      return null;
    }
    Path p = layout.basedir().resolve(configFile.toPath()).normalize();
    if (!Files.isRegularFile(p)) {
      throw new MojoExecutionException("threadlint: configuration file not found: " + p + " (configFile / threadlint.configFile)");
    }
    return p;
  }

  /** The baseline to apply: the named file (which must exist), else the default file if present. */
  Path baseline(ProjectLayout layout) throws MojoExecutionException {
    if (baselineFile != null) {
      Path p = layout.basedir().resolve(baselineFile.toPath()).normalize();
      if (!Files.isRegularFile(p)) {
        throw new MojoExecutionException("threadlint: baseline file not found: " + p
            + " (baselineFile / threadlint.baselineFile); create it with 'mvn threadlint:baseline'");
      }
      return p;
    }
    Path dflt = layout.basedir().resolve(DEFAULT_BASELINE);
    return Files.isRegularFile(dflt) ? dflt : null;
  }

  /** Dependency jars and other modules' class folders; not this module's own output, which its sources describe. */
  List<Path> classpath(ProjectLayout layout) {
    Path own = layout.basedir().resolve(layout.outputDirectory()).toAbsolutePath().normalize();
    Path ownTests = layout.basedir().resolve(layout.testOutputDirectory()).toAbsolutePath().normalize();
    List<Path> out = new ArrayList<>();
    for (Path p : layout.classpath()) {
      Path abs = layout.basedir().resolve(p).toAbsolutePath().normalize();
      if (abs.equals(own) || abs.equals(ownTests) || !Files.exists(abs) || out.contains(abs)) {
        continue;
      }
      out.add(abs);
    }
    return out;
  }

  Charset charset() throws MojoExecutionException {
    if (encoding == null || encoding.isBlank()) {
      return java.nio.charset.StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(encoding.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new MojoExecutionException("threadlint: unknown encoding '" + encoding + "' (threadlint.encoding)");
    }
  }

  /** The release from the parameter, else from the project's compiler settings; null when unknown. */
  Integer targetRelease(ProjectLayout layout) throws MojoExecutionException {
    if (release != null && !release.isBlank()) {
      Integer r = parseRelease(release);
      if (r == null) {
        throw new MojoExecutionException("threadlint: invalid release '" + release + "' (threadlint.release): expected a Java version such as 17");
      }
      return r;
    }
    String[] candidates = {
      layout.properties().getProperty("maven.compiler.release"),
      layout.compilerRelease(),
      layout.properties().getProperty("maven.compiler.source"),
    };
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        Integer r = parseRelease(c);
        if (r != null) {
          return r;
        }
        getLog().warn("threadlint: cannot read the Java release from '" + c + "'; set threadlint.release");
      }
    }
    return null;
  }

  /** {@code 17} → 17, {@code 1.8} → 8; null when not a version. */
  static Integer parseRelease(String text) {
    String t = text.trim();
    if (t.startsWith("1.")) {
      t = t.substring(2);
    }
    try {
      int v = Integer.parseInt(t);
      return v >= 1 && v < 1000 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Severity parseSeverity(String value, String parameter) throws MojoExecutionException {
    try {
      return Severity.parse(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("threadlint: invalid value '" + value + "' for " + parameter + " (threadlint." + parameter
          + "): expected one of error, warning, info");
    }
  }

  static List<String> nonBlank(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          out.add(v.trim());
        }
      }
    }
    return out;
  }

  /** Logs the tool's diagnostics (parse errors, unreadable classpath entries) as warnings. */
  void logDiagnostics(AnalysisResult result) {
    for (Diagnostic d : result.diagnostics()) {
      String where = d.file() == null ? "" : result.displayPath(d.file()) + (d.line() > 0 ? ":" + d.line() : "") + ": ";
      getLog().warn("threadlint: " + where + "[" + d.code() + "] " + d.message());
    }
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
