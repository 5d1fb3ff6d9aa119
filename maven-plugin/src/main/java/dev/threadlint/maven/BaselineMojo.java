package dev.threadlint.maven;

import dev.threadlint.core.engine.Baseline;
import dev.threadlint.core.engine.Fingerprints;
import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Records today's findings of the module in its baseline file ({@code baselineFile}, by default
 * {@code threadlint-baseline.json} in the module's folder), so that {@code check} fails only on
 * new findings. Commit the file; regenerate it when findings are fixed to tighten the gate.
 */
@Mojo(name = "baseline", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public final class BaselineMojo extends AbstractThreadlintMojo {

  @Override
  void execute(ProjectLayout layout) throws MojoExecutionException {
    RuleRegistry registry = registry();
    List<Path> roots = sourceRoots(layout);
    Path target = baselineTarget(layout);
    Baseline baseline;
    if (roots.isEmpty()) {
      request(layout, roots, registry, false); // still reject bad configuration
      baseline = new Baseline(Baseline.FORMAT_VERSION, Fingerprints.VERSION, List.of());
    } else {
      AnalysisResult result = analyze(request(layout, roots, registry, false));
      logDiagnostics(result);
      baseline = Baseline.of(result);
    }
    try {
      baseline.write(target);
    } catch (InputException e) {
      throw new MojoExecutionException("threadlint: " + e.getMessage(), e);
    }
    getLog().info("threadlint [" + layout.name() + "]: wrote " + plural(baseline.entries().size(), "finding") + " to " + target);
  }

  /** The file to write: {@code baselineFile}, else the default file in the module's folder. */
  Path baselineTarget(ProjectLayout layout) {
    return baselineFile != null
        ? layout.basedir().resolve(baselineFile.toPath()).normalize()
        : layout.basedir().resolve(DEFAULT_BASELINE);
  }
}
