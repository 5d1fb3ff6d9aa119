package dev.threadlint.maven;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.report.FailurePolicy;
import dev.threadlint.core.report.ReportOptions;
import dev.threadlint.core.report.ReporterRegistry;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Scans the module's sources, writes the reports and fails the build when findings at or above
 * {@code failOnSeverity} remain (more than {@code maxAllowedViolations} of them). Baselined and
 * suppressed findings are reported but never fail the build.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public final class CheckMojo extends AbstractThreadlintMojo {
  /** The lowest severity that fails the build: {@code error}, {@code warning} or {@code info}. */
  @Parameter(property = "threadlint.failOnSeverity", defaultValue = "error")
  String failOnSeverity;

  /** Fails the build when violations remain; {@code false} only reports them. */
  @Parameter(property = "threadlint.failOnViolation", defaultValue = "true")
  boolean failOnViolation;

  /** How many findings at or above {@code failOnSeverity} are tolerated before the build fails. */
  @Parameter(property = "threadlint.maxAllowedViolations", defaultValue = "0")
  int maxAllowedViolations;

  /** Report formats, by id: {@code text}, {@code json}, and every other format threadlint knows. */
  @Parameter(property = "threadlint.formats", defaultValue = "text,json")
  List<String> formats;

  /** Where the reports go. */
  @Parameter(property = "threadlint.outputDirectory", defaultValue = "${project.build.directory}/threadlint")
  File outputDirectory;

  // ---- incremental cache (see docs/maven-plugin.md) ----
  /**
   * Directory of the incremental cache: per-file results reused on the next build where that gives
   * exactly the result of a full scan. {@code threadlint.useCache=false} turns it off.
   */
  @Parameter(property = "threadlint.cache", defaultValue = "${project.build.directory}/threadlint-cache")
  File cacheDirectory;

  /** Whether to use the incremental cache ({@code cacheDirectory}). */
  @Parameter(property = "threadlint.useCache", defaultValue = "true")
  boolean useCache;
  // ---- end of incremental cache ----

  @Override
  void execute(ProjectLayout layout) throws MojoExecutionException, MojoFailureException {
    FailurePolicy policy = policy();
    List<ReporterRegistry.Format> reportFormats = reportFormats();
    RuleRegistry registry = registry();
    List<Path> roots = sourceRoots(layout);
    if (roots.isEmpty()) {
      request(layout, roots, registry, false); // still reject bad configuration
      getLog().info("threadlint [" + layout.name() + "]: no Java sources to scan");
      return;
    }
    AnalysisRequest request = withCache(request(layout, roots, registry, true));
    request.baseline().ifPresent(b -> getLog().info("threadlint [" + layout.name() + "]: using baseline " + b));
    AnalysisResult result = analyze(request);
    if (result.timingsMillis().containsKey("cache-level")) {
      getLog().info("threadlint [" + layout.name() + "]: cache: " + result.timingsMillis().get("cache-files-reused") + " files reused, "
          + result.timingsMillis().get("cache-files-analysed") + " analysed");
    }
    logDiagnostics(result);
    List<Path> reports = writeReports(result, reportFormats, layout);
    FailurePolicy.Verdict verdict = policy.evaluate(result);
    boolean failing = verdict.failed() && failOnViolation;

    Set<Finding> violations = new LinkedHashSet<>(verdict.violations());
    for (Finding f : result.findings()) {
      String line = describe(result, f);
      if (failing && violations.contains(f)) {
        getLog().error(line);
      } else {
        getLog().warn(line);
      }
    }
    getLog().info("threadlint [" + layout.name() + "]: " + summary(result) + "; reports: " + String.join(", ", reports.stream().map(Path::toString).toList()));
    if (!verdict.failed()) {
      return;
    }
    String message = failureMessage(layout, result, verdict, reports);
    if (failOnViolation) {
      throw new MojoFailureException(message);
    }
    getLog().warn(message + "\n(not failing the build: failOnViolation is false)");
  }

  FailurePolicy policy() throws MojoExecutionException {
    Severity failOn = parseSeverity(failOnSeverity, "failOnSeverity");
    if (maxAllowedViolations < 0) {
      throw new MojoExecutionException("threadlint: maxAllowedViolations (threadlint.maxAllowedViolations) cannot be negative, was " + maxAllowedViolations);
    }
    return new FailurePolicy(failOn, maxAllowedViolations);
  }

  List<ReporterRegistry.Format> reportFormats() throws MojoExecutionException {
    List<ReporterRegistry.Format> out = new ArrayList<>();
    for (String id : nonBlank(formats)) {
      try {
        ReporterRegistry.Format f = ReporterRegistry.format(id);
        if (!out.contains(f)) {
          out.add(f);
        }
      } catch (InputException e) {
        throw new MojoExecutionException("threadlint: " + e.getMessage() + " in formats (threadlint.formats)");
      }
    }
    return out;
  }

  private List<Path> writeReports(AnalysisResult result, List<ReporterRegistry.Format> reportFormats, ProjectLayout layout) throws MojoExecutionException {
    Path dir = outputDirectory == null
        ? layout.buildDirectory().resolve("threadlint")
        : layout.basedir().resolve(outputDirectory.toPath()).normalize();
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (ReporterRegistry.Format f : reportFormats) {
        Path file = dir.resolve(f.fileName());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          f.create(ReportOptions.PLAIN).write(result, w);
        }
        written.add(file);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("threadlint: cannot write reports to " + dir + ": " + e.getMessage(), e);
    }
    return written;
  }

  /** {@code src/main/java/a/B.java:12:9: error: [rule-id] message}, paths relative to the module. */
  static String describe(AnalysisResult result, Finding f) {
    return result.displayPath(f.location().file()) + ":" + f.location().line() + ":" + f.location().column() + ": "
        + f.severity().label() + ": [" + f.ruleId() + "] " + f.message();
  }

  static String summary(AnalysisResult result) {
    long errors = result.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = result.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
    long infos = result.findings().stream().filter(f -> f.severity() == Severity.INFO).count();
    StringBuilder s = new StringBuilder()
        .append(plural(result.findings().size(), "finding"))
        .append(" (").append(plural(errors, "error")).append(", ").append(plural(warnings, "warning")).append(", ").append(infos).append(" info)")
        .append(" in ").append(plural(result.filesScanned(), "file"));
    long baselined = result.baselined();
    if (result.suppressed().size() > baselined) {
      s.append("; ").append(result.suppressed().size() - baselined).append(" suppressed");
    }
    if (baselined > 0) {
      s.append("; ").append(baselined).append(" baselined");
    }
    return s.toString();
  }

  static String failureMessage(ProjectLayout layout, AnalysisResult result, FailurePolicy.Verdict verdict, List<Path> reports) {
    StringBuilder m = new StringBuilder("threadlint found ").append(verdict.describe()).append(" in ").append(layout.name()).append(':');
    for (Finding f : verdict.violations()) {
      m.append("\n  ").append(describe(result, f));
    }
    if (!reports.isEmpty()) {
      m.append("\nReports:");
      for (Path r : reports) {
        m.append("\n  ").append(r);
      }
    }
    m.append("\nFix the findings, suppress one with @SuppressWarnings(\"threadlint:<rule-id>\") or // threadlint:ignore <rule-id> <reason>,"
        + " or record today's findings with 'mvn threadlint:baseline'.");
    return m.toString();
  }

  /** The request with the cache directory, unless the cache is turned off or has no directory. */
  AnalysisRequest withCache(AnalysisRequest r) {
    if (!useCache || cacheDirectory == null || cacheDirectory.getPath().isBlank()) {
      return r;
    }
    return new AnalysisRequest(r.paths(), r.baseDir(), r.classpath(), r.includes(), r.excludes(), r.charset(), r.threads(), r.ruleSettings(),
        r.targetRelease(), r.fileTimeoutMillis(), r.extraThreadSafeAnnotations(), r.extraSingletonAnnotations(), r.extraBlockingMethods(),
        r.baselineFile(), r.configFile(), r.classDirs(), r.spotbugs(), cacheDirectory.toPath().toAbsolutePath().normalize());
  }
}
