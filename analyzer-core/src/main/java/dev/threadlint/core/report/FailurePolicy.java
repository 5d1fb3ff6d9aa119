package dev.threadlint.core.report;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import java.util.List;

/**
 * When a scan fails a build: more than {@code maxAllowed} active findings at or above
 * {@code failOn}. Suppressed and baselined findings never count. A null {@code failOn} never
 * fails. Shared by the CLI's exit code and the Maven plugin's build failure.
 *
 * @param failOn the lowest severity that counts, or null for "never fail"
 * @param maxAllowed how many counting findings are tolerated (≥ 0)
 */
public record FailurePolicy(Severity failOn, int maxAllowed) {
  public static final FailurePolicy NEVER = new FailurePolicy(null, 0);

  public FailurePolicy {
    if (maxAllowed < 0) {
      throw new IllegalArgumentException("the number of allowed violations cannot be negative, was " + maxAllowed);
    }
  }

  /** Fails on any finding at or above {@code failOn}. */
  public static FailurePolicy failOn(Severity failOn) {
    return new FailurePolicy(failOn, 0);
  }

  /** The findings that count against the policy, in report order. */
  public List<Finding> violations(AnalysisResult result) {
    if (failOn == null) {
      return List.of();
    }
    return result.findings().stream().filter(f -> f.severity().isAtLeast(failOn)).toList();
  }

  /** The verdict on a result. */
  public Verdict evaluate(AnalysisResult result) {
    List<Finding> violations = violations(result);
    return new Verdict(failOn != null && violations.size() > maxAllowed, violations, this);
  }

  /** Whether a result fails, and the findings that made it so. */
  public record Verdict(boolean failed, List<Finding> violations, FailurePolicy policy) {
    public Verdict {
      violations = List.copyOf(violations);
    }

    /** One line for a log: {@code 3 findings at or above error (2 allowed)}. */
    public String describe() {
      if (policy.failOn() == null) {
        return violations.size() + " findings; the build never fails";
      }
      String s = violations.size() + (violations.size() == 1 ? " finding" : " findings") + " at or above " + policy.failOn().label();
      return policy.maxAllowed() > 0 ? s + " (" + policy.maxAllowed() + " allowed)" : s;
    }
  }
}
