package dev.threadlint.core.engine;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the tool owns (baselines, caches) replaced whole: readers see the old file or the new one, never half. */
final class AtomicFiles {
  private AtomicFiles() {}

  /** Fills a temporary file. */
  @FunctionalInterface
  interface Content {
    void writeTo(Path tmp) throws IOException;
  }

  /**
   * Writes {@code content} to a temporary file beside {@code target} (parent folders created),
   * then moves it over {@code target} — atomically where the file system can; the temporary file
   * never outlives the call.
   */
  static void replace(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
    try {
      content.writeTo(tmp);
      try {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
