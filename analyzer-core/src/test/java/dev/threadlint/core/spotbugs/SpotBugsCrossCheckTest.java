package dev.threadlint.core.spotbugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of the cross-check on real bytecode: sample sources are compiled here with javac, the
 * engine runs SpotBugs on the classes (one run shared by all assertions) and maps its bugs back to
 * the scanned sources. No threadlint rule is registered, so every finding comes from SpotBugs.
 */
class SpotBugsCrossCheckTest {
  @TempDir
  static Path tmp;

  static Path src;
  static Path classes;
  static AnalysisResult result;

  /** Line numbers below are those of the marked lines in these texts (counted from 1). */
  static final String COUNTER = """
      package demo;

      public class Counter {
        private int count;
        private String label = "";

        public void increment() {
          synchronized (this) {
            count++;
          }
        }

        public void reset() {
          synchronized (this) {
            count = 0;
          }
        }

        public boolean isPositive() {
          return count > 0; // line 20: read without the lock
        }
      }
      """;

  static final String STARTER = """
      package demo;

      public class Starter {
        public void launch(Thread worker) {
          worker.run(); // line 5: runs on the caller's thread
        }
      }
      """;

  static final String BOX_LOCK = """
      package demo;

      public class BoxLock {
        private final Integer lock = 42;
        private int hits;

        public void hit() {
          synchronized (lock) { // line 8: a cached Integer box as monitor
            hits++;
          }
        }
      }
      """;

  static final String QUIET = """
      package demo;

      public class Quiet {
        @SuppressWarnings("threadlint:spotbugs:RU_INVOKE_RUN")
        void go(Thread t) {
          t.run(); // line 6: suppressed
        }
      }
      """;

  /** Compiled, but its source is left out of the scan: a class without a scanned source. */
  static final String ORPHAN = """
      package demo.gone;

      public class Orphan {
        void go(Thread t) {
          t.run();
        }
      }
      """;

  /** The compiled version is long; the scanned version is shorter: a stale build. */
  static final String STALE_COMPILED = """
      package demo;

      public class Stale {
        // padding
        // padding
        // padding
        // padding
        // padding
        // padding
        // padding
        // padding
        // padding
        void go(Thread t) {
          t.run(); // line 14
        }
      }
      """;

  static final String STALE_SCANNED = """
      package demo;

      public class Stale {
        void go(Thread t) {
        }
      }
      """;

  @BeforeAll
  static void compileAndScan() throws IOException {
    src = tmp.resolve("src");
    classes = tmp.resolve("classes");
    Path build = tmp.resolve("build-src");
    Map<String, String> compiled = new LinkedHashMap<>();
    compiled.put("demo/Counter.java", COUNTER);
    compiled.put("demo/Starter.java", STARTER);
    compiled.put("demo/BoxLock.java", BOX_LOCK);
    compiled.put("demo/Quiet.java", QUIET);
    compiled.put("demo/gone/Orphan.java", ORPHAN);
    compiled.put("demo/Stale.java", STALE_COMPILED);
    JavacSupport.compile(JavacSupport.write(build, compiled), classes);

    Map<String, String> scanned = new LinkedHashMap<>(compiled);
    scanned.remove("demo/gone/Orphan.java");
    scanned.put("demo/Stale.java", STALE_SCANNED);
    JavacSupport.write(src, scanned);

    result = new Analyzer(new RuleRegistry(List.of())).analyze(request().build());
  }

  static AnalysisRequest.Builder request() {
    return AnalysisRequest.builder().path(src).baseDir(tmp).classDirs(List.of(classes)).threads(2);
  }

  private static List<Finding> findings(String type) {
    return result.findings().stream().filter(f -> f.ruleId().equals("spotbugs:" + type)).toList();
  }

  @Test
  void inconsistentSync_reportedAtTheUnlockedRead() {
    List<Finding> is2 = findings("IS2_INCONSISTENT_SYNC");
    assertThat(is2).hasSize(1);
    Finding f = is2.get(0);
    assertThat(f.location().file()).isEqualTo(src.resolve("demo/Counter.java").toAbsolutePath().normalize());
    assertThat(f.location().line()).isEqualTo(20);
    assertThat(f.message()).contains("Counter.count").contains("locked 75% of time");
    assertThat(f.symbol()).isEqualTo("Counter.count");
    // SpotBugs rates this small case low-priority: graded as info, never failing a build alone
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    // the locked accesses (lines 9 and 15) come along as evidence, once per line
    assertThat(f.evidence()).extracting(e -> e.location().line()).containsExactly(9, 15);
    assertThat(f.evidence()).allSatisfy(e -> assertThat(e.message()).isEqualTo("Synchronized access (SpotBugs)"));
  }

  @Test
  void runInvokedDirectly_reportedAtTheCall() {
    List<Finding> ru = findings("RU_INVOKE_RUN").stream().filter(f -> f.location().file().endsWith("Starter.java")).toList();
    assertThat(ru).singleElement().satisfies(f -> {
      assertThat(f.location().line()).isEqualTo(5);
      assertThat(f.symbol()).isEqualTo("Starter.launch");
    });
  }

  @Test
  void boxedMonitor_reportedAtTheSynchronizedStatement() {
    List<Finding> dl = result.findings().stream()
        .filter(f -> f.ruleId().startsWith("spotbugs:DL_SYNCHRONIZATION_ON_") && f.location().file().endsWith("BoxLock.java")).toList();
    assertThat(dl).isNotEmpty();
    assertThat(dl).allSatisfy(f -> assertThat(f.location().line()).isEqualTo(8));
  }

  @Test
  void threadlintSuppression_silencesASpotBugsFinding() {
    assertThat(result.findings()).noneMatch(f -> f.location().file().endsWith("Quiet.java"));
    assertThat(result.suppressed()).anySatisfy(f -> {
      assertThat(f.ruleId()).isEqualTo("spotbugs:RU_INVOKE_RUN");
      assertThat(f.location().file()).endsWith(Path.of("Quiet.java"));
      assertThat(f.location().line()).isEqualTo(6);
    });
  }

  @Test
  void classWithoutScannedSource_isADiagnosticNotAFinding() {
    assertThat(result.findings()).noneMatch(f -> f.location().file().toString().contains("Orphan"));
    assertThat(result.diagnostics()).anySatisfy(d -> {
      assertThat(d.code()).isEqualTo("spotbugs-no-source");
      assertThat(d.message()).contains("demo.gone.Orphan").contains("RU_INVOKE_RUN");
    });
  }

  @Test
  void lineBeyondTheSource_isAStaleClassDiagnostic() {
    assertThat(result.findings()).noneMatch(f -> f.location().file().endsWith("Stale.java"));
    assertThat(result.diagnostics()).anySatisfy(d -> {
      assertThat(d.code()).isEqualTo("spotbugs-stale-class");
      assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
      assertThat(d.file()).isEqualTo(src.resolve("demo/Stale.java").toAbsolutePath().normalize());
      assertThat(d.message()).contains("line 14").contains("6 lines");
    });
  }

  @Test
  void firedPatternsAppearInTheRuleList_withSpotBugsDocs() {
    assertThat(result.rules()).anySatisfy(m -> {
      assertThat(m.id()).isEqualTo("spotbugs:IS2_INCONSISTENT_SYNC");
      assertThat(m.defectClass()).isEqualTo("race");
      assertThat(m.title()).isNotBlank();
      assertThat(m.docs()).contains("# spotbugs:IS2_INCONSISTENT_SYNC").doesNotContain("<p>");
    });
    assertThat(result.rules()).extracting(m -> m.id()).doesNotHaveDuplicates();
    assertThat(result.timingsMillis()).containsKey("spotbugs");
  }

  @Test
  void everyFindingIsSpotBugsAndGraded() {
    assertThat(result.findings()).isNotEmpty().allSatisfy(f -> {
      assertThat(f.ruleId()).startsWith("spotbugs:");
      assertThat(f.severity()).isIn(Severity.ERROR, Severity.WARNING, Severity.INFO);
      assertThat(f.fingerprint()).isNotBlank();
    });
  }

  @Test
  void missingClassFolder_isAnInputError() {
    AnalysisRequest r = AnalysisRequest.builder().path(src).baseDir(tmp).classDirs(List.of(tmp.resolve("no-such-dir"))).build();
    assertThatThrownBy(() -> new Analyzer(new RuleRegistry(List.of())).analyze(r))
        .isInstanceOf(InputException.class).hasMessageContaining("class folder not found").hasMessageNotContaining("\n");
  }

  @Test
  void folderWithoutClasses_isAnInputError() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty-classes"));
    assertThatThrownBy(() -> SpotBugsCrossCheck.validate(List.of(empty)))
        .isInstanceOf(InputException.class).hasMessageContaining("no .class files");
    Path text = Files.writeString(tmp.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> SpotBugsCrossCheck.validate(List.of(text)))
        .isInstanceOf(InputException.class).hasMessageContaining("not a class folder or jar");
  }

  @Test
  void crossCheckOff_runsNoSpotBugs() {
    AnalysisResult off = new Analyzer(new RuleRegistry(List.of())).analyze(request().spotbugs(false).build());
    assertThat(off.findings()).isEmpty();
    assertThat(off.timingsMillis()).doesNotContainKey("spotbugs");
  }

  @Test
  void ruleSetting_regradesAndDisablesSpotBugsPatterns() {
    // a second SpotBugs run: settings are applied after mapping, so one run covers both
    AnalysisResult r = new Analyzer(new RuleRegistry(List.of())).analyze(request()
        .rule("spotbugs:RU_INVOKE_RUN", AnalysisRequest.RuleSetting.OFF)
        .rule("spotbugs:IS2_INCONSISTENT_SYNC", AnalysisRequest.RuleSetting.parse("error"))
        .build());
    assertThat(r.findings()).noneMatch(f -> f.ruleId().equals("spotbugs:RU_INVOKE_RUN"));
    assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("spotbugs:IS2_INCONSISTENT_SYNC"))
        .singleElement().extracting(Finding::severity).isEqualTo(Severity.ERROR);
  }
}
