package dev.threadlint.core.engine;

import static dev.threadlint.core.engine.Scans.diagnostics;
import static dev.threadlint.core.engine.Scans.findingLines;
import static dev.threadlint.core.engine.Scans.scan;
import static dev.threadlint.core.engine.Scans.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SuppressionTest {
  @TempDir Path dir;

  private AnalysisResult scanOne(String text) {
    write(dir, "T.java", text);
    return scan(dir);
  }

  private static List<String> suppressedLines(AnalysisResult r) {
    return r.suppressed().stream().map(f -> f.location().line() + ":" + f.ruleId() + ":" + f.suppression().kind()).toList();
  }

  @Test
  void annotationOnClassSuppressesItsRuleInside() {
    AnalysisResult r = scanOne("""
        @SuppressWarnings("threadlint:flag-call")
        class T {
          void f() { flag(); other(); }
        }
        class U {
          void g() { flag(); }
        }
        """);

    assertThat(findingLines(r)).containsExactly("T.java:3:other-call", "T.java:6:flag-call");
    assertThat(suppressedLines(r)).containsExactly("3:flag-call:ANNOTATION");
  }

  @Test
  void annotationOnMethodSuppressesOnlyThatMethod() {
    AnalysisResult r = scanOne("""
        class T {
          @SuppressWarnings({"unchecked", "threadlint:flag-call"})
          void f() { flag(); }
          void g() { flag(); }
        }
        """);

    assertThat(findingLines(r)).containsExactly("T.java:4:flag-call");
    assertThat(suppressedLines(r)).containsExactly("3:flag-call:ANNOTATION");
  }

  @Test
  void annotationOnFieldSuppressesItsInitializer() {
    AnalysisResult r = scanOne("""
        class T {
          @SuppressWarnings("threadlint:flag-call")
          Object a = flag();
          Object b = flag();
        }
        """);

    assertThat(findingLines(r)).containsExactly("T.java:4:flag-call");
    assertThat(suppressedLines(r)).containsExactly("3:flag-call:ANNOTATION");
  }

  @Test
  void bareThreadlintSuppressesEveryRule() {
    AnalysisResult r = scanOne("""
        class T {
          @SuppressWarnings("threadlint")
          void f() { flag(); other(); }
        }
        """);

    assertThat(r.findings()).isEmpty();
    assertThat(suppressedLines(r)).containsExactly("3:flag-call:ANNOTATION", "3:other-call:ANNOTATION");
  }

  @Test
  void otherToolsSuppressionsDoNotCount() {
    AnalysisResult r = scanOne("""
        class T {
          @SuppressWarnings({"all", "flag-call", "threadlintx:flag-call"})
          void f() { flag(); }
        }
        """);

    assertThat(findingLines(r)).containsExactly("T.java:3:flag-call");
    assertThat(r.suppressed()).isEmpty();
  }

  @Test
  void ignoreCommentOnTheSameLine() {
    AnalysisResult r = scanOne("""
        class T {
          void f() {
            flag(); // threadlint:ignore flag-call called once at start-up, before threads exist
            flag();
          }
        }
        """);

    assertThat(findingLines(r)).containsExactly("T.java:4:flag-call");
    assertThat(r.suppressed()).singleElement().satisfies(f -> {
      assertThat(f.location().line()).isEqualTo(3);
      assertThat(f.suppression().kind()).isEqualTo(Finding.Suppression.Kind.COMMENT);
      assertThat(f.suppression().justification()).isEqualTo("called once at start-up, before threads exist");
    });
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void ignoreCommentOnTheLineAbove() {
    AnalysisResult r = scanOne("""
        class T {
          void f() {
            // threadlint:ignore flag-call,other-call guarded by the caller's lock
            flag(); other();
            flag();
          }
        }
        """);

    assertThat(findingLines(r)).containsExactly("T.java:5:flag-call");
    assertThat(suppressedLines(r)).containsExactly("4:flag-call:COMMENT", "4:other-call:COMMENT");
  }

  @Test
  void ignoreCommentForAnotherRuleDoesNotSuppress() {
    AnalysisResult r = scanOne("""
        class T {
          void f() {
            flag(); // threadlint:ignore other-call not this one
          }
        }
        """);

    assertThat(findingLines(r)).containsExactly("T.java:3:flag-call");
  }

  @Test
  void ignoreWithoutReasonIsReported() {
    AnalysisResult r = scanOne("""
        class T {
          void f() {
            // threadlint:ignore flag-call
            flag();
          }
        }
        """);

    assertThat(diagnostics(r, "bad-suppression")).singleElement().satisfies(d -> {
      assertThat(d.line()).isEqualTo(3);
      assertThat(d.message()).contains("without a reason");
    });
    // the intent is clear, so the finding is still suppressed; the diagnostic asks for the reason
    assertThat(suppressedLines(r)).containsExactly("4:flag-call:COMMENT");
  }

  @Test
  void ignoreWithoutRuleIdIsReportedAndSuppressesNothing() {
    AnalysisResult r = scanOne("""
        class T {
          void f() {
            flag(); // threadlint:ignore
          }
        }
        """);

    assertThat(diagnostics(r, "bad-suppression")).singleElement()
        .satisfies(d -> assertThat(d.message()).contains("needs a rule id and a reason"));
    assertThat(findingLines(r)).containsExactly("T.java:3:flag-call");
  }
}
