package dev.threadlint.core.engine;

import static dev.threadlint.core.engine.Scans.diagnostics;
import static dev.threadlint.core.engine.Scans.findingLines;
import static dev.threadlint.core.engine.Scans.scan;
import static dev.threadlint.core.engine.Scans.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Input that a scan must survive: each case gives a clear diagnostic, and the other files are still checked. */
class BadInputTest {
  @TempDir Path dir;

  private static final String GOOD = "class Good { void f() { flag(); } }\n";

  @Test
  @Timeout(30)
  void nonexistentPathIsAnInputErrorNamingIt() {
    Path missing = dir.resolve("no-such-dir");

    assertThatThrownBy(() -> scan(missing))
        .isInstanceOf(InputException.class)
        .hasMessage("path not found: " + missing);
  }

  @Test
  @Timeout(30)
  void folderWithoutJavaFilesGivesNoSources() {
    write(dir, "sub/readme.txt", "not java");

    AnalysisResult r = scan(dir);

    assertThat(r.filesScanned()).isZero();
    assertThat(r.findings()).isEmpty();
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("no-sources");
      assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
      assertThat(d.message()).contains(dir.toString());
    });
  }

  @Test
  @Timeout(30)
  void binaryFileNamedJavaIsSkipped() {
    write(dir, "X.java", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 12});
    write(dir, "Good.java", GOOD);

    AnalysisResult r = scan(dir);

    assertThat(diagnostics(r, "binary-file")).singleElement()
        .satisfies(d -> assertThat(d.file()).isEqualTo(dir.resolve("X.java")));
    assertThat(r.diagnostics()).hasSize(1);
    assertThat(findingLines(r)).containsExactly("Good.java:1:flag-call");
  }

  @Test
  @Timeout(30)
  void latin1FileWarnsUnderUtf8AndIsCleanWithItsEncoding() {
    // "café" in ISO-8859-1: the é is the single byte 0xE9, which is not valid UTF-8
    byte[] latin1 = "class L { String s = \"café\"; void f() { flag(); } }\n".getBytes(StandardCharsets.ISO_8859_1);
    write(dir, "L.java", latin1);

    AnalysisResult utf8 = scan(dir);
    AnalysisResult iso = scan(dir, b -> b.charset(StandardCharsets.ISO_8859_1));

    assertThat(utf8.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("encoding");
      assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
      assertThat(d.message()).contains("UTF-8").contains("--encoding");
    });
    // the file is still analysed, with the undecodable byte replaced
    assertThat(findingLines(utf8)).containsExactly("L.java:1:flag-call");
    assertThat(iso.diagnostics()).isEmpty();
    assertThat(findingLines(iso)).containsExactly("L.java:1:flag-call");
  }

  @Test
  @Timeout(120)
  void tenMegabyteGeneratedFileParsesOrIsReportedWithinTheBound() {
    StringBuilder sb = new StringBuilder(10_600_000);
    sb.append("class Big {\n");
    for (int i = 0; sb.length() < 10 * 1024 * 1024; i++) {
      sb.append("  static final String K").append(i).append(" = \"generated constant number ").append(i).append(" of a large table\";\n");
      if (i % 4 == 0) {
        sb.append("  int m").append(i).append("(int a) { int b = a * ").append(i).append(" + 1; if (b > 3) { b = b - 2; } return b; }\n");
      }
    }
    sb.append("  void last() { flag(); }\n}\n");
    write(dir, "Big.java", sb.toString());
    write(dir, "Good.java", GOOD);

    long start = System.nanoTime();
    AnalysisResult r = scan(dir, b -> b.fileTimeoutMillis(20_000));
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;

    assertThat(seconds).isLessThan(60);
    assertThat(findingLines(r)).contains("Good.java:1:flag-call");
    if (r.filesScanned() == 2) {
      assertThat(r.diagnostics()).isEmpty();
      // flag() sits in last(), the line before the closing brace
      assertThat(findingLines(r)).contains("Big.java:" + (sb.toString().lines().count() - 1) + ":flag-call");
    } else {
      // too slow on this machine: the bound turned it into a diagnostic naming the file
      assertThat(diagnostics(r, "timeout")).singleElement()
          .satisfies(d -> assertThat(d.file()).isEqualTo(dir.resolve("Big.java")));
    }
  }

  @Test
  @Timeout(60)
  void fiveThousandNestedParenthesesDoNotOverflowTheStack() {
    write(dir, "Deep.java", "class Deep { int x = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "; void f() { flag(); } }\n");
    write(dir, "Good.java", GOOD);

    AnalysisResult r = scan(dir);

    // either parsed (the workers' deep stacks suffice) or reported as too complex; never an escaping error
    if (r.filesScanned() == 2) {
      assertThat(r.diagnostics()).isEmpty();
      assertThat(findingLines(r)).containsExactly("Deep.java:1:flag-call", "Good.java:1:flag-call");
    } else {
      assertThat(diagnostics(r, "too-complex")).singleElement()
          .satisfies(d -> assertThat(d.file()).isEqualTo(dir.resolve("Deep.java")));
      assertThat(findingLines(r)).containsExactly("Good.java:1:flag-call");
    }
  }

  @Test
  @Timeout(60)
  void deeplyNestedBlocksAndClassesAreHandled() {
    StringBuilder sb = new StringBuilder("class Outer { void f() { flag();");
    sb.append("{".repeat(3000)).append("}".repeat(3000)).append("} ");
    for (int i = 0; i < 500; i++) {
      sb.append("class N").append(i).append(" { ");
    }
    sb.append("}".repeat(500)).append("}\n");
    write(dir, "Outer.java", sb.toString());

    AnalysisResult r = scan(dir);

    assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.code()).isEqualTo("too-complex"));
    if (r.diagnostics().isEmpty()) {
      assertThat(findingLines(r)).containsExactly("Outer.java:1:flag-call");
    }
  }

  @Test
  @Timeout(30)
  void directorySymlinkLoopIsReportedAndNotFollowed() throws IOException {
    write(dir, "a/b/Good.java", GOOD);
    Path link = dir.resolve("a/b/up");
    try {
      Files.createSymbolicLink(link, dir.resolve("a"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links not available here: " + e);
    }

    AnalysisResult r = scan(dir);

    assertThat(diagnostics(r, "symlink-loop")).singleElement()
        .satisfies(d -> assertThat(d.file()).isEqualTo(link));
    assertThat(findingLines(r)).containsExactly("a/b/Good.java:1:flag-call");
  }

  @Test
  @Timeout(30)
  void unreadableFileIsReportedAndTheScanGoesOn() throws IOException {
    // Tests often run as root, for whom chmod 000 does not stop reading. A symbolic link named
    // Gone.java whose target does not exist cannot be read by anyone: opening it fails with
    // "no such file", exactly as a file deleted between discovery and parsing would.
    write(dir, "Good.java", GOOD);
    Path dangling = dir.resolve("Gone.java");
    try {
      Files.createSymbolicLink(dangling, dir.resolve("deleted-target.java"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links not available here: " + e);
    }

    AnalysisResult r = scan(dir);

    assertThat(diagnostics(r, "unreadable-file")).singleElement().satisfies(d -> {
      assertThat(d.file()).isEqualTo(dangling);
      assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
      assertThat(d.message()).startsWith("cannot read");
    });
    assertThat(findingLines(r)).containsExactly("Good.java:1:flag-call");
  }

  @Test
  @Timeout(30)
  void buildOutputAndVcsFoldersAreSkipped() {
    write(dir, "src/Good.java", GOOD);
    write(dir, "target/generated/Gen.java", GOOD);
    write(dir, "build/Gen.java", GOOD);
    write(dir, ".git/Gen.java", GOOD);

    AnalysisResult r = scan(dir);

    assertThat(findingLines(r)).containsExactly("src/Good.java:1:flag-call");
  }

  @Test
  @Timeout(30)
  void includeAndExcludeGlobsSelectFiles() {
    write(dir, "main/A.java", GOOD.replace("Good", "A"));
    write(dir, "main/gen/B.java", GOOD.replace("Good", "B"));
    write(dir, "test/C.java", GOOD.replace("Good", "C"));

    AnalysisResult r = scan(dir, b -> b.include("main/**").exclude("**/gen/**"));

    assertThat(findingLines(r)).containsExactly("main/A.java:1:flag-call");
  }

  @Test
  @Timeout(30)
  void namedPipeCalledJavaIsReportedNotRead() throws Exception {
    // opening a FIFO for reading blocks until a writer appears; a scan must never do that
    write(dir, "Good.java", GOOD);
    Path fifo = dir.resolve("Pipe.java");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo not available here");

    AnalysisResult r = scan(dir);

    assertThat(diagnostics(r, "unreadable-file")).singleElement().satisfies(d -> {
      assertThat(d.file()).isEqualTo(fifo);
      assertThat(d.message()).contains("not a regular file");
    });
    assertThat(findingLines(r)).containsExactly("Good.java:1:flag-call");
  }

  @Test
  @Timeout(30)
  void namedPipeGivenExplicitlyIsAnInputError() throws Exception {
    Path fifo = dir.resolve("Pipe.java");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo not available here");

    assertThatThrownBy(() -> scan(fifo)).isInstanceOf(InputException.class).hasMessage("not a file or directory: " + fifo);
  }
}
