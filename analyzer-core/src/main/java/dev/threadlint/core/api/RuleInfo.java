package dev.threadlint.core.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's metadata, in one place. The id is kebab-case, derived from the class name
 * ({@code DoubleCheckedLocking} → {@code double-checked-locking}), and stable forever.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
  String id();

  /** One sentence, used as SARIF shortDescription and in {@code threadlint rules}. */
  String title();

  Severity severity();

  Category category();

  /**
   * The coarse defect class used when comparing with other tools' labelled suites: race, deadlock,
   * unreleased-lock, blocking-under-lock, dcl, check-then-act, volatile-nonatomic, wait-notify,
   * bad-monitor, unsafe-publication, static-formatter, thread-misuse.
   */
  String defectClass();

  String[] tags() default {};

  String since() default "0.1.0";

  /** Former ids, still honoured by suppressions and configuration. */
  String[] altIds() default {};
}
