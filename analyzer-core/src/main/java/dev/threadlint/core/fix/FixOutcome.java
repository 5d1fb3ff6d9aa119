package dev.threadlint.core.fix;

import dev.threadlint.core.finding.Fix;
import java.util.Objects;
import java.util.Optional;

/**
 * What a fix builder produced: a fix, or the reason no automatic fix is offered. A rule attaches
 * the fix with {@code outcome.fix().ifPresent(builder::fix)} and may quote {@link #reason()} in its
 * message ("no automatic fix: the field escapes through getX()").
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

  public boolean isPresent() {
    return fix.isPresent();
  }

  /** {@code "no automatic fix: <reason>"}, or empty when a fix was built. */
  public String refusalMessage() {
    return fix.isPresent() ? "" : "no automatic fix: " + reason;
  }
}
