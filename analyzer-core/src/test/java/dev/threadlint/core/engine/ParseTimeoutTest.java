package dev.threadlint.core.engine;

import static dev.threadlint.core.engine.Scans.diagnostics;
import static dev.threadlint.core.engine.Scans.findingLines;
import static dev.threadlint.core.engine.Scans.scan;
import static dev.threadlint.core.engine.Scans.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.finding.AnalysisResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The per-file bound on parsing is real: it starts when a worker takes the file, and a file over it does not stall the scan. */
class ParseTimeoutTest {
  @TempDir Path dir;

  /**
   * The bound used here: long enough that a tiny file never exceeds it even on a heavily loaded
   * machine, short enough that {@link #slowFile} always does.
   */
  static final long BOUND_MILLIS = 1_500;

  /** About 8 MB of statements in one method: several seconds of parsing even on a fast machine. */
  static String slowFile(String name) {
    return slowFile(name, 8 * 1024 * 1024);
  }

  static String slowFile(String name, int bytes) {
    StringBuilder sb = new StringBuilder("class ").append(name).append(" {\n  int f(int a) {\n");
    while (sb.length() < bytes) {
      sb.append("    a = (a * 31 + 7) ^ (a >>> 3) + (a << 2) - ((a & 15) | 1);\n");
    }
    return sb.append("    return a;\n  }\n}\n").toString();
  }

  @Test
  @Timeout(60)
  void fileOverTheBoundIsReportedAndTheFileQueuedBehindItIsStillParsed() {
    // one worker: Good.java waits in the queue behind the slow A_Slow.java (files are parsed in path order)
    write(dir, "A_Slow.java", slowFile("A_Slow"));
    write(dir, "Good.java", "class Good { void f() { flag(); } }\n");

    long start = System.nanoTime();
    AnalysisResult r = scan(dir, b -> b.threads(1).fileTimeoutMillis(BOUND_MILLIS));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(diagnostics(r, "timeout")).singleElement().satisfies(d -> {
      assertThat(d.file()).isEqualTo(dir.resolve("A_Slow.java"));
      assertThat(d.message()).contains(BOUND_MILLIS + " ms");
    });
    // Good.java's time starts when the worker picks it up, not when the engine starts waiting for it
    assertThat(r.diagnostics()).hasSize(1);
    assertThat(findingLines(r)).containsExactly("Good.java:1:flag-call");
    assertThat(millis).isLessThan(20_000);
  }

  @Test
  @Timeout(60)
  void severalSlowFilesOnSeveralWorkersAreAllBoundedAndTheScanCompletes() {
    for (int i = 0; i < 3; i++) {
      write(dir, "S" + i + ".java", slowFile("S" + i));
    }
    write(dir, "Z.java", "class Z { void f() { flag(); } }\n");

    AnalysisResult r = scan(dir, b -> b.threads(2).fileTimeoutMillis(BOUND_MILLIS));

    assertThat(diagnostics(r, "timeout")).extracting(d -> dir.relativize(d.file()).toString())
        .containsExactly("S0.java", "S1.java", "S2.java");
    assertThat(findingLines(r)).containsExactly("Z.java:1:flag-call");
    assertThat(r.timingsMillis().get("parse")).isLessThan(20_000L);
  }

  @Test
  @Timeout(60)
  void generousBoundLetsTheSameFileParse() {
    write(dir, "Medium.java", slowFile("Medium", 200_000));

    AnalysisResult r = scan(dir, b -> b.fileTimeoutMillis(50_000));

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.filesScanned()).isEqualTo(1);
  }
}
