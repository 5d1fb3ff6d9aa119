package samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.rules.BuiltInRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every channel-style counterpart under samples/fixed scans clean with all built-in rules, and
 * there is one for each race and deadlock sample.
 */
class FixedSamplesScanCleanTest {

  private static Path samplesDir() {
    String dir = System.getProperty("samples.dir");
    return dir == null || dir.isBlank() ? Path.of("").toAbsolutePath() : Path.of(dir);
  }

  private static List<String> classNames(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
          .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
    }
  }

  @Test
  void everyFixedSampleProducesNoFinding() {
    Path fixed = samplesDir().resolve("src/main/java/samples/fixed");
    AnalysisRequest request = AnalysisRequest.builder().path(fixed).baseDir(samplesDir()).threads(2).build();
    AnalysisResult result = new Analyzer(new RuleRegistry(new BuiltInRules().rules())).analyze(request);
    // every file was read and parsed (an empty scan would also have no findings), and none was suppressed
    assertThat(result.filesScanned()).isEqualTo(8);
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.suppressed()).isEmpty();
    List<String> found = result.findings().stream().map(Finding::toString).toList();
    assertThat(found).as("findings in samples/fixed").isEmpty();
  }

  @Test
  void everyRaceAndDeadlockSampleHasAFixedCounterpart() throws IOException {
    Path main = samplesDir().resolve("src/main/java/samples");
    List<String> fixed = classNames(main.resolve("fixed"));
    for (String dir : List.of("races", "deadlock")) {
      for (String name : classNames(main.resolve(dir))) {
        if (Files.readString(main.resolve(dir).resolve(name + ".java")).contains("@interface " + name)) {
          continue; // annotation declarations used by the samples, not samples
        }
        assertThat(fixed).as("counterpart of " + dir + "/" + name).contains(name + "Fixed");
      }
    }
  }
}
