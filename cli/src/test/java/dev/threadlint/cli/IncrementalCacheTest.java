package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental cache with the built-in rules: every scan that uses the cache must report exactly
 * what a scan without it reports (findings, fingerprints, order, suppressed findings, diagnostics).
 */
class IncrementalCacheTest {
  private static final Analyzer ANALYZER = new Analyzer();

  @TempDir Path project;
  @TempDir Path cache;

  private static final String CALLER = """
      package app;

      class Caller {
        private final Counter counter = new Counter();

        void start() {
          new Thread(() -> counter.update()).start();
          new Thread(() -> counter.update()).start();
        }
      }
      """;

  private static final String CALLEE_LOCKED = """
      package app;

      class Counter {
        private int count;

        synchronized void update() {
          count++;
        }
      }
      """;

  /** Unrelated to the two above: a race of its own, in another component. */
  private static final String OTHER = """
      package other;

      class Hits {
        private int hits;

        void run() {
          new Thread(() -> hits++).start();
          new Thread(() -> hits++).start();
        }
      }
      """;

  private AnalysisResult cached(Consumer<AnalysisRequest.Builder> options) {
    AnalysisRequest.Builder b = AnalysisRequest.builder().path(project).baseDir(project).threads(2).cacheDir(cache);
    options.accept(b);
    return ANALYZER.analyze(b.build());
  }

  private AnalysisResult cached() {
    return cached(b -> {});
  }

  private AnalysisResult full(Consumer<AnalysisRequest.Builder> options) {
    AnalysisRequest.Builder b = AnalysisRequest.builder().path(project).baseDir(project).threads(2);
    options.accept(b);
    return ANALYZER.analyze(b.build());
  }

  private AnalysisResult full() {
    return full(b -> {});
  }

  /** Everything but timings and the cache's own notes must be equal. */
  private static void assertSameResult(AnalysisResult incremental, AnalysisResult full) {
    assertThat(incremental.findings()).containsExactlyElementsOf(full.findings());
    assertThat(incremental.suppressed()).containsExactlyElementsOf(full.suppressed());
    assertThat(withoutCacheNotes(incremental.diagnostics())).containsExactlyElementsOf(full.diagnostics());
    assertThat(incremental.filesScanned()).isEqualTo(full.filesScanned());
    assertThat(incremental.rules()).containsExactlyElementsOf(full.rules());
  }

  private static List<Diagnostic> withoutCacheNotes(List<Diagnostic> ds) {
    return ds.stream().filter(d -> !d.code().equals("cache")).toList();
  }

  private static long timing(AnalysisResult r, String key) {
    return r.timingsMillis().getOrDefault(key, -1L);
  }

  private void write(String relative, String text) {
    Cli.write(project, relative, text);
  }

  private static List<String> rulesAt(AnalysisResult r) {
    return r.findings().stream().map(f -> r.displayPath(f.location().file()) + ":" + f.ruleId()).toList();
  }

  @Test
  void callee_becomes_racy_rescan_reports_the_race_like_a_cold_scan() {
    write("app/Caller.java", CALLER);
    write("app/Counter.java", CALLEE_LOCKED);
    AnalysisResult first = cached();
    assertThat(rulesAt(first)).isEmpty();

    // the callee now writes its field without the lock; the caller is unchanged
    write("app/Counter.java", CALLEE_LOCKED.replace("synchronized void update", "void update"));
    AnalysisResult second = cached();
    AnalysisResult cold = full();
    assertThat(rulesAt(cold)).containsExactly("app/Counter.java:unguarded-shared-field");
    assertSameResult(second, cold);
    // the finding's evidence names the caller's thread, which only the caller's file shows
    assertThat(second.findings().get(0).evidence()).anySatisfy(e -> assertThat(e.message()).contains("Caller.start"));
    assertThat(timing(second, "cache-level")).isEqualTo(2);
    assertThat(timing(second, "cache-files-analysed")).isEqualTo(2);
  }

  @Test
  void edit_in_an_unrelated_component_reuses_the_other_components_findings() {
    write("app/Caller.java", CALLER);
    write("app/Counter.java", CALLEE_LOCKED.replace("synchronized void update", "void update"));
    write("other/Hits.java", OTHER);
    cached();

    write("other/Hits.java", OTHER + "// touched\n");
    AnalysisResult second = cached();
    assertThat(timing(second, "cache-files-reused")).isEqualTo(2);
    assertThat(timing(second, "cache-files-analysed")).isEqualTo(1);
    AnalysisResult cold = full();
    assertThat(rulesAt(cold)).containsExactly("app/Counter.java:unguarded-shared-field", "other/Hits.java:unguarded-shared-field");
    assertSameResult(second, cold);
  }

  @Test
  void no_change_reuses_everything_without_parsing() {
    write("app/Caller.java", CALLER);
    write("app/Counter.java", CALLEE_LOCKED);
    write("other/Hits.java", OTHER);
    cached();
    AnalysisResult second = cached();
    assertThat(timing(second, "cache-level")).isEqualTo(1);
    assertThat(timing(second, "cache-files-reused")).isEqualTo(3);
    assertThat(second.timingsMillis()).doesNotContainKeys("parse", "model", "file-rules");
    assertSameResult(second, full());
  }

  @Test
  void delete_rename_and_add_match_a_full_scan() throws IOException {
    write("app/Caller.java", CALLER);
    write("app/Counter.java", CALLEE_LOCKED.replace("synchronized void update", "void update"));
    write("other/Hits.java", OTHER);
    cached();

    // delete the callee: the caller's component loses the race
    Files.delete(project.resolve("app/Counter.java"));
    AnalysisResult afterDelete = cached();
    assertThat(rulesAt(afterDelete)).containsExactly("other/Hits.java:unguarded-shared-field");
    assertSameResult(afterDelete, full());

    // add it back under another type name, and rename the caller's use: a new component forms
    write("app/Tally.java", CALLEE_LOCKED.replace("Counter", "Tally").replace("synchronized void update", "void update"));
    write("app/Caller.java", CALLER.replace("Counter", "Tally"));
    AnalysisResult afterRename = cached();
    assertThat(rulesAt(afterRename)).containsExactly("app/Tally.java:unguarded-shared-field", "other/Hits.java:unguarded-shared-field");
    assertSameResult(afterRename, full());

    // add a file that the reused component starts to depend on by name
    write("other/Extra.java", "package other;\nclass Extra { Hits h; }\n");
    AnalysisResult afterAdd = cached();
    assertSameResult(afterAdd, full());
    assertThat(timing(afterAdd, "cache-files-analysed")).isEqualTo(2);
  }

  @Test
  void corrupt_or_foreign_cache_is_ignored_with_a_note_and_rewritten() throws IOException {
    write("app/Caller.java", CALLER);
    write("app/Counter.java", CALLEE_LOCKED.replace("synchronized void update", "void update"));
    cached();
    Path file;
    try (Stream<Path> s = Files.list(cache)) {
      file = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    Files.writeString(file, "{\"format\": 1, \"files\": [ {\"path\": ");
    AnalysisResult corrupt = cached();
    assertThat(corrupt.diagnostics()).anySatisfy(d -> {
      assertThat(d.code()).isEqualTo("cache");
      assertThat(d.level()).isEqualTo(Diagnostic.Level.NOTE);
      assertThat(d.message()).contains("unreadable");
    });
    assertSameResult(corrupt, full());
    assertThat(timing(cached(), "cache-level")).as("rewritten").isEqualTo(1);

    // a cache written by another format version
    String text = Files.readString(file);
    Files.writeString(file, text.replaceFirst("\"format\":1", "\"format\":0"));
    AnalysisResult old = cached();
    assertThat(old.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("another version"));
    assertThat(timing(old, "cache-files-reused")).isZero();
    assertSameResult(old, full());
  }

  @Test
  void configuration_change_does_not_reuse_the_cache() {
    write("app/Caller.java", CALLER);
    write("app/Counter.java", CALLEE_LOCKED.replace("synchronized void update", "void update"));
    write("other/Hits.java", OTHER);
    cached();

    AnalysisResult off = cached(b -> b.rule("unguarded-shared-field", AnalysisRequest.RuleSetting.OFF));
    assertThat(timing(off, "cache-files-reused")).isZero();
    assertThat(rulesAt(off)).doesNotContain("app/Counter.java:unguarded-shared-field");
    assertSameResult(off, full(b -> b.rule("unguarded-shared-field", AnalysisRequest.RuleSetting.OFF)));

    AnalysisResult regraded = cached(b -> b.rule("unguarded-shared-field", AnalysisRequest.RuleSetting.parse("info")));
    assertThat(timing(regraded, "cache-files-reused")).isZero();
    assertThat(regraded.findings()).allSatisfy(f -> assertThat(f.severity().name()).isEqualTo("INFO"));
    assertSameResult(regraded, full(b -> b.rule("unguarded-shared-field", AnalysisRequest.RuleSetting.parse("info"))));

    AnalysisResult knowledge = cached(b -> b.extraThreadSafeAnnotations(List.of("Shared")));
    assertThat(timing(knowledge, "cache-files-reused")).isZero();
  }

  /**
   * Random single-file edits of the bundled samples (fixed seed): after each edit the cached scan
   * equals a full scan. Edits: a comment appended, a {@code synchronized} removed, a file deleted,
   * a file copied under a new name, a type renamed in its file.
   */
  @Test
  void random_edits_of_the_samples_match_full_scans() throws IOException {
    Path samples = Path.of("..", "samples", "src", "main", "java").toAbsolutePath().normalize();
    List<Path> sources = javaFiles(samples);
    assertThat(sources).hasSizeGreaterThan(10);
    for (Path s : sources) {
      Path target = project.resolve(samples.relativize(s).toString());
      Files.createDirectories(target.getParent());
      Files.copy(s, target);
    }
    cached();
    Random random = new Random(20261128L);
    int partial = 0;
    for (int round = 0; round < 8; round++) {
      List<Path> files = javaFiles(project);
      Path victim = files.get(random.nextInt(files.size()));
      String text = Files.readString(victim);
      switch (round % 5) {
        case 0 -> Files.writeString(victim, text + "\n// edit " + round + "\n");
        case 1 -> Files.writeString(victim, text.contains("synchronized ") ? text.replaceFirst("synchronized ", "") : text + "\n");
        case 2 -> Files.delete(victim);
        case 3 -> Files.writeString(victim.resolveSibling("Copy" + round + ".java"),
            text.replaceAll("\\bclass (\\w+)", "class $1Copy" + round).replaceAll("\\bpublic class", "class"));
        default -> {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bclass (\\w+)").matcher(text);
          Files.writeString(victim, m.find() ? text.replaceAll("\\b" + m.group(1) + "\\b", m.group(1) + "Renamed") : text + "\n");
        }
      }
      AnalysisResult incremental = cached();
      assertSameResult(incremental, full());
      if (timing(incremental, "cache-level") == 2) {
        partial++;
      }
    }
    assertThat(partial).as("rounds that reused part of the cache").isGreaterThan(0);
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> out = new ArrayList<>(s.filter(p -> p.toString().endsWith(".java")).sorted().toList());
      return out;
    }
  }

  @Test
  void fingerprints_of_reused_findings_equal_a_full_scans() {
    // two identical findings in one file are told apart by order; the reused copies keep their numbers
    write("other/Hits.java", OTHER.replace("  void run() {", "  private int misses;\n\n  void run() {\n    new Thread(() -> misses++).start();\n    new Thread(() -> misses++).start();"));
    write("app/Caller.java", CALLER);
    write("app/Counter.java", CALLEE_LOCKED);
    cached();
    write("app/Counter.java", CALLEE_LOCKED + "// touched\n");
    AnalysisResult second = cached();
    assertThat(timing(second, "cache-files-reused")).isEqualTo(1);
    AnalysisResult cold = full();
    assertThat(second.findings().stream().map(Finding::fingerprint).toList())
        .containsExactlyElementsOf(cold.findings().stream().map(Finding::fingerprint).toList())
        .doesNotHaveDuplicates()
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void scan_command_cache_option_reuses_and_prints_what_it_did() {
    write("app/Caller.java", CALLER);
    write("app/Counter.java", CALLEE_LOCKED.replace("synchronized void update", "void update"));
    write("other/Hits.java", OTHER);
    Cli first = Cli.run("scan", project.toString(), "--cache", cache.toString(), "--no-color");
    assertThat(first.err()).contains("cache: 0 files reused, 3 analysed");
    Cli second = Cli.run("scan", project.toString(), "--cache", cache.toString(), "--no-color");
    assertThat(second.err()).contains("cache: 3 files reused, 0 analysed");
    assertThat(second.out()).isEqualTo(first.out()).contains("unguarded-shared-field");
    assertThat(second.code()).isEqualTo(first.code());
    Cli uncached = Cli.run("scan", project.toString(), "--no-color");
    assertThat(uncached.out()).isEqualTo(first.out());
    assertThat(uncached.err()).doesNotContain("cache:");
  }
}
