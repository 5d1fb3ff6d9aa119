package dev.threadlint.core.engine;

/** Observes a scan's progress, e.g. to draw a progress bar. Called from worker threads. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** A phase starts with {@code total} steps. */
  default void phase(String name, int total) {}

  /** One step of the current phase is done. */
  default void step() {}

  default void done() {}
}
