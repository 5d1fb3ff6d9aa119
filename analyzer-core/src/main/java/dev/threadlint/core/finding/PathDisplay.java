package dev.threadlint.core.finding;

import java.nio.file.Path;

/** Turns absolute paths into the stable, forward-slash relative form reports show. */
public final class PathDisplay {
  private PathDisplay() {}

  public static String relative(Path baseDir, Path file) {
    Path f = file.toAbsolutePath().normalize();
    if (baseDir != null) {
      Path b = baseDir.toAbsolutePath().normalize();
      if (f.startsWith(b)) {
        return slashes(b.relativize(f).toString());
      }
    }
    return slashes(f.toString());
  }

  private static String slashes(String s) {
    return s.replace('\\', '/');
  }
}
