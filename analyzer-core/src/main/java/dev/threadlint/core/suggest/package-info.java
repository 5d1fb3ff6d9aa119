/**
 * Channel-based rewrite sketches generated from the program model: {@link
 * dev.threadlint.core.suggest.OwnerSketch} (shared state gets one owner fed through a {@code
 * BlockingQueue}), {@link dev.threadlint.core.suggest.LedgerSketch} (a lock-order cycle's operation
 * moves into one owner; the global lock order is the named alternative) and {@link
 * dev.threadlint.core.suggest.QueueSketch} (a wait/notify buffer becomes a {@code BlockingQueue}).
 * Each returns a {@link dev.threadlint.core.finding.Suggestion} whose sketch is valid Java for the
 * target release ({@link dev.threadlint.core.suggest.SketchLevel}). See docs/fixes.md.
 */
package dev.threadlint.core.suggest;
