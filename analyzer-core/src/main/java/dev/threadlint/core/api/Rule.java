package dev.threadlint.core.api;

/**
 * A rule, discovered through {@link java.util.ServiceLoader} (via {@link RuleProvider}). Rules are
 * stateless and thread-safe: {@link #checkFile} may be called for several files at once.
 *
 * <p>A rule overrides {@link #checkFile} for per-file work (the engine walks each parsed file once
 * and calls every rule), and/or {@link #checkProgram} for whole-program work that needs the shared
 * analyses (summaries, lock graph), which runs once after every file has been checked.
 */
public interface Rule {

  default RuleMetadata metadata() {
    return RuleMetadata.of(getClass());
  }

  /** Per-file checks. */
  default void checkFile(FileContext context) {}

  /** Whole-program checks, once per scan. */
  default void checkProgram(ProgramContext context) {}
}
