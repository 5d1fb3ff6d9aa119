package samples;

import static org.assertj.core.api.Assertions.fail;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.rules.BuiltInRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every built-in rule over all of {@code samples/src/main/java} and compares the findings
 * with {@code samples/expected/findings.txt} (one sorted line per finding:
 * {@code path | Class.member | line | rule-id | SEVERITY | message}). The golden file is
 * regenerated as a whole, never merged by hand: {@code ./mvnw -pl samples -am test -Dgolden.update=true}.
 */
class SamplesGoldenTest {
  private static final String REFRESH = "./mvnw -pl samples -am test -Dgolden.update=true";

  private static Path samplesDir() {
    String dir = System.getProperty("samples.dir");
    return dir == null || dir.isBlank() ? Path.of("").toAbsolutePath() : Path.of(dir);
  }

  static List<String> actualLines(Path samples) {
    Path sources = samples.resolve("src/main/java");
    AnalysisRequest request = AnalysisRequest.builder().path(sources).baseDir(samples).threads(2).build();
    AnalysisResult result = new Analyzer(new RuleRegistry(new BuiltInRules().rules())).analyze(request);
    List<String> lines = new ArrayList<>();
    for (Finding f : result.findings()) {
      String path = result.displayPath(f.location().file()).replace('\\', '/');
      lines.add(String.join(" | ", path, f.symbol(), String.valueOf(f.location().line()), f.ruleId(), f.severity().name(),
          f.message().replace('\n', ' ')));
    }
    lines.sort(null);
    return lines;
  }

  @Test
  void findingsMatchGoldenFile() throws IOException {
    Path samples = samplesDir();
    Path golden = samples.resolve("expected/findings.txt");
    List<String> actual = actualLines(samples);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.write(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    List<String> expected = Files.exists(golden) ? Files.readAllLines(golden, StandardCharsets.UTF_8) : List.of();
    expected = expected.stream().filter(l -> !l.isBlank()).toList();
    if (!expected.equals(actual)) {
      List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("expected/findings.txt", "actual", expected, DiffUtils.diff(expected, actual), 1);
      fail("samples findings differ from the golden file:\n" + String.join("\n", diff)
          + "\n\nIf the change is intended, review every line and refresh with:\n  " + REFRESH);
    }
  }
}
