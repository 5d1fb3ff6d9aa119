package dev.threadlint.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.report.github.GithubActionsReporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubActionsReporterTest {
  @TempDir
  Path dir;

  @Test
  void escaping_followsGithubsRules() {
    assertThat(GithubActionsReporter.escapeData("50% done\r\nnext: a,b")).isEqualTo("50%25 done%0D%0Anext: a,b");
    assertThat(GithubActionsReporter.escapeProperty("C:\\a,b%\n")).isEqualTo("C%3A\\a%2Cb%25%0A");
  }

  @Test
  void oneCommandPerLine_withPositionTitleAndEvidence() {
    AnalysisResult result = ReportFixtures.scan(dir, ReportFixtures.SHOP);
    String out = ReportFixtures.render(new GithubActionsReporter(), result);
    List<String> lines = out.lines().toList();
    assertThat(lines).allMatch(l -> l.startsWith("::error ") || l.startsWith("::warning ") || l.startsWith("::notice "));
    String race = lines.stream().filter(l -> l.contains("demo-race")).findFirst().orElseThrow();
    assertThat(race).startsWith("::error file=src/shop/OrderCounter.java,line=5,endLine=5,col=15,endColumn=22,title=threadlint demo-race::"
        + "field 'pending' is written by submit() and run() without a common lock%0A"
        + "  src/shop/OrderCounter.java:8: write of 'pending' in OrderCounter.submit() [caller of OrderCounter.submit()]%0A"
        + "  src/shop/OrderCounter.java:15: write of 'pending' in Drainer.run() [Drainer.run()]%0A"
        + "Suggestion: Give 'pending' one owner thread");
    assertThat(lines).anyMatch(l -> l.startsWith("::notice file=src/shop/Inventory.java,line=10,") && l.contains("title=threadlint demo-sleep-under-lock::"));
    assertThat(lines).anyMatch(l -> l.startsWith("::error file=src/shop/Broken.java,line=4,col=") && l.contains("title=threadlint parse-error::"));
    // suppressed findings are not annotated
    assertThat(out).doesNotContain("Ledger.java,line=9");
    assertThat(lines).hasSize(4); // race, sleep, parse error, bad-suppression warning
  }

  @Test
  void pathsAndMessages_withSeparators_areEscaped() {
    Path file = dir.resolve("a,b:c.java");
    Finding f = new Finding("demo-race", Severity.WARNING, "100% sure:\nline two", new SourceLocation(file, 2, 1, 3, 4), "A.b",
        List.of(), null, List.of(), "fp", null);
    AnalysisResult result = new AnalysisResult("1", dir, List.of(), List.of(f), List.of(), List.of(), 1, Map.of());
    assertThat(ReportFixtures.render(new GithubActionsReporter(), result))
        .isEqualTo("::warning file=a%2Cb%3Ac.java,line=2,endLine=3,col=1,title=threadlint demo-race::100%25 sure:%0Aline two\n");
  }
}
