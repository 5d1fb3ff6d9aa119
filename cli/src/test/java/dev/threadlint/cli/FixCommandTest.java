package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.fix.SourceSnapshot;
import dev.threadlint.core.fix.SourceWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FixCommandTest {
  private static final String RUNNER = """
      package demo;

      public class Runner {
          public void go() {
              Thread t = new Thread(() -> System.out.println("work"));
              t.run();
          }
      }
      """;

  private static final String CLEAN = """
      package demo;

      public class Clean {
          public void go() {
              new Thread(() -> {}).start();
          }
      }
      """;

  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  private Run main(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs {@code threadlint fix ARGS} through {@link Main}, with {@code cmd} as the fix command. */
  private Run command(FixCommand cmd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == FixCommand.class ? cls.cast(cmd) : CommandLine.defaultFactory().create(cls);
      }
    };
    String[] all = new String[args.length + 1];
    all[0] = "fix";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.run(all, new PrintWriter(out), new PrintWriter(err), factory);
    return new Run(code, out.toString(), err.toString());
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private Map<String, String> checksums() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), SourceSnapshot.sha256(Files.readAllBytes(p)) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return out;
  }

  @Test
  void withoutWrite_printsAUnifiedDiff_andChangesNoFile() throws IOException {
    write("src/demo/Runner.java", RUNNER);
    write("src/demo/Clean.java", CLEAN);
    write("src/demo/Broken.java", "class Broken { void x( }");
    write("README.txt", "not java");
    Map<String, String> before = checksums();
    Run r = main("fix", dir.toString());
    assertThat(r.out()).containsPattern("(?m)^--- a/[^/].*/src/demo/Runner.java$").containsPattern("(?m)^\\+\\+\\+ b/[^/].*/src/demo/Runner.java$").contains("@@ -3,6 +3,6 @@")
        .contains("-        t.run();").contains("+        t.start();")
        .contains("1 fix in 1 file; run with --write to apply.")
        .doesNotContain("Clean.java");
    assertThat(r.code()).as("the thread-run-called finding (an error) remains").isEqualTo(1);
    assertThat(checksums()).isEqualTo(before);
  }

  @Test
  void write_appliesTheFix_rescans_andReportsTheFindingGone() throws IOException {
    Path runner = write("src/demo/Runner.java", RUNNER);
    Path clean = write("src/demo/Clean.java", CLEAN);
    Files.setLastModifiedTime(clean, FileTime.fromMillis(1_000_000_000_000L));
    String cleanSum = SourceSnapshot.sha256(Files.readAllBytes(clean));
    Run r = main("fix", "--write", dir.toString());
    assertThat(r.err()).isEmpty();
    assertThat(Files.readString(runner)).isEqualTo(RUNNER.replace("t.run();", "t.start();"));
    assertThat(r.out()).contains("fixed ").contains("Runner.java (1 fix)")
        .containsPattern("gone: .*Runner.java:6: \\[thread-run-called\\] 't.run\\(\\)'")
        .contains("1 finding fixed; 0 remaining.");
    assertThat(r.code()).isEqualTo(0);
    // a file with no applicable fix is not touched, and no temporary file is left behind
    assertThat(SourceSnapshot.sha256(Files.readAllBytes(clean))).isEqualTo(cleanSum);
    assertThat(Files.getLastModifiedTime(clean).toMillis()).isEqualTo(1_000_000_000_000L);
    try (Stream<Path> s = Files.list(runner.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("Runner.java", "Clean.java");
    }
    // running it again finds nothing to fix
    Run again = main("fix", "--write", dir.toString());
    assertThat(again.out()).contains("No applicable fix in 2 files.");
    assertThat(again.code()).isEqualTo(0);
  }

  @Test
  void fixFollowsTheConfigurationFile_likeScan() throws IOException {
    write("src/demo/Runner.java", RUNNER);
    write("threadlint.yml", "rules:\n  thread-run-called: off\n");
    Map<String, String> before = checksums();
    Run r = main("fix", "--write", dir.toString());
    assertThat(r.out()).doesNotContain("t.start()").doesNotContain("fixed ");
    assertThat(checksums()).isEqualTo(before);
  }

  @Test
  void write_keepsCrlfLineEndingsAndTheByteOrderMark() throws IOException {
    Path runner = dir.resolve("Runner.java");
    String crlf = "\uFEFF" + RUNNER.replace("\n", "\r\n");
    Files.writeString(runner, crlf);
    Run r = main("fix", "--write", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(Files.readString(runner)).isEqualTo(crlf.replace("t.run();", "t.start();"));
  }

  @Test
  void write_readOnlyFile_clearError_fileIntact() throws IOException {
    Path runner = write("Runner.java", RUNNER);
    Files.setPosixFilePermissions(runner, PosixFilePermissions.fromString("r--r--r--"));
    Run r = main("fix", "--write", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Runner.java: file is read-only; left unchanged");
    assertThat(Files.readString(runner)).isEqualTo(RUNNER);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runner))).isEqualTo("r--r--r--");
  }

  @Test
  void write_keepsThePermissionsOfTheFile() throws IOException {
    Path runner = write("Runner.java", RUNNER);
    Files.setPosixFilePermissions(runner, PosixFilePermissions.fromString("rw-r-----"));
    assertThat(main("fix", "--write", dir.toString()).code()).isEqualTo(0);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runner))).isEqualTo("rw-r-----");
  }

  @Test
  void write_fileChangedBetweenAnalysisAndWrite_isRefused() throws IOException {
    Path runner = write("Runner.java", RUNNER);
    String edited = RUNNER.replace("\"work\"", "\"edited meanwhile\"");
    FixCommand cmd = new FixCommand(new SourceWriter(), result -> {
      try {
        Files.writeString(runner, edited); // an editor saves while the scan runs
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, dev.threadlint.core.engine.Analyzer::new);
    Run r = command(cmd, "--write", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Runner.java: changed since it was analysed; not rewritten (run fix again)");
    assertThat(Files.readString(runner)).isEqualTo(edited);
  }

  @Test
  void write_failedRename_leavesTheOriginalIntact_andNoTemporaryFile() throws IOException {
    Path runner = write("Runner.java", RUNNER);
    FixCommand cmd = new FixCommand(new SourceWriter((from, to) -> {
      throw new IOException("simulated rename failure");
    }), result -> {}, dev.threadlint.core.engine.Analyzer::new);
    Run r = command(cmd, "--write", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cannot replace the file (simulated rename failure); left unchanged");
    assertThat(Files.readString(runner)).isEqualTo(RUNNER);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("Runner.java");
    }
  }

  @Test
  void ruleFilter_onlyThatRulesFixes() throws IOException {
    Path runner = write("Runner.java", RUNNER);
    Run other = main("fix", "--write", "--rule", "bad-monitor", dir.toString());
    assertThat(other.out()).contains("No applicable fix for bad-monitor in 1 file.");
    assertThat(Files.readString(runner)).isEqualTo(RUNNER);
    assertThat(other.code()).as("the run() finding is still there").isEqualTo(1);
    Run same = main("fix", "--write", "--rule", "thread-run-called", dir.toString());
    assertThat(same.code()).isEqualTo(0);
    assertThat(Files.readString(runner)).contains("t.start();");
  }

  /** A stand-in rule whose fix is a REFACTORING: the merge rewrite of a get-then-put increment. */
  @dev.threadlint.core.api.RuleInfo(id = "merge-demo", title = "get-then-put increment (test rule)", severity = dev.threadlint.core.api.Severity.WARNING,
      category = dev.threadlint.core.api.Category.SHARED_MUTABLE_STATE, defectClass = "check-then-act")
  public static final class MergeDemo implements dev.threadlint.core.api.Rule {
    @Override
    public void checkFile(dev.threadlint.core.api.FileContext ctx) {
      for (var put : ctx.findAll(com.github.javaparser.ast.expr.MethodCallExpr.class)) {
        var outcome = dev.threadlint.core.fix.MapFixes.mergeIncrement(ctx.file(), put);
        if (outcome.isPresent()) {
          ctx.finding(put, "get-then-put increment is not atomic").fix(outcome.fix().orElseThrow()).report();
        }
      }
    }
  }

  private static final String VOTES = """
      import java.util.concurrent.ConcurrentHashMap;

      class Votes {
        private final ConcurrentHashMap<String, Integer> votes = new ConcurrentHashMap<>();
        void vote(String who) {
          votes.put(who, votes.get(who) + 1);
        }
      }
      """;

  @Test
  void refactoringFixes_onlyWithIncludeRefactorings() throws IOException {
    Path votes = write("Votes.java", VOTES);
    java.util.function.Supplier<dev.threadlint.core.engine.Analyzer> demo =
        () -> new dev.threadlint.core.engine.Analyzer(new dev.threadlint.core.engine.RuleRegistry(List.of(new MergeDemo())));
    Run safeOnly = command(new FixCommand(new SourceWriter(), r -> {}, demo), "--write", dir.toString());
    assertThat(safeOnly.out()).contains("No applicable fix in 1 file.");
    assertThat(Files.readString(votes)).isEqualTo(VOTES);
    Run all = command(new FixCommand(new SourceWriter(), r -> {}, demo), "--write", "--include-refactorings", dir.toString());
    assertThat(all.code()).as(all.err()).isEqualTo(0);
    assertThat(Files.readString(votes)).contains("votes.merge(who, 1, Integer::sum);");
    assertThat(all.out()).contains("1 finding fixed; 0 remaining.");
  }

  @Test
  void unknownRule_isAUsageError() throws IOException {
    write("Runner.java", RUNNER);
    Run r = main("fix", "--rule", "no-such-rule", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown rule id 'no-such-rule'");
  }

  @Test
  void missingPath_isAUsageError() {
    Run r = main("fix", dir.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("threadlint: ");
  }

  @Test
  void helpListsTheExitCodes_andRootListsFix() {
    Run r = main("fix", "--help");
    assertThat(r.out()).contains("--write").contains("--rule=ID").contains("Exit codes:");
    for (ExitCode c : ExitCode.values()) {
      assertThat(r.out()).contains("  " + c.code() + "   ");
    }
    assertThat(main("--help").out()).contains("fix");
  }

  @Test
  void gone_countsDuplicatesAsAMultiset() {
    var loc = dev.threadlint.core.finding.SourceLocation.ofLine(Path.of("A.java"), 1);
    var f = new dev.threadlint.core.finding.Finding("r", dev.threadlint.core.api.Severity.ERROR, "m", loc, "A.x", List.of(), null, List.of(), "fp", null);
    assertThat(FixCommand.gone(List.of(f, f), List.of(f))).hasSize(1);
    assertThat(FixCommand.gone(List.of(f), List.of(f))).isEmpty();
  }
}
