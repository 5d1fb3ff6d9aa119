package dev.threadlint.core.engine;

import dev.threadlint.core.finding.Diagnostic;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@code .java} files to scan. Directories are walked following symbolic links, but a
 * link that loops back is reported once and never followed; build output and VCS folders are
 * skipped. Explicitly named paths that do not exist or cannot be read are input errors.
 */
public final class SourceDiscovery {
  /** Directory names never descended into. */
  public static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "build", ".git", ".hg", ".svn", ".gradle", ".idea", "node_modules", ".mvn");

  public record Result(List<Path> files, List<Diagnostic> diagnostics) {}

  private final List<PathMatcher> includes = new ArrayList<>();
  private final List<PathMatcher> excludes = new ArrayList<>();

  public SourceDiscovery(List<String> includeGlobs, List<String> excludeGlobs) {
    for (String g : includeGlobs) {
      includes.addAll(matchers(g));
    }
    for (String g : excludeGlobs) {
      excludes.addAll(matchers(g));
    }
  }

  private static List<PathMatcher> matchers(String glob) {
    List<PathMatcher> out = new ArrayList<>();
    try {
      out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      // "**/x/**" should also match "x/..." at the root of a scanned directory
      if (glob.startsWith("**/")) {
        out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
      }
    } catch (IllegalArgumentException e) {
      throw new InputException("invalid glob '" + glob + "': " + e.getMessage());
    }
    return out;
  }

  public Result discover(List<Path> roots) {
    Set<Path> files = new TreeSet<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Path given : roots) {
      Path root = given.toAbsolutePath().normalize();
      if (!Files.exists(root)) {
        throw new InputException("path not found: " + given);
      }
      if (Files.isRegularFile(root)) {
        if (!Files.isReadable(root)) {
          throw new InputException("cannot read file: " + given);
        }
        files.add(root);
        continue;
      }
      if (!Files.isDirectory(root)) {
        throw new InputException("not a file or directory: " + given);
      }
      walk(root, files, diagnostics);
    }
    return new Result(List.copyOf(files), diagnostics);
  }

  private void walk(Path root, Set<Path> files, List<Diagnostic> diagnostics) {
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(root)) {
            String name = dir.getFileName().toString();
            if (SKIPPED_DIRECTORIES.contains(name) || excluded(root, dir)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          // a symbolic link seen here is a broken one (live links are followed); it is kept so that
          // reading it reports the failure, instead of a source silently going missing
          if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && file.getFileName().toString().endsWith(".java") && selected(root, file)) {
            files.add(file.toAbsolutePath().normalize());
          } else if (attrs.isOther() && file.getFileName().toString().endsWith(".java") && selected(root, file)) {
            // reading a named pipe would block forever
            diagnostics.add(Diagnostic.of("unreadable-file", Diagnostic.Level.ERROR, file,
                "not a regular file (a named pipe, socket or device); skipped"));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          if (exc instanceof FileSystemLoopException) {
            diagnostics.add(Diagnostic.of("symlink-loop", Diagnostic.Level.WARNING, file,
                "symbolic link loops back to an enclosing directory; not followed"));
          } else if (file.getFileName() != null && file.getFileName().toString().endsWith(".java")) {
            diagnostics.add(Diagnostic.of("unreadable-file", Diagnostic.Level.ERROR, file,
                "cannot read: " + describe(exc)));
          } else if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.exists(file)) {
            diagnostics.add(Diagnostic.of("unreadable-directory", Diagnostic.Level.WARNING, file,
                "cannot read: " + describe(exc)));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      diagnostics.add(Diagnostic.of("unreadable-directory", Diagnostic.Level.ERROR, root, "cannot walk: " + describe(e)));
    }
  }

  private boolean selected(Path root, Path file) {
    if (excluded(root, file)) {
      return false;
    }
    if (includes.isEmpty()) {
      return true;
    }
    Path rel = root.relativize(file);
    return includes.stream().anyMatch(m -> m.matches(rel) || m.matches(file.getFileName()));
  }

  private boolean excluded(Path root, Path p) {
    if (excludes.isEmpty()) {
      return false;
    }
    Path rel = root.relativize(p);
    return excludes.stream().anyMatch(m -> m.matches(rel));
  }

  static String describe(Exception e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    return m == null ? kind : kind + " (" + m + ")";
  }
}
