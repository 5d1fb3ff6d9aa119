package dev.threadlint.core.finding;

import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.api.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a scan produced. {@code findings} are the active ones (sorted); {@code suppressed}
 * those silenced by annotation, comment or baseline (sorted; reporters may show them).
 * {@code baseDir} is what paths are shown relative to. {@code timingsMillis} maps phase → ms.
 */
public record AnalysisResult(
    String toolVersion,
    Path baseDir,
    List<RuleMetadata> rules,
    List<Finding> findings,
    List<Finding> suppressed,
    List<Diagnostic> diagnostics,
    int filesScanned,
    Map<String, Long> timingsMillis) {

  public AnalysisResult {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    diagnostics = List.copyOf(diagnostics);
    timingsMillis = Map.copyOf(timingsMillis);
  }

  public long count(Severity atLeast) {
    return findings.stream().filter(f -> f.severity().isAtLeast(atLeast)).count();
  }

  /** How many findings a baseline file suppressed (they are among {@link #suppressed}). */
  public long baselined() {
    return suppressed.stream().filter(f -> f.suppression().kind() == Finding.Suppression.Kind.BASELINE).count();
  }

  /** The path of {@code file} relative to {@link #baseDir}, with forward slashes. */
  public String displayPath(Path file) {
    return PathDisplay.relative(baseDir, file);
  }
}
