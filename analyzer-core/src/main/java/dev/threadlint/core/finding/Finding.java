package dev.threadlint.core.finding;

import dev.threadlint.core.api.Severity;
import java.util.Comparator;
import java.util.List;

/**
 * A defect a rule found. {@code symbol} names the enclosing declaration as {@code Class.member}
 * (stable across line shifts; used by golden files and fingerprints). {@code fingerprint} is
 * assigned by the engine and stays the same when unrelated lines move. {@code suppression} is
 * non-null when the finding was suppressed (it is then reported as such, never silently dropped).
 */
public record Finding(
    String ruleId,
    Severity severity,
    String message,
    SourceLocation location,
    String symbol,
    List<Evidence> evidence,
    Suggestion suggestion,
    List<Fix> fixes,
    String fingerprint,
    Suppression suppression) {

  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location, SourceLocation.ORDER)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  public Finding {
    evidence = List.copyOf(evidence);
    fixes = List.copyOf(fixes);
  }

  public boolean isSuppressed() {
    return suppression != null;
  }

  public Finding withFingerprint(String fp) {
    return new Finding(ruleId, severity, message, location, symbol, evidence, suggestion, fixes, fp, suppression);
  }

  public Finding withSeverity(Severity s) {
    return new Finding(ruleId, s, message, location, symbol, evidence, suggestion, fixes, fingerprint, suppression);
  }

  public Finding withSuppression(Suppression s) {
    return new Finding(ruleId, severity, message, location, symbol, evidence, suggestion, fixes, fingerprint, s);
  }

  /** Why and how a finding was suppressed. */
  public record Suppression(Kind kind, String justification) {
    public enum Kind {
      /** {@code @SuppressWarnings("threadlint:...")} on an enclosing declaration. */
      ANNOTATION,
      /** {@code // threadlint:ignore <rule-id> <reason>}. */
      COMMENT,
      /** Present in the baseline file. */
      BASELINE
    }
  }
}
