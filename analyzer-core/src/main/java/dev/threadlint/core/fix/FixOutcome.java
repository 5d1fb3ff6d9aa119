package dev.threadlint.core.fix;

import dev.threadlint.core.finding.Fix;
import java.util.Objects;
import java.util.Optional;

/**
 * What a fix builder produced: a fix, or the reason no automatic fix is offered. A rule attaches
 * it with {@code RuleContext.FindingBuilder.fix(FixOutcome)}: the fix, or a refusal shown as an
 * advice entry "no automatic fix: <reason>" (e.g. "field 'hits' is not private: ...").
 */
public record FixOutcome(Optional<Fix> fix, String reason) {
  public FixOutcome {
    Objects.requireNonNull(fix);
    reason = reason == null ? "" : reason;
  }

  public static FixOutcome of(Fix fix) {
    return new FixOutcome(Optional.of(fix), "");
  }

  public static FixOutcome refused(String reason) {
    return new FixOutcome(Optional.empty(), reason);
  }

  /** No builder applies to this finding: nothing to attach, not even a refusal. */
  public static FixOutcome none() {
    return new FixOutcome(Optional.empty(), "");
  }

  public boolean isPresent() {
    return fix.isPresent();
  }

  /** {@code "no automatic fix: <reason>"}, or empty when a fix was built. */
  public String refusalMessage() {
    return fix.isPresent() ? "" : "no automatic fix: " + reason;
  }
}
