package dev.threadlint.core.finding;

/** How much review a fix needs. Only SAFE fixes are applied unless the user opts in. */
public enum FixKind {
  /** Local and behaviour-preserving. */
  SAFE,
  /** Structural; needs review. */
  REFACTORING,
  /** Text only, no edits. */
  ADVICE
}
