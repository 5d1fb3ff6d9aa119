package dev.threadlint.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.report.ReportFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --changed-since} on a real git repository built in the test. */
class ChangedLinesTest {
  @TempDir
  Path repo;

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git " + String.join(" ", args) + ": " + out).isZero();
  }

  private void write(String path, String text) throws IOException {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @BeforeEach
  void baseCommit() throws Exception {
    git(repo, "init", "-q");
    git(repo, "config", "user.email", "dev@example.com");
    git(repo, "config", "user.name", "Dev");
    git(repo, "config", "commit.gpgsign", "false");
    write("src/shop/OrderCounter.java", ReportFixtures.SHOP.get("src/shop/OrderCounter.java"));
    write("src/shop/Inventory.java", ReportFixtures.SHOP.get("src/shop/Inventory.java"));
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "base");
  }

  private AnalysisResult scan() {
    return ReportFixtures.scan(repo, Map.of());
  }

  private static List<String> summary(List<Finding> findings) {
    return findings.stream().map(f -> f.location().file().getFileName() + ":" + f.location().line() + " " + f.ruleId()).toList();
  }

  @Test
  void keepsFindingsWhoseEvidenceChanged_andNewFiles_dropsUntouchedOnes() throws Exception {
    AnalysisResult full = scan();
    assertThat(summary(full.findings())).containsExactly("Inventory.java:10 demo-sleep-under-lock", "OrderCounter.java:5 demo-race");
    assertThat(full.suppressed()).hasSize(1);

    // change only the evidence line 15 of the race (the primary line 5 is untouched) ...
    write("src/shop/OrderCounter.java", ReportFixtures.SHOP.get("src/shop/OrderCounter.java").replace("pending = 0;", "pending = -1;"));
    // ... shift every line of Inventory by adding a comment on top (its findings' own lines are unchanged) ...
    write("src/shop/Inventory.java", "// stock keeping\n" + ReportFixtures.SHOP.get("src/shop/Inventory.java"));
    // ... and add a new, untracked file with a finding
    write("src/shop/Ledger.java", ReportFixtures.SHOP.get("src/shop/Ledger.java").replace("// threadlint:ignore", "// note:"));

    AnalysisResult result = scan();
    AnalysisResult changed = ChangedLines.since(repo, "HEAD").filter(result);
    assertThat(summary(changed.findings())).containsExactly("Ledger.java:9 demo-sleep-under-lock", "OrderCounter.java:5 demo-race");
    assertThat(changed.suppressed()).isEmpty();
    assertThat(changed.filesScanned()).isEqualTo(result.filesScanned());
  }

  @Test
  void committedChanges_sinceAnOlderRevision_count() throws Exception {
    write("src/shop/Inventory.java", ReportFixtures.SHOP.get("src/shop/Inventory.java").replace("Thread.sleep(10);", "Thread.sleep(20);"));
    git(repo, "commit", "-q", "-am", "slower restock");
    AnalysisResult result = scan();
    assertThat(summary(ChangedLines.since(repo, "HEAD").filter(result).findings())).isEmpty();
    assertThat(summary(ChangedLines.since(repo.resolve("src/shop/Inventory.java"), "HEAD~1").filter(result).findings()))
        .containsExactly("Inventory.java:10 demo-sleep-under-lock");
  }

  @Test
  void pathsWithSpacesAndNonAsciiNames_areMatched() throws Exception {
    String counter = ReportFixtures.SHOP.get("src/shop/OrderCounter.java").replace("package shop;", "package shop.more;");
    write("src/my shop/Zähler Ordner/OrderCounter.java", counter);
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "another counter");
    write("src/my shop/Zähler Ordner/OrderCounter.java", counter.replace("pending = pending + 1;", "pending += 1;"));
    List<String> kept = summary(ChangedLines.since(repo, "HEAD").filter(scan()).findings()).stream().toList();
    assertThat(kept).containsExactly("OrderCounter.java:5 demo-race");
    AnalysisResult result = scan();
    assertThat(ChangedLines.since(repo, "HEAD").filter(result).findings().get(0).location().file().toString()).contains("my shop");
  }

  @Test
  void unknownRevisionAndOptionLikeRevision_areInputErrors() {
    assertThatThrownBy(() -> ChangedLines.since(repo, "no-such-branch"))
        .isInstanceOf(InputException.class).hasMessage("--changed-since: unknown git revision 'no-such-branch'");
    assertThatThrownBy(() -> ChangedLines.since(repo, "--output=/tmp/x"))
        .isInstanceOf(InputException.class).hasMessageContaining("needs a git revision");
  }

  @Test
  void notARepository_isAnInputError(@TempDir Path elsewhere) {
    assertThatThrownBy(() -> ChangedLines.since(elsewhere, "HEAD"))
        .isInstanceOf(InputException.class).hasMessageContaining("git rev-parse --show-toplevel failed");
  }

  @Test
  void diffParsing_handlesDeletionsAndQuotedPaths() {
    Path root = repo.toAbsolutePath();
    String diff = """
        diff --git a/A.java b/A.java
        --- a/A.java
        +++ b/A.java
        @@ -3,2 +2,0 @@ class A {
        @@ -10 +9 @@
        @@ -20,0 +20,3 @@
        diff --git "a/caf\\303\\251 x.java" "b/caf\\303\\251 x.java"
        +++ "b/caf\\303\\251 x.java"
        @@ -1 +1 @@
        +++ /dev/null
        @@ -1,5 +0,0 @@
        """;
    Map<Path, BitSet> out = new HashMap<>();
    ChangedLines.parseDiff(root, diff, out);
    ChangedLines lines = new ChangedLines(out);
    Path a = root.resolve("A.java");
    assertThat(lines.touches(SourceLocation.ofLine(a, 2))).isTrue(); // line before the deleted lines
    assertThat(lines.touches(SourceLocation.ofLine(a, 3))).isTrue(); // line after them
    assertThat(lines.touches(SourceLocation.ofLine(a, 4))).isFalse();
    assertThat(lines.touches(SourceLocation.ofLine(a, 9))).isTrue();
    assertThat(lines.touches(new SourceLocation(a, 15, 1, 19, 1))).isFalse();
    assertThat(lines.touches(new SourceLocation(a, 15, 1, 21, 1))).isTrue();
    assertThat(lines.touches(SourceLocation.ofLine(a, 23))).isFalse();
    assertThat(lines.touches(SourceLocation.ofLine(root.resolve("café x.java"), 1))).isTrue();
    assertThat(ChangedLines.unquote("\"a\\tb\\\"c\"")).isEqualTo("a\tb\"c");
  }
}
