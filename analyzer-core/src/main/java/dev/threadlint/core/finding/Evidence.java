package dev.threadlint.core.finding;

import java.util.List;

/**
 * One step of a finding's evidence trace: a related location with a short message, e.g. "write of
 * 'count' without a lock, reached from thread entry Worker.run()". {@code callPath} lists the
 * method names from the thread entry down to this location, outermost first (empty when direct).
 * {@code thread} names the concurrency context this step runs in, when known; reporters use it to
 * draw one thread flow per context.
 */
public record Evidence(SourceLocation location, String message, String thread, List<String> callPath) {

  public Evidence {
    callPath = List.copyOf(callPath);
  }

  public Evidence(SourceLocation location, String message) {
    this(location, message, null, List.of());
  }
}
