package dev.threadlint.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.body.TypeDeclaration;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-file rule work is bounded: a file on which a rule hangs or overflows the stack yields a
 * diagnostic naming the file, and every other file is still analysed.
 */
class PerFileBoundsTest {
  /** Released after each test so that abandoned rule threads end. */
  static volatile CountDownLatch release = new CountDownLatch(1);

  @TempDir
  Path dir;

  @AfterEach
  void releaseStuckThreads() {
    release.countDown();
    release = new CountDownLatch(1);
  }

  /** Reports every top-level type; used to see which files were analysed. */
  @RuleInfo(id = "type-seen", title = "a type was analysed", severity = Severity.INFO, category = Category.LOCK_DISCIPLINE, defectClass = "thread-misuse")
  public static final class TypeSeen implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      for (TypeDeclaration<?> t : ctx.file().unit().getTypes()) {
        ctx.finding(t.getName(), "type " + t.getNameAsString()).report();
      }
    }
  }

  /**
   * Misbehaves on files that mention a trigger word: HANG blocks ignoring interrupts (after
   * reporting a finding that must not survive), SLOW sleeps 300 ms, RECURSE recurses without
   * end, BOOM throws an Error that is not an exception.
   */
  @RuleInfo(id = "misbehaving", title = "misbehaves on purpose", severity = Severity.INFO, category = Category.LOCK_DISCIPLINE, defectClass = "thread-misuse")
  public static final class Misbehaving implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      String text = ctx.file().text();
      if (text.contains("HANG")) {
        ctx.finding(ctx.file().unit().getType(0), "partial result of a hanging rule").report();
        CountDownLatch latch = release;
        while (latch.getCount() > 0) {
          try {
            latch.await();
          } catch (InterruptedException ignored) {
            // deliberately deaf to interrupts, like a rule stuck in a loop
          }
        }
      }
      if (text.contains("SLOW")) {
        sleep(300);
      }
      if (text.contains("RECURSE")) {
        recurse(0);
      }
      if (text.contains("BOOM")) {
        throw new Error("boom");
      }
    }

    /** Wide frames, so that even the engine's deep worker stacks overflow after few calls. */
    private static long recurse(long a) {
      long b = a * 3;
      long c = b ^ a;
      long d = c + b;
      long e = d * c;
      long f = e - d;
      long g = f | e;
      long h = g + f;
      return recurse(a + 1) + a + b + c + d + e + f + g + h;
    }

    private static void sleep(long ms) {
      long end = System.nanoTime() + ms * 1_000_000;
      while (System.nanoTime() < end) {
        try {
          Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private Path write(String name, String body) throws IOException {
    Path p = dir.resolve(name + ".java");
    Files.writeString(p, "class " + name + " { /* " + body + " */ }\n");
    return p;
  }

  private AnalysisResult scan(int threads, long boundMillis) {
    AnalysisRequest request = AnalysisRequest.builder().path(dir).baseDir(dir).threads(threads).fileTimeoutMillis(boundMillis).build();
    return new Analyzer(new RuleRegistry(List.of(new TypeSeen(), new Misbehaving()))).analyze(request);
  }

  private static List<String> typesSeen(AnalysisResult r) {
    return r.findings().stream().filter(f -> f.ruleId().equals("type-seen")).map(Finding::message).sorted().toList();
  }

  private static List<Diagnostic> diagnosticsFor(AnalysisResult r, Path file) {
    return r.diagnostics().stream().filter(d -> file.equals(d.file())).toList();
  }

  @Test
  @Timeout(30)
  void hangingRuleOnOneFile_yieldsTimeoutDiagnostic_andTheRestCompletes() throws IOException {
    for (int i = 0; i < 4; i++) {
      write("Fine" + i, "ok");
    }
    Path hang = write("Stuck", "HANG");

    long start = System.nanoTime();
    AnalysisResult r = scan(2, 2000);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(20));
    assertThat(typesSeen(r)).as("diagnostics: %s", r.diagnostics()).containsExactly("type Fine0", "type Fine1", "type Fine2", "type Fine3");
    assertThat(r.findings()).noneMatch(f -> f.message().contains("partial result"));
    assertThat(diagnosticsFor(r, hang)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("timeout");
      assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
      assertThat(d.message()).contains("2000 ms").contains("misbehaving");
    });
  }

  @Test
  @Timeout(30)
  void boundIsMeasuredFromTheStartOfEachFile_notFromWhenItWasQueued() throws IOException {
    // one worker, six files of 300 ms each: 1.8 s in all, but each file is well within 1 s
    for (int i = 0; i < 6; i++) {
      write("Slow" + i, "SLOW");
    }
    AnalysisResult r = scan(1, 1000);
    assertThat(r.diagnostics()).noneMatch(d -> d.code().equals("timeout"));
    assertThat(typesSeen(r)).hasSize(6);
  }

  @Test
  @Timeout(60)
  void everyFileHanging_stillEnds_withADiagnosticPerFile() throws IOException {
    int n = 40; // more than the number of threads the pool may abandon
    for (int i = 0; i < n; i++) {
      write("Hang" + i, "HANG");
    }
    Path fine = write("Fine", "ok");
    AnalysisResult r = scan(1, 100);
    long timeouts = r.diagnostics().stream().filter(d -> d.code().equals("timeout") && d.file().getFileName().toString().startsWith("Hang")).count();
    assertThat(timeouts).isEqualTo(n);
    // the healthy file either ran or was skipped with its own diagnostic; never silently dropped
    assertThat(typesSeen(r).contains("type Fine") || !diagnosticsFor(r, fine).isEmpty()).isTrue();
    assertThat(r.findings()).noneMatch(f -> f.message().contains("partial result"));
  }

  @Test
  @Timeout(60)
  void stackOverflowInRuleCode_becomesADiagnostic() throws IOException {
    Path deep = write("Deep", "RECURSE");
    write("Fine", "ok");
    AnalysisResult r = scan(2, 30_000);
    assertThat(typesSeen(r)).containsExactly("type Deep", "type Fine");
    assertThat(diagnosticsFor(r, deep)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("rule-error");
      assertThat(d.message()).contains("misbehaving").contains("StackOverflowError");
    });
  }

  @Test
  @Timeout(30)
  void anErrorThatIsNotAnExceptionInRuleCode_becomesADiagnosticNamingTheFile() throws IOException {
    Path boom = write("Boom", "BOOM");
    write("Fine", "ok");
    AnalysisResult r = scan(2, 10_000);
    assertThat(typesSeen(r)).contains("type Fine");
    assertThat(diagnosticsFor(r, boom)).singleElement().satisfies(d -> {
      assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
      assertThat(d.message()).contains("misbehaving").contains("boom");
    });
  }
}
