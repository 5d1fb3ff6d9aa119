package dev.threadlint.core.engine;

import static dev.threadlint.core.engine.Scans.diagnostics;
import static dev.threadlint.core.engine.Scans.findingLines;
import static dev.threadlint.core.engine.Scans.scan;
import static dev.threadlint.core.engine.Scans.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AnalyzerTest {
  @TempDir Path dir;

  @Test
  void parseErrorIsADiagnosticWithPositionAndTheScanGoesOn() {
    write(dir, "Bad.java", "class Bad { void f( { }\n");
    write(dir, "Good.java", """
        class Good {
          void g() {
            flag();
          }
        }
        """);

    AnalysisResult r = scan(dir);

    List<Diagnostic> errors = diagnostics(r, "parse-error");
    assertThat(errors).hasSize(1);
    Diagnostic d = errors.get(0);
    assertThat(d.file()).isEqualTo(dir.resolve("Bad.java"));
    // the unexpected '{' is the 21st character of line 1
    assertThat(d.line()).isEqualTo(1);
    assertThat(d.column()).isEqualTo(21);
    assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
    assertThat(d.message()).startsWith("Parse error. Found \"{\", expected \")\"");
    assertThat(findingLines(r)).containsExactly("Good.java:3:flag-call");
    assertThat(r.filesScanned()).isEqualTo(1);
  }

  @Test
  void parseErrorMessageNamesOnlyAFewExpectedTokens() {
    write(dir, "Bad.java", "class Bad { void f( { }\n");

    String message = diagnostics(scan(dir), "parse-error").get(0).message();

    // JavaParser lists about forty acceptable tokens here; the report keeps three and counts the rest
    assertThat(message).doesNotContain("<IDENTIFIER>").doesNotContain("\"volatile\"");
    assertThat(message).matches("Parse error\\. Found \"\\{\", expected \"\\)\", \"[^\"]+\", \"[^\"]+\" or \\d+ other tokens.*");
    assertThat(message.length()).isLessThan(120);
  }

  @Test
  void modernSyntaxParses() {
    write(dir, "Modern.java", """
        sealed interface Shape permits Circle, Square {}
        record Circle(double r) implements Shape {}
        record Square(double s) implements Shape {}
        class Modern {
          String describe(Object o) {
            String block = \"""
                text block
                \""";
            return switch (o) {
              case Circle c when c.r() > 1 -> "big circle";
              case Circle c -> "circle";
              case Square(double s) -> "square " + s;
              default -> block;
            };
          }
        }
        """);

    AnalysisResult r = scan(dir);

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.filesScanned()).isEqualTo(1);
  }

  @Test
  void findingsAreSortedByPathLineColumnRule() {
    write(dir, "b/Second.java", "class Second { void f() { other(); flag(); } }\n");
    write(dir, "a/First.java", """
        class First {
          void f() {
            flag(); other();
          }
          void g() { other(); }
        }
        """);
    write(dir, "a/Z.java", "class Z { void f() { flag(); } }\n");

    AnalysisResult r = scan(dir);

    assertThat(findingLines(r)).containsExactly(
        "a/First.java:3:flag-call", "a/First.java:3:other-call", "a/First.java:5:other-call",
        "a/Z.java:1:flag-call", "b/Second.java:1:other-call", "b/Second.java:1:flag-call");
    List<Finding> sorted = new ArrayList<>(r.findings());
    sorted.sort(Comparator.comparing((Finding f) -> f.location().file().toString())
        .thenComparingInt(f -> f.location().line())
        .thenComparingInt(f -> f.location().column())
        .thenComparing(Finding::ruleId));
    assertThat(r.findings()).isEqualTo(sorted);
  }

  @Test
  void sameInputGivesSameFindingsAcrossRunsAndThreadCounts() {
    for (int i = 0; i < 30; i++) {
      write(dir, "p" + (i % 4) + "/C" + i + ".java",
          "class C" + i + " {\n  void f() {\n    flag();\n    if (true) { other(); }\n  }\n}\n");
    }
    write(dir, "p0/Broken.java", "class Broken {\n");

    AnalysisResult one = scan(dir, b -> b.threads(1));
    AnalysisResult four = scan(dir, b -> b.threads(4));
    AnalysisResult fourAgain = scan(dir, b -> b.threads(4));

    assertThat(one.findings()).hasSize(60);
    assertThat(four.findings()).isEqualTo(one.findings());
    assertThat(fourAgain.findings()).isEqualTo(one.findings());
    assertThat(four.diagnostics()).isEqualTo(one.diagnostics()).hasSize(1);
    assertThat(one.findings()).extracting(Finding::fingerprint).doesNotHaveDuplicates();
  }

  @Test
  void unknownRuleIdInTheRequestIsAnInputError() {
    write(dir, "A.java", "class A {}\n");

    assertThatThrownBy(() -> scan(dir, b -> b.rule("no-such-rule", AnalysisRequest.RuleSetting.OFF)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no-such-rule");
  }

  @Test
  void ruleSettingDisablesAndRegradesRules() {
    write(dir, "A.java", "class A { void f() { flag(); other(); } }\n");

    AnalysisResult r = scan(dir, b -> b.rule("other-call", AnalysisRequest.RuleSetting.OFF)
        .rule("flag-call", AnalysisRequest.RuleSetting.parse("error")));

    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("flag-call");
      assertThat(f.severity()).isEqualTo(dev.threadlint.core.api.Severity.ERROR);
    });
  }

  @Test
  void findingLocationsLieInsideTheirFile() {
    write(dir, "A.java", "class A {\n  void f() { flag(); }\n}\n");

    SourceLocation l = scan(dir).findings().get(0).location();

    assertThat(l.line()).isEqualTo(2);
    assertThat(l.column()).isEqualTo(14);
    assertThat(l.endColumn()).isEqualTo(19);
  }
}
