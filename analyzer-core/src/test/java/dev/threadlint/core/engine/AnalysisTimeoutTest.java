package dev.threadlint.core.engine;

import static dev.threadlint.core.engine.Scans.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A per-file rule that does not finish in time costs that file's findings, not the scan. */
class AnalysisTimeoutTest {
  @TempDir Path dir;

  /** Stalls on files whose name starts with "Stuck": until interrupted, or (stubborn) for a fixed time regardless. */
  @RuleInfo(id = "stalling-rule", title = "stalls", severity = Severity.ERROR, category = Category.LOCK_DISCIPLINE, defectClass = "race")
  static final class StallingRule implements Rule {
    private final long stubbornMillis;
    /** Lets the test stop a stubborn spin once it has checked the result, so it does not eat CPU afterwards. */
    final java.util.concurrent.atomic.AtomicBoolean release = new java.util.concurrent.atomic.AtomicBoolean();

    StallingRule(long stubbornMillis) {
      this.stubbornMillis = stubbornMillis;
    }

    @Override
    public void checkFile(FileContext ctx) {
      if (!ctx.file().path().getFileName().toString().startsWith("Stuck")) {
        return;
      }
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stubbornMillis);
      while (stubbornMillis > 0 ? System.nanoTime() < end && !release.get() : !Thread.currentThread().isInterrupted()) {
        Thread.onSpinWait();
      }
      // reported after the bound: the engine must not let it into the result
      ctx.finding(ctx.file().unit(), "late finding").report();
    }
  }

  private AnalysisResult scan(StallingRule rule) {
    Analyzer analyzer = new Analyzer(new RuleRegistry(List.of(new FlagCall(), rule)));
    return analyzer.analyze(AnalysisRequest.builder().path(dir).baseDir(dir).threads(1).fileTimeoutMillis(1_500).build());
  }

  @Test
  @Timeout(60)
  void ruleOverTheBoundIsReportedAndItsFileFindingsAreLeftOut() {
    write(dir, "Good.java", "class Good { void f() { flag(); } }\n");
    write(dir, "Stuck.java", "class Stuck { void f() { flag(); } }\n");

    AnalysisResult r = scan(new StallingRule(0));

    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("timeout");
      assertThat(d.file()).isEqualTo(dir.resolve("Stuck.java"));
      assertThat(d.message()).startsWith("rule analysis took longer than 1500 ms (in rule stalling-rule)");
    });
    assertThat(Scans.findingLines(r)).containsExactly("Good.java:1:flag-call");
  }

  @Test
  @Timeout(60)
  void ruleThatIgnoresInterruptsDoesNotHoldUpTheFilesBehindIt() {
    // one worker; Stuck_A.java sorts before Z.java, so Z waits behind a rule that spins for 15 s
    write(dir, "Stuck_A.java", "class Stuck_A {}\n");
    write(dir, "Z.java", "class Z { void f() { flag(); } }\n");

    StallingRule stubborn = new StallingRule(15_000);
    long start = System.nanoTime();
    AnalysisResult r;
    try {
      r = scan(stubborn);
    } finally {
      stubborn.release.set(true);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.diagnostics()).extracting(d -> d.code() + " " + dir.relativize(d.file())).containsExactly("timeout Stuck_A.java");
    assertThat(Scans.findingLines(r)).containsExactly("Z.java:1:flag-call");
    assertThat(millis).as("the scan does not wait for the spinning rule").isLessThan(10_000);
  }
}
