package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error a user can cause with the scan command's options gives one clear line on standard
 * error (no stack trace) and exit code 2; a classpath entry that exists but is not a jar is a
 * diagnostic and the scan goes on.
 */
class ErrorLinesTest {
  @TempDir
  Path dir;

  Path src;

  record Run(int code, String out, String err) {
    /** The non-blank lines of standard error. */
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  @BeforeEach
  void sources() throws IOException {
    src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Counter.java"), """
        class Counter {
          private int n;
          synchronized void inc() { n++; }
        }
        """);
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertOneErrorLine(Run r, String... mustContain) {
    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.errLines()).as("stderr").hasSize(1);
    String line = r.errLines().get(0);
    assertThat(line).startsWith("threadlint: ").doesNotContain("Exception").doesNotContain("\tat ");
    for (String s : mustContain) {
      assertThat(line).contains(s);
    }
  }

  @Test
  void outputPathBelowARegularFile_notADirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("plain.txt"), "not a directory");
    Path output = file.resolve("report.json");
    Run r = run("scan", "--format", "json", "-o", output.toString(), src.toString());
    assertOneErrorLine(r, "cannot write", "report.json", "not a directory");
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }

  @Test
  void outputPathThatIsADirectory() throws IOException {
    Path out = Files.createDirectories(dir.resolve("reports"));
    Run r = run("scan", "-o", out.toString(), src.toString());
    assertOneErrorLine(r, "is a directory", "reports");
  }

  @Test
  void outputProblemsAreFoundBeforeTheScanRuns() throws IOException {
    // a missing source path and a bad output: the output is checked before the scan starts (which
    // would report the missing path), so no one waits for a long scan to learn that its report
    // cannot be written
    Path out = Files.createDirectories(dir.resolve("reports"));
    Run r = run("scan", "-o", out.toString(), dir.resolve("no-such-src").toString());
    assertOneErrorLine(r, "is a directory");
  }

  @Test
  void missingClasspathJar() {
    Run r = run("scan", "--classpath", dir.resolve("missing.jar").toString(), src.toString());
    assertOneErrorLine(r, "classpath entry not found", "missing.jar");
  }

  @Test
  void classpathEntryThatIsNotAJar_isADiagnostic_andTheScanGoesOn() throws IOException {
    Path notJar = Files.writeString(dir.resolve("notes.txt"), "hello");
    Run r = run("scan", "--fail-on", "never", "--classpath", notJar.toString(), src.toString());
    assertThat(r.code()).isEqualTo(ExitCode.CLEAN.code());
    assertThat(r.out()).contains("notes.txt").contains("[bad-classpath-entry]").contains("in 1 file");
  }

  @Test
  void corruptJarOnTheClasspath_isADiagnostic_andTheScanGoesOn() throws IOException {
    Path jar = Files.writeString(dir.resolve("broken.jar"), "this is not a zip file");
    Run r = run("scan", "--fail-on", "never", "--classpath", jar.toString(), src.toString());
    assertThat(r.code()).isEqualTo(ExitCode.CLEAN.code());
    assertThat(r.out()).contains("broken.jar").contains("[bad-classpath-entry]").contains("in 1 file");
  }

  @Test
  void threadsNotANumber() {
    assertOneErrorLine(run("scan", "--threads", "abc", src.toString()), "--threads", "abc");
  }

  @Test
  void threadsZero() {
    assertOneErrorLine(run("scan", "--threads", "0", src.toString()), "--threads", "at least 1");
  }

  @Test
  void unknownOption() {
    assertOneErrorLine(run("scan", "--colour", src.toString()), "--colour");
  }

  @Test
  void unknownFormat() {
    assertOneErrorLine(run("scan", "--format", "pdf", src.toString()), "pdf");
  }

  @Test
  void unknownRuleId() {
    assertOneErrorLine(run("scan", "--rule", "no-such-rule=off", src.toString()), "unknown rule id", "no-such-rule");
  }

  @Test
  void invalidRuleSetting() {
    assertOneErrorLine(run("scan", "--rule", "bad-monitor=loud", src.toString()), "bad-monitor=loud");
  }

  @Test
  void invalidEncoding() {
    assertOneErrorLine(run("scan", "--encoding", "no-such-charset", src.toString()), "encoding", "no-such-charset");
  }

  @Test
  void illegalEncodingName() {
    assertOneErrorLine(run("scan", "--encoding", "UTF 8!", src.toString()), "encoding", "UTF 8!");
  }
}
