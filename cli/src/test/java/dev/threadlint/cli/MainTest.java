package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class MainTest {
  @TempDir Path dir;

  private String lines(String s) {
    return s.strip();
  }

  // ---- exit codes -------------------------------------------------------------------------

  @Test
  void exit0OnACleanTree() {
    Cli.write(dir, "Clean.java", Cli.CLEAN);

    Cli r = Cli.run("scan", dir.toString());

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("0 findings (0 errors, 0 warnings, 0 info) in 1 file");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void exit1WhenAnErrorFindingRemains() {
    Path file = Cli.write(dir, "Both.java", Cli.BOTH);

    Cli r = Cli.run("scan", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    String shown = file.toAbsolutePath().toString().replace('\\', '/');
    assertThat(r.out()).contains(shown + ":4:5: error: [thread-run-called] 't.run()'")
        .contains(shown + ":5:19: warning: [bad-monitor]")
        .contains("2 findings (1 error, 1 warning, 0 info) in 1 file");
  }

  @Test
  void exit2OnANonexistentPathWithOneLineNamingIt() {
    Path missing = dir.resolve("nowhere");

    Cli r = Cli.run("scan", missing.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(lines(r.err())).isEqualTo("threadlint: path not found: " + missing);
  }

  @Test
  void exit3OnAnInternalErrorWithoutStackTrace() {
    Cli r = Cli.run(failingEngine(new IllegalStateException("engine broke")), "scan", dir.toString());

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).startsWith("threadlint: internal error: java.lang.IllegalStateException: engine broke")
        .contains("--verbose")
        .doesNotContain("\tat ");
  }

  @Test
  void exit3WithStackTraceUnderVerbose() {
    Cli r = Cli.run(failingEngine(new IllegalStateException("engine broke")), "--verbose", "scan", dir.toString());

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("internal error: java.lang.IllegalStateException: engine broke")
        .contains("\tat dev.threadlint.cli.");
  }

  @Test
  void verboseAfterTheSubcommandAlsoShowsTheStackTrace() {
    Cli r = Cli.run(failingEngine(new IllegalStateException("engine broke")), "scan", dir.toString(), "--verbose");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("\tat dev.threadlint.cli.");
  }

  @Test
  void exit3WhenAnErrorEscapesPicocli() {
    // e.g. a rule jar compiled against another version fails with a LinkageError, which picocli does not catch
    Cli r = Cli.run(failingEngine(new NoClassDefFoundError("com/example/Missing")), "scan", dir.toString());

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).startsWith("threadlint: internal error: java.lang.NoClassDefFoundError: com/example/Missing");
  }

  /** Replaces the engine of {@code scan} by one that throws: the only way to reach exit 3 without a bug. */
  private static CommandLine.IFactory failingEngine(Throwable t) {
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K made = CommandLine.defaultFactory().create(cls);
        if (made instanceof ScanCommand scan) {
          scan.analyzers = () -> {
            if (t instanceof RuntimeException re) {
              throw re;
            }
            throw (Error) t;
          };
        }
        return made;
      }
    };
  }

  // ---- --fail-on ------------------------------------------------------------------------

  @Test
  void failOnLevels() {
    Cli.write(dir, "WarnOnly.java", Cli.WARNING_ONLY);
    String d = dir.toString();

    assertThat(Cli.run("scan", d).code()).as("default: error").isEqualTo(0);
    assertThat(Cli.run("scan", "--fail-on", "error", d).code()).isEqualTo(0);
    assertThat(Cli.run("scan", "--fail-on", "warning", d).code()).isEqualTo(1);
    assertThat(Cli.run("scan", "--fail-on", "info", d).code()).isEqualTo(1);
    assertThat(Cli.run("scan", "--fail-on", "never", d).code()).isEqualTo(0);
    assertThat(Cli.run("scan", "--fail-on", "WARNING", d).code()).as("case-insensitive").isEqualTo(1);
  }

  @Test
  void failOnNeverIgnoresErrors() {
    Cli.write(dir, "Both.java", Cli.BOTH);

    assertThat(Cli.run("scan", "--fail-on", "never", dir.toString()).code()).isEqualTo(0);
    assertThat(Cli.run("scan", "--fail-on", "warning", dir.toString()).code()).isEqualTo(1);
  }

  @Test
  void invalidFailOnValueIsAUsageError() {
    Cli r = Cli.run("scan", "--fail-on", "sometimes", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--fail-on").contains("sometimes");
  }

  // ---- options --------------------------------------------------------------------------

  @Test
  void unknownOptionIsExit2WithOneLinePointingToHelp() {
    Cli r = Cli.run("scan", "--frobnicate", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().toList()).containsExactly("threadlint: Unknown option: '--frobnicate' (see 'threadlint scan --help')");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownRuleIdIsExit2() {
    Cli.write(dir, "Clean.java", Cli.CLEAN);

    Cli r = Cli.run("scan", "--rule", "no-such-rule=off", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(lines(r.err())).isEqualTo("threadlint: unknown rule id 'no-such-rule' (run 'threadlint rules' to list them)");
  }

  @Test
  void ruleOptionDisablesARule() {
    Cli.write(dir, "Both.java", Cli.BOTH);

    Cli r = Cli.run("scan", "--rule", "thread-run-called=off", dir.toString());

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).doesNotContain("thread-run-called").contains("[bad-monitor]");
  }

  @Test
  void malformedRuleOptionIsExit2() {
    Cli r = Cli.run("scan", "--rule", "bad-monitor", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(lines(r.err())).startsWith("threadlint: --rule expects ID=SETTING");
  }

  @Test
  void unknownEncodingIsExit2() {
    Cli r = Cli.run("scan", "--encoding", "klingon-8", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(lines(r.err())).isEqualTo("threadlint: unknown encoding 'klingon-8'");
  }

  @Test
  void zeroThreadsIsExit2() {
    Cli r = Cli.run("scan", "--threads", "0", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(lines(r.err())).isEqualTo("threadlint: --threads must be at least 1");
  }

  @Test
  void outputFileReceivesTheReportAndStdoutStaysEmpty() throws Exception {
    Cli.write(dir, "Both.java", Cli.BOTH);
    Path report = dir.resolve("reports/nested/out.json");

    Cli r = Cli.run("scan", "--format", "json", "--output", report.toString(), dir.resolve("Both.java").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
    String json = Files.readString(report);
    assertThat(json).startsWith("{").contains("\"ruleId\" : \"thread-run-called\"");
  }

  @Test
  void outputPathThatIsADirectoryIsExit2WithOneLine() {
    Cli.write(dir, "Clean.java", Cli.CLEAN);

    Cli r = Cli.run("scan", "--output", dir.toString(), dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(lines(r.err())).isEqualTo("threadlint: cannot write " + dir + ": it is a directory");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void outputUnderARegularFileIsExit2() {
    Path file = Cli.write(dir, "Clean.java", Cli.CLEAN);

    Cli r = Cli.run("scan", "--output", file.resolve("report.txt").toString(), dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().toList()).singleElement().asString().startsWith("threadlint: cannot write " + file.resolve("report.txt"));
  }

  @Test
  void jsonFormatWritesOnlyJson() throws Exception {
    Cli.write(dir, "Clean.java", Cli.CLEAN);

    Cli r = Cli.run("scan", "--format", "json", dir.toString());

    assertThat(r.code()).isEqualTo(0);
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(root.get("summary").get("filesScanned").asInt()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void defaultSubcommandIsScan() {
    Cli.write(dir, "Both.java", Cli.BOTH);

    Cli implicit = Cli.run("--fail-on", "never", dir.toString());
    Cli explicit = Cli.run("scan", "--fail-on", "never", dir.toString());
    Cli bare = Cli.run(dir.toString());

    assertThat(implicit.code()).isEqualTo(0);
    assertThat(implicit.out()).isEqualTo(explicit.out()).contains("[thread-run-called]");
    assertThat(bare.code()).isEqualTo(1);
    assertThat(bare.out()).isEqualTo(explicit.out());
  }

  @Test
  void cleanScanWritesOnlyTheReport() {
    // no progress bar and no other chatter when stderr is not a terminal
    Cli.write(dir, "Clean.java", Cli.CLEAN);

    Cli text = Cli.run(dir.toString());
    Cli json = Cli.run("--format", "json", dir.toString());

    assertThat(text.err()).isEmpty();
    assertThat(text.out().lines().toList()).containsExactly("0 findings (0 errors, 0 warnings, 0 info) in 1 file");
    assertThat(json.err()).isEmpty();
    assertThat(json.out().strip()).startsWith("{").endsWith("}");
  }

  @Test
  void verbosePrintsTimingsToStderr() {
    Cli.write(dir, "Clean.java", Cli.CLEAN);

    Cli r = Cli.run("--verbose", "scan", dir.toString());

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.err()).startsWith("timings (ms): {").contains("parse=").contains("total=");
  }

  @Test
  void parseErrorIsShownAndOtherFilesAreStillScanned() {
    Path bad = Cli.write(dir, "Bad.java", "class Bad { void f( { }\n");
    Cli.write(dir, "Both.java", Cli.BOTH);

    Cli r = Cli.run("scan", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(bad.toString().replace('\\', '/') + ":1:21: error: [parse-error] Parse error. Found \"{\", expected \")\"")
        .contains("[thread-run-called]")
        .contains("1 diagnostic");
  }

  // ---- rules, explain, version, help ----------------------------------------------------

  @Test
  void rulesListsEveryRuleId() {
    Cli r = Cli.run("rules");

    assertThat(r.code()).isEqualTo(0);
    // the built-in rules come first, up to the blank line before the SpotBugs patterns
    List<String> ids = r.out().lines().takeWhile(l -> !l.isBlank()).map(l -> l.split("\\s+")[0]).toList();
    List<String> registered = new Analyzer().registry().entries().stream().map(e -> e.metadata().id()).toList();
    assertThat(ids).containsExactlyElementsOf(registered).contains("bad-monitor", "thread-run-called");
    assertThat(r.out()).containsPattern("thread-run-called\\s+error\\s+lock discipline\\s+Thread.run\\(\\) called directly");
  }

  @Test
  void explainPrintsTheDocs() {
    Cli r = Cli.run("explain", "bad-monitor");

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).startsWith("bad-monitor — ")
        .contains("severity: warning")
        .contains("## Problem").contains("## Example").contains("## Fix").contains("## Suppression").contains("## References");
  }

  @Test
  void explainOfAnUnknownRuleIsExit2() {
    Cli r = Cli.run("explain", "nope");

    assertThat(r.code()).isEqualTo(2);
    assertThat(lines(r.err())).isEqualTo("threadlint: unknown rule id 'nope' (run 'threadlint rules' to list them)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void explainWithoutRuleIdIsExit2() {
    Cli r = Cli.run("explain");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("RULE-ID");
  }

  @Test
  void versionPrintsTheProjectVersion() {
    Cli r = Cli.run("--version");

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out().lines().findFirst()).contains("threadlint " + Version.get());
    assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void helpListsTheExitCodesOfTheEnum() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"scan", "--help"})) {
      Cli r = Cli.run(args);
      assertThat(r.code()).isEqualTo(0);

      Map<Integer, String> listed = new LinkedHashMap<>();
      String section = r.out().substring(r.out().indexOf("Exit codes:"));
      Matcher m = Pattern.compile("(?m)^\\s+(\\d+)\\s+(.+)$").matcher(section);
      while (m.find()) {
        listed.put(Integer.parseInt(m.group(1)), m.group(2).strip());
      }
      Map<Integer, String> expected = new LinkedHashMap<>();
      for (ExitCode c : ExitCode.values()) {
        expected.put(c.code(), c.meaning());
      }
      assertThat(listed).as(String.join(" ", args)).containsExactlyEntriesOf(expected);
    }
    assertThat(new ArrayList<>(List.of(ExitCode.values()))).extracting(ExitCode::code).containsExactly(0, 1, 2, 3);
  }

  @Test
  void helpListsTheSubcommands() {
    Cli r = Cli.run("--help");

    assertThat(r.out()).contains("scan").contains("rules").contains("explain");
  }
}
