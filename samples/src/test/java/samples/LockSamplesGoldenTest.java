package samples;

import static org.assertj.core.api.Assertions.fail;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.threadlint.core.api.Category;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Golden check of the lock-ordering and lock-discipline rules on samples/deadlock and
 * samples/locking: every line of {@code expected/lock-findings.txt} is a finding a reviewer has
 * confirmed. Only rules of those two categories are compared, so other rule families can evolve
 * their own golden files independently. (Virtual-thread samples need JDK 21 APIs and
 * cannot compile at this module's release 17; that rule is covered by its unit tests.)
 */
class LockSamplesGoldenTest {
  private static final String REFRESH = "./mvnw -pl samples -am test -Dgolden.update=true";

  @Test
  void lockFindingsMatchGoldenFile() throws IOException {
    Path base = Path.of(System.getProperty("samples.dir", ".")).toAbsolutePath().normalize();
    Path golden = base.resolve("expected/lock-findings.txt");
    RuleRegistry registry = new RuleRegistry(new BuiltInRules().rules());
    Set<String> ids = registry.entries().stream()
        .filter(e -> e.metadata().category() == Category.LOCK_ORDERING || e.metadata().category() == Category.LOCK_DISCIPLINE)
        .map(e -> e.metadata().id())
        .collect(Collectors.toSet());
    AnalysisRequest request = AnalysisRequest.builder()
        .path(base.resolve("src/main/java/samples/deadlock"))
        .path(base.resolve("src/main/java/samples/locking"))
        .baseDir(base)
        .threads(2)
        .build();
    AnalysisResult result = new Analyzer(registry).analyze(request);
    List<String> actual = new ArrayList<>();
    for (Finding f : result.findings()) {
      if (!ids.contains(f.ruleId())) {
        continue;
      }
      actual.add(String.join(" | ", result.displayPath(f.location().file()).replace('\\', '/'), f.symbol(),
          String.valueOf(f.location().line()), f.ruleId(), f.severity().name(), f.message()));
    }
    actual.sort(null);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.write(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    List<String> expected = Files.exists(golden) ? Files.readAllLines(golden, StandardCharsets.UTF_8) : List.of();
    if (!expected.equals(actual)) {
      List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("expected/lock-findings.txt", "actual", expected,
          DiffUtils.diff(expected, actual), 1);
      fail("Lock findings on samples differ from the golden file:\n" + String.join("\n", diff)
          + "\n\nIf the change is intended, review every line and refresh with:\n  " + REFRESH);
    }
  }
}
