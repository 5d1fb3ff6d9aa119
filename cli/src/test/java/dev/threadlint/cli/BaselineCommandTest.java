package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCommandTest {
  private static final String WORKER = """
      class Worker {
        void go(Thread t) {
          t.run();
        }
      }
      """;

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void baselineThenScanReportsOnlyNewFindings() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Worker.java"), WORKER);
    Path baseline = dir.resolve("threadlint-baseline.json");

    Run written = run("baseline", src.toString(), "--output", baseline.toString(), "--threads", "1");
    assertThat(written.code()).as(written.err()).isZero();
    assertThat(written.out()).contains("1 finding in 1 file baselined");
    assertThat(Files.readString(baseline)).contains("\"ruleId\" : \"thread-run-called\"", "\"symbol\" : \"Worker.go\"");

    Run before = run("scan", src.toString(), "--threads", "1");
    assertThat(before.code()).isEqualTo(1);

    // lines inserted above: the old finding stays baselined
    Files.writeString(src.resolve("Worker.java"), "import java.util.List;\n\n" + WORKER);
    Run clean = run("scan", src.toString(), "--baseline", baseline.toString(), "--threads", "1");
    assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
    assertThat(clean.out()).contains("0 findings").contains("; 1 baselined");

    // a new call is reported and fails the scan
    Files.writeString(src.resolve("Worker.java"), WORKER.replace("  }\n}", "  }\n  void again(Thread u) {\n    u.run();\n  }\n}"));
    Run fresh = run("scan", src.toString(), "--baseline", baseline.toString(), "--threads", "1");
    assertThat(fresh.code()).isEqualTo(1);
    assertThat(fresh.out()).contains("Worker.java:6:").contains("'u.run()'").doesNotContain("'t.run()'").contains("1 finding (1 error").contains("1 baselined");
  }

  @Test
  void aMissingBaselineFileIsAnInputError() throws IOException {
    Files.writeString(dir.resolve("Worker.java"), WORKER);
    Run r = run("scan", dir.toString(), "--baseline", dir.resolve("nope.json").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("baseline file not found").contains("nope.json");
  }

  @Test
  void baselineNeedsAnOutputFile() {
    Run r = run("baseline", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--output");
  }
}
