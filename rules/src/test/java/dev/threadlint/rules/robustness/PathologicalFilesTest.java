package dev.threadlint.rules.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated pathological files scanned with the built-in rules and a small per-file bound: the
 * scan ends, the ordinary neighbour file is analysed as usual, and the pathological file is either
 * analysed or named by an error diagnostic — never silently dropped, never a crash.
 */
class PathologicalFilesTest {
  @TempDir
  Path dir;

  private static final String NEIGHBOUR = """
      class Neighbour {
        void go() {
          Thread t = new Thread(() -> {});
          t.run();
        }
      }
      """;

  private void assertScanSurvives(String name, String text) throws IOException {
    Path bad = dir.resolve(name + ".java");
    Files.writeString(bad, text);
    Files.writeString(dir.resolve("Neighbour.java"), NEIGHBOUR);
    long start = System.nanoTime();
    AnalysisResult r = new Analyzer().analyze(AnalysisRequest.builder().path(dir).baseDir(dir).threads(2).fileTimeoutMillis(5_000).build());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.findings()).anyMatch(f -> f.ruleId().equals("thread-run-called") && f.location().file().endsWith("Neighbour.java"));
    boolean analysed = r.filesScanned() == 2 && r.diagnostics().stream().noneMatch(d -> bad.equals(d.file()) && d.level() == Diagnostic.Level.ERROR);
    boolean named = r.diagnostics().stream().anyMatch(d -> bad.equals(d.file()) && d.level() == Diagnostic.Level.ERROR);
    assertThat(analysed || named).as("%s analysed or named; diagnostics %s", name, r.diagnostics()).isTrue();
    assertThat(r.diagnostics()).noneMatch(d -> d.code().equals("internal-error") || d.code().equals("rule-error"));
    // parse and rules each have a 5 s bound; model building and reporting are linear
    assertThat(took).as("scan time").isLessThan(Duration.ofSeconds(90));
  }

  @Test
  @Timeout(180)
  void fiftyThousandChainedCalls() throws IOException {
    assertScanSurvives("Chain", "class Chain { void f(StringBuilder b) { b" + ".append(1)".repeat(50_000) + ".run(); } }\n");
  }

  @Test
  @Timeout(180)
  void twentyThousandNestedIfs() throws IOException {
    assertScanSurvives("Ifs", "class Ifs { Object l = new Object(); void f(boolean b) { " + "if (b) ".repeat(20_000)
        + "synchronized (\"lit\") { f(b); } } }\n");
  }

  @Test
  @Timeout(180)
  void tenThousandNestedSynchronizedBlocks() throws IOException {
    assertScanSurvives("Sync", "class Sync { Integer n = 0; void f() { " + "synchronized (n) { ".repeat(10_000) + "}".repeat(10_000) + " } }\n");
  }
}
