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

  /**
   * Computes the whole-program analyses this rule's per-file checks read ({@code SharedState.of(p)}...),
   * once per scan and before any file is checked: they are the program's, and must not be charged
   * to (or cut short by) the time bound of whichever file asks first.
   */
  default void prepare(dev.threadlint.core.program.Program program) {}

  /** Per-file checks. */
  default void checkFile(FileContext context) {}

  /** Whole-program checks, once per scan. */
  default void checkProgram(ProgramContext context) {}
}
