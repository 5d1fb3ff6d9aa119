package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan command's report formats, configuration file and --changed-since, through {@link Main#run}. */
class ScanReportsCliTest {
  @TempDir
  Path dir;

  Path src;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void sources() throws IOException {
    src = Files.createDirectories(dir.resolve("project/src"));
    Files.writeString(src.resolve("Job.java"), """
        class Job {
          void go() {
            Thread t = new Thread(() -> {});
            t.run();
          }
          void lock() {
            synchronized ("shared") {
              go();
            }
          }
        }
        """);
  }

  @Test
  void severalFormats_eachToItsOwnOutput_plusOneToStdout() throws IOException {
    Path sarif = dir.resolve("out/report.sarif");
    Path html = dir.resolve("out/report.html");
    Run r = run("scan", src.toString(), "--threads", "1", "--format", "sarif", "--output", sarif.toString(),
        "--format", "html", "--output", html.toString(), "--format", "checkstyle");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode log = new ObjectMapper().readTree(sarif.toFile());
    try (InputStream schema = getClass().getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema).validate(log)).isEmpty();
    }
    List<String> ruleIds = new ArrayList<>();
    log.at("/runs/0/results").forEach(n -> ruleIds.add(n.path("ruleId").asText()));
    assertThat(ruleIds).containsExactlyInAnyOrder("thread-run-called", "bad-monitor");
    assertThat(log.at("/runs/0/tool/driver/rules").size()).isGreaterThanOrEqualTo(2);
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("data-rule=\"thread-run-called\"");
    assertThat(r.out()).startsWith("<?xml").contains("source=\"threadlint.thread-run-called\"").contains("source=\"threadlint.bad-monitor\"");
  }

  @Test
  void githubFormat_onStdout() {
    Run r = run("scan", src.toString(), "--threads", "1", "--format", "github");
    assertThat(r.out().lines()).anyMatch(l -> l.startsWith("::error file=") && l.contains("line=4,") && l.contains("title=threadlint thread-run-called::"));
  }

  @Test
  void twoFormatsOnStdout_orMoreOutputsThanFormats_areUsageErrors() {
    Run twoStdout = run("scan", src.toString(), "--format", "sarif", "--format", "html");
    assertThat(twoStdout.code()).isEqualTo(2);
    assertThat(twoStdout.err()).contains("only one --format may write to standard output");
    Run extraOutput = run("scan", src.toString(), "--format", "sarif", "--output", dir.resolve("a").toString(), "--output", dir.resolve("b").toString());
    assertThat(extraOutput.code()).isEqualTo(2);
    assertThat(extraOutput.err()).contains("more --output than --format options");
  }

  @Test
  void configFile_discoveredUpward_disablesAndRegradesRules() throws IOException {
    Files.writeString(dir.resolve("project/threadlint.yml"), """
        rules:
          bad-monitor: off
          thread-run-called: info
        """);
    Run r = run("scan", src.toString(), "--threads", "1", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero(); // the only finding left is info, below the default --fail-on error
    assertThat(r.out()).contains("\"ruleId\" : \"thread-run-called\"").contains("\"severity\" : \"info\"").doesNotContain("\"ruleId\" : \"bad-monitor\"");
    // the command line wins over the file
    Run cli = run("scan", src.toString(), "--threads", "1", "--format", "json", "--rule", "thread-run-called=error");
    assertThat(cli.code()).isEqualTo(1);
  }

  @Test
  void explicitConfig_excludes_andInvalidConfig_isAUsageErrorNamingTheLine() throws IOException {
    Path cfg = Files.writeString(dir.resolve("custom.yml"), "exclude: [\"Job.java\"]\n");
    Run r = run("scan", src.toString(), "--threads", "1", "--config", cfg.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("0 findings");

    Path bad = Files.writeString(dir.resolve("bad.yml"), "rules:\n  thread-run-called: error\n  bad-monitor: loud\n");
    Run b = run("scan", src.toString(), "--config", bad.toString());
    assertThat(b.code()).isEqualTo(2);
    assertThat(b.err()).contains(bad + ":3: rules.bad-monitor: invalid value 'loud' (expected off, error, warning, info)");

    Path unknown = Files.writeString(dir.resolve("unknown.yml"), "rules:\n  no-such-rule: off\n");
    Run u = run("scan", src.toString(), "--config", unknown.toString());
    assertThat(u.code()).isEqualTo(2);
    assertThat(u.err()).contains(":2: rules.no-such-rule: unknown rule id");
  }

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void changedSince_reportsOnlyFindingsOnChangedLines() throws Exception {
    Path repo = dir.resolve("project");
    git(repo, "init", "-q");
    git(repo, "config", "user.email", "dev@example.com");
    git(repo, "config", "user.name", "Dev");
    git(repo, "config", "commit.gpgsign", "false");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "base");
    // change only the synchronized line
    Files.writeString(src.resolve("Job.java"), Files.readString(src.resolve("Job.java")).replace("\"shared\"", "\"shared2\""));
    Run r = run("scan", src.toString(), "--threads", "1", "--format", "json", "--changed-since", "HEAD");
    assertThat(r.out()).contains("\"ruleId\" : \"bad-monitor\"").doesNotContain("\"ruleId\" : \"thread-run-called\"");
    assertThat(r.code()).isZero(); // bad-monitor is a warning; the error on the unchanged line is not reported
    assertThat(r.err()).contains("reporting 1 of 2 findings: those on lines changed since HEAD");

    Run bad = run("scan", src.toString(), "--changed-since", "nope");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown git revision 'nope'");
  }
}
