package dev.threadlint.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.report.TextReporter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  /** Flags every call of a method named {@code race()}, naming its receiver. */
  @RuleInfo(id = "race-call", title = "test rule", severity = Severity.ERROR, category = Category.SHARED_MUTABLE_STATE, defectClass = "race")
  public static final class RaceCall implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
        if (call.getNameAsString().equals("race")) {
          ctx.finding(call, "'" + call.getScope().map(Object::toString).orElse("this") + "' races").report();
        }
      }
    }
  }

  private static final String V1 = """
      class Counter {
        void bump(Box a) {
          a.race();
        }
      }
      """;

  @TempDir Path dir;

  private AnalysisResult scan(String source, Path baseline) throws IOException {
    Files.writeString(dir.resolve("Counter.java"), source);
    AnalysisRequest request = AnalysisRequest.builder().path(dir).baseDir(dir).threads(1).baselineFile(baseline).build();
    return new Analyzer(new RuleRegistry(List.of(new RaceCall()))).analyze(request);
  }

  private Path baselineOf(String source) throws IOException {
    AnalysisResult before = scan(source, null);
    assertThat(before.findings()).isNotEmpty();
    Path file = dir.resolve("baseline/threadlint-baseline.json");
    Baseline.of(before).write(file);
    return file;
  }

  @Test
  void insertingLinesAboveABaselinedFindingKeepsItBaselined() throws IOException {
    Path file = baselineOf(V1);
    String shifted = "// a new header comment\n\n" + V1.replace("class Counter {", "class Counter {\n  int unrelated;\n  void other() {}\n");

    AnalysisResult after = scan(shifted, file);

    assertThat(after.findings()).isEmpty();
    assertThat(after.suppressed()).singleElement().satisfies(f -> {
      assertThat(f.location().line()).isEqualTo(8); // was line 3; moved by the 5 inserted lines
      assertThat(f.suppression().kind()).isEqualTo(Finding.Suppression.Kind.BASELINE);
      assertThat(f.suppression().justification()).contains("threadlint-baseline.json");
    });
    assertThat(after.baselined()).isEqualTo(1);
  }

  @Test
  void aNewFindingIsReportedBesideTheBaselinedOne() throws IOException {
    Path file = baselineOf(V1);
    String added = V1.replace("    a.race();\n", "    a.race();\n    a.race();\n");

    AnalysisResult after = scan(added, file);

    // the two calls are identical in one method: the first keeps the baselined fingerprint, the second is new
    assertThat(after.baselined()).isEqualTo(1);
    assertThat(after.findings()).singleElement().satisfies(f -> assertThat(f.location().line()).isEqualTo(4));
  }

  @Test
  void aNewFindingInAnotherMethodIsReported() throws IOException {
    Path file = baselineOf(V1);
    String added = V1.replace("  }\n}", "  }\n  void drain(Box q) {\n    q.race();\n  }\n}");

    AnalysisResult after = scan(added, file);

    assertThat(after.baselined()).isEqualTo(1);
    assertThat(after.findings()).singleElement().satisfies(f -> {
      assertThat(f.symbol()).isEqualTo("Counter.drain");
      assertThat(f.message()).contains("'q'");
    });
  }

  @Test
  void changingTheFlaggedCodeMakesTheFindingNew() throws IOException {
    Path file = baselineOf(V1);
    // same rule, method and message ('a' races), but the flagged line's code is different
    String changed = V1.replace("    a.race();", "    if (a != null) a.race();");
    AnalysisResult after = scan(changed, file);

    assertThat(after.baselined()).isZero();
    assertThat(after.findings()).hasSize(1);
  }

  @Test
  void renamingTheReceiverChangesMessageAndCodeSoTheFindingIsNew() throws IOException {
    Path file = baselineOf(V1);
    AnalysisResult after = scan(V1.replace("Box a", "Box b").replace("a.race", "b.race"), file);

    assertThat(after.baselined()).isZero();
    assertThat(after.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("'b'"));
  }

  @Test
  void fileIsDeterministicSortedAndReadableByPeople() throws IOException {
    String two = """
        class Counter {
          void zeta(Box z) {
            z.race();
          }
          void alpha(Box a) {
            a.race();
          }
        }
        """;
    AnalysisResult result = scan(two, null);
    Path first = dir.resolve("b1.json");
    Path second = dir.resolve("b2.json");
    Baseline.of(result).write(first);
    Baseline.of(scan(two, null)).write(second);

    String text = Files.readString(first);
    assertThat(text).isEqualTo(Files.readString(second));
    assertThat(text).startsWith("{\n  \"version\" : 1,\n  \"fingerprintVersion\" : \"" + Fingerprints.VERSION + "\",");
    assertThat(text).contains("\"ruleId\" : \"race-call\"", "\"path\" : \"Counter.java\"", "\"message\" : \"'a' races\"");
    // sorted by path, rule, symbol: alpha before zeta although zeta comes first in the file
    assertThat(text.indexOf("Counter.alpha")).isPositive().isLessThan(text.indexOf("Counter.zeta"));
    assertThat(text).doesNotContain("\"line\"");

    Baseline read = Baseline.read(first);
    assertThat(read.entries()).hasSize(2);
    assertThat(read.fingerprints()).containsExactlyInAnyOrderElementsOf(result.findings().stream().map(Finding::fingerprint).toList());
  }

  @Test
  void textSummarySaysHowManyWereBaselined() throws IOException {
    Path file = baselineOf(V1);
    AnalysisResult after = scan(V1.replace("  }\n}", "  }\n  void drain(Box q) {\n    q.race();\n  }\n}"), file);
    StringWriter out = new StringWriter();
    new TextReporter().write(after, out);

    assertThat(out.toString()).contains("1 finding (1 error, 0 warnings, 0 info) in 1 file; 1 baselined");
    assertThat(out.toString()).doesNotContain("suppressed");
  }

  @Test
  void rejectsAnIncompatibleVersion() throws IOException {
    Path file = dir.resolve("old.json");
    Files.writeString(file, "{\"version\": 99, \"fingerprintVersion\": \"v1\", \"entries\": []}");

    assertThatThrownBy(() -> Baseline.read(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("version 99")
        .hasMessageContaining("regenerate");
  }

  @Test
  void rejectsOtherFingerprintVersions() throws IOException {
    Path file = dir.resolve("fp.json");
    Files.writeString(file, "{\"version\": 1, \"fingerprintVersion\": \"v0\", \"entries\": []}");

    assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(InputException.class).hasMessageContaining("'v0'");
  }

  @Test
  void rejectsMissingAndMalformedFiles() throws IOException {
    assertThatThrownBy(() -> Baseline.read(dir.resolve("nope.json")))
        .isInstanceOf(InputException.class).hasMessageContaining("baseline file not found");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"version\": 1, \"entries\": [");
    assertThatThrownBy(() -> Baseline.read(broken)).isInstanceOf(InputException.class).hasMessageContaining("not valid JSON");
    Path noFp = dir.resolve("nofp.json");
    Files.writeString(noFp, "{\"version\": 1, \"fingerprintVersion\": \"v1\", \"entries\": [{\"ruleId\": \"x\"}]}");
    assertThatThrownBy(() -> Baseline.read(noFp)).isInstanceOf(InputException.class).hasMessageContaining("entry 1 has no \"fingerprint\"");
  }

  @Test
  void aMissingBaselineFileFailsTheRequestBeforeAnalysis() {
    assertThatThrownBy(() -> scan(V1, dir.resolve("missing.json")))
        .isInstanceOf(InputException.class).hasMessageContaining("missing.json");
  }
}
