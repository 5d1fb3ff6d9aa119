package dev.threadlint.core.spotbugs;

import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.finding.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * The engine's entry to the cross-check: validates the class locations, runs SpotBugs on a thread
 * of its own (so it overlaps with parsing and the source rules), and hands back its outcome or a
 * diagnostic when SpotBugs itself fails.
 */
public final class SpotBugsCrossCheck {
  /** Stack of the SpotBugs thread: its dataflow analyses recurse over large methods. */
  private static final long STACK_BYTES = 256L * 1024 * 1024;

  private SpotBugsCrossCheck() {}

  /**
   * Checks that each location is a folder holding at least one {@code .class} file, or a jar;
   * throws {@link InputException} (one line) otherwise. Returns the normalized absolute paths.
   */
  public static List<Path> validate(List<Path> classes) {
    List<Path> out = new ArrayList<>();
    for (Path p : classes) {
      Path abs = p.toAbsolutePath().normalize();
      if (!Files.exists(abs)) {
        throw new InputException("class folder not found: " + p);
      }
      if (Files.isRegularFile(abs)) {
        String name = abs.getFileName().toString();
        if (!name.endsWith(".jar") && !name.endsWith(".zip")) {
          throw new InputException("not a class folder or jar: " + p);
        }
      } else if (!hasClassFile(abs)) {
        throw new InputException("class folder contains no .class files: " + p + " (compile the project first)");
      }
      out.add(abs);
    }
    return out;
  }

  private static boolean hasClassFile(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.anyMatch(f -> f.getFileName().toString().endsWith(".class") && Files.isRegularFile(f));
    } catch (IOException | UncheckedIOException e) {
      throw new InputException("cannot read class folder " + dir + ": " + e.getMessage());
    }
  }

  /** A running cross-check. */
  public static final class Pending {
    private final CompletableFuture<SpotBugsRunner.Outcome> future = new CompletableFuture<>();
    private volatile long millis;

    /** The outcome; a SpotBugs failure becomes an empty outcome plus an error diagnostic in {@code diagnostics}. */
    public SpotBugsRunner.Outcome await(List<Diagnostic> diagnostics) {
      try {
        return future.get();
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        diagnostics.add(Diagnostic.of("spotbugs-error", Diagnostic.Level.ERROR, null, "SpotBugs failed; no bytecode cross-check: " + c));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      return new SpotBugsRunner.Outcome(List.of(), List.of(), java.util.Set.of(), List.of());
    }

    public long millis() {
      return millis;
    }
  }

  /** Starts SpotBugs on {@code classes} (already validated) with {@code auxClasspath}. */
  public static Pending start(List<Path> classes, List<Path> auxClasspath) {
    Pending pending = new Pending();
    Thread t = new Thread(null, () -> {
      long t0 = System.nanoTime();
      try {
        pending.future.complete(SpotBugsRunner.run(classes, auxClasspath));
      } catch (Throwable e) {
        pending.future.completeExceptionally(e);
      } finally {
        pending.millis = (System.nanoTime() - t0) / 1_000_000;
      }
    }, "threadlint-spotbugs", STACK_BYTES);
    t.setDaemon(true);
    t.start();
    return pending;
  }

  /** Diagnostics for SpotBugs' own analysis errors and the classes it could not find. */
  public static List<Diagnostic> diagnostics(SpotBugsRunner.Outcome outcome) {
    List<Diagnostic> out = new ArrayList<>();
    for (String e : outcome.errors()) {
      out.add(Diagnostic.of("spotbugs-analysis-error", Diagnostic.Level.NOTE, null, "SpotBugs: " + e));
    }
    if (!outcome.missingClasses().isEmpty()) {
      List<String> sorted = new ArrayList<>(outcome.missingClasses());
      sorted.sort(null);
      int n = sorted.size();
      out.add(Diagnostic.of("spotbugs-missing-classes", Diagnostic.Level.NOTE, null,
          "SpotBugs could not find " + n + " referenced class" + (n == 1 ? "" : "es") + " (add them with --classpath for a more precise check): "
              + String.join(", ", sorted.subList(0, Math.min(5, n))) + (n > 5 ? ", ..." : "")));
    }
    return out;
  }
}
