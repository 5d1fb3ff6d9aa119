package dev.threadlint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@link Main#run} in-process and captures what it prints. */
record Cli(int code, String out, String err) {

  static Cli run(String... args) {
    return run(CommandLine.defaultFactory(), args);
  }

  static Cli run(CommandLine.IFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), factory);
    return new Cli(code, out.toString(), err.toString());
  }

  static Path write(Path dir, String relative, String text) {
    try {
      Path p = dir.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A thread-run-called finding (error) and a bad-monitor finding (warning). */
  static final String BOTH = """
      class Both {
        void go() {
          Thread t = new Thread(() -> {});
          t.run();
          synchronized ("lock") {
            System.out.println();
          }
        }
      }
      """;

  /** Only a bad-monitor finding (warning). */
  static final String WARNING_ONLY = """
      class WarnOnly {
        void go() {
          synchronized ("lock") {
            System.out.println();
          }
        }
      }
      """;

  static final String CLEAN = """
      class Clean {
        private final Object lock = new Object();
        void go() {
          synchronized (lock) {
            System.out.println();
          }
        }
      }
      """;
}
