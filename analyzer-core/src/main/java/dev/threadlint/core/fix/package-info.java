/**
 * Exact fixes and the engine that applies them. Builders ({@link dev.threadlint.core.fix.CounterFixes},
 * {@link dev.threadlint.core.fix.VisibilityFixes}, {@link dev.threadlint.core.fix.MonitorFixes},
 * {@link dev.threadlint.core.fix.LockFixes}, {@link dev.threadlint.core.fix.MapFixes}, {@link
 * dev.threadlint.core.fix.FormatterFixes}) return a {@link dev.threadlint.core.fix.FixOutcome}: a fix
 * or the reason none is offered. {@link dev.threadlint.core.fix.Fixes} builds edits from node
 * ranges, {@link dev.threadlint.core.fix.LppRewrite} structural edits that keep the formatting,
 * {@link dev.threadlint.core.fix.FixApplier} merges and checks the fixes of a file, and {@link
 * dev.threadlint.core.fix.SourceWriter} writes the result back atomically. See docs/fixes.md.
 */
package dev.threadlint.core.fix;
