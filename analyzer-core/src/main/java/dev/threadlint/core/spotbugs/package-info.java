/**
 * The bytecode cross-check: SpotBugs' multithreaded-correctness (MT_CORRECTNESS) detectors run
 * in-process through the SpotBugs API on the compiled classes of the scanned project; each bug
 * instance becomes a {@code spotbugs:<BUG_TYPE>} finding placed on the scanned source line, and a
 * defect both tools found is reported once with both sources of evidence.
 *
 * <p>Only {@link dev.threadlint.core.spotbugs.SpotBugsRunner} touches SpotBugs types; the rest of
 * the package works on {@link dev.threadlint.core.spotbugs.BugRecord}s, so mapping and
 * de-duplication are plain data transformations. The engine calls
 * {@link dev.threadlint.core.spotbugs.SpotBugsCrossCheck} when an
 * {@code AnalysisRequest} names class folders.
 */
package dev.threadlint.core.spotbugs;
