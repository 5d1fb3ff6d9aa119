package dev.threadlint.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {
  private static Finding finding(Severity s, int line) {
    return new Finding("r", s, "m", SourceLocation.ofLine(Path.of("/p/A.java"), line), "A.m", List.of(), null, List.of(), "fp" + line, null);
  }

  private static AnalysisResult result(List<Finding> active, List<Finding> suppressed) {
    return new AnalysisResult("t", Path.of("/p"), List.of(), active, suppressed, List.of(), 1, Map.of());
  }

  private final AnalysisResult mixed = result(
      List.of(finding(Severity.ERROR, 1), finding(Severity.WARNING, 2), finding(Severity.INFO, 3)),
      List.of(finding(Severity.ERROR, 4).withSuppression(new Finding.Suppression(Finding.Suppression.Kind.BASELINE, "b"))));

  @Test
  void countsFindingsAtOrAboveTheThresholdOnly() {
    assertThat(FailurePolicy.failOn(Severity.ERROR).violations(mixed)).extracting(f -> f.location().line()).containsExactly(1);
    assertThat(FailurePolicy.failOn(Severity.WARNING).violations(mixed)).extracting(f -> f.location().line()).containsExactly(1, 2);
    assertThat(FailurePolicy.failOn(Severity.INFO).violations(mixed)).hasSize(3);
  }

  @Test
  void suppressedAndBaselinedFindingsNeverCount() {
    AnalysisResult onlySuppressed = result(List.of(), mixed.suppressed());
    assertThat(FailurePolicy.failOn(Severity.INFO).evaluate(onlySuppressed).failed()).isFalse();
  }

  @Test
  void failsOnlyWhenViolationsExceedTheAllowance() {
    assertThat(new FailurePolicy(Severity.WARNING, 1).evaluate(mixed).failed()).isTrue();
    assertThat(new FailurePolicy(Severity.WARNING, 2).evaluate(mixed).failed()).isFalse();
    assertThat(new FailurePolicy(Severity.WARNING, 1).evaluate(mixed).describe()).isEqualTo("2 findings at or above warning (1 allowed)");
    assertThat(FailurePolicy.failOn(Severity.ERROR).evaluate(mixed).describe()).isEqualTo("1 finding at or above error");
  }

  @Test
  void neverDoesNotFail() {
    FailurePolicy.Verdict v = FailurePolicy.NEVER.evaluate(mixed);
    assertThat(v.failed()).isFalse();
    assertThat(v.violations()).isEmpty();
  }

  @Test
  void rejectsANegativeAllowance() {
    assertThatThrownBy(() -> new FailurePolicy(Severity.ERROR, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
