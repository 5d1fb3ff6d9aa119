package dev.threadlint.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.body.CallableDeclaration;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Mutants of real Java files (this module's own sources): whatever the damage, a scan finishes
 * without an exception, a file that cannot be used is named by a diagnostic, and every finding
 * lies inside its file.
 */
class MutantInputPropertyTest {
  /** Reports every method and constructor, so that findings spread over the whole file. */
  @RuleInfo(id = "every-callable", title = "every callable", severity = Severity.INFO, category = Category.LOCK_DISCIPLINE, defectClass = "race")
  static final class EveryCallable implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      for (CallableDeclaration<?> c : ctx.findAll(CallableDeclaration.class)) {
        ctx.finding(c.getName(), "callable " + c.getNameAsString()).report();
      }
    }
  }

  enum Mutation {
    TRUNCATE, FLIP_BYTES, DELETE_BRACE, DOUBLE_BRACE, HUGE_LITERAL, DEEP_NESTING, BAD_UNICODE_ESCAPE, MIXED_LINE_ENDINGS, BOM, NUL_BYTE
  }

  private static final List<Path> SEEDS = seeds();

  private static List<Path> seeds() {
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java", "dev", "threadlint", "core"))) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted(Comparator.comparing(Path::toString)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] mutate(byte[] original, Mutation m, Random rnd) {
    String text = new String(original, StandardCharsets.UTF_8);
    int at = rnd.nextInt(Math.max(1, text.length()));
    switch (m) {
      case TRUNCATE:
        return text.substring(0, at).getBytes(StandardCharsets.UTF_8);
      case FLIP_BYTES: {
        byte[] b = original.clone();
        for (int i = 0, n = 1 + rnd.nextInt(20); i < n; i++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
      }
      case DELETE_BRACE:
      case DOUBLE_BRACE: {
        int brace = nthBrace(text, rnd);
        if (brace < 0) {
          return original;
        }
        String replacement = m == Mutation.DELETE_BRACE ? "" : text.substring(brace, brace + 1).repeat(2);
        return (text.substring(0, brace) + replacement + text.substring(brace + 1)).getBytes(StandardCharsets.UTF_8);
      }
      case HUGE_LITERAL: {
        String literal = rnd.nextBoolean() ? "\"" + "x".repeat(200_000) + "\"" : "9".repeat(50_000);
        return (text.substring(0, at) + literal + text.substring(at)).getBytes(StandardCharsets.UTF_8);
      }
      case DEEP_NESTING: {
        int depth = 500 + rnd.nextInt(3000);
        String nest = rnd.nextBoolean() ? "(".repeat(depth) + "1" + ")".repeat(depth) : "{".repeat(depth) + "}".repeat(depth);
        return (text.substring(0, at) + nest + text.substring(at)).getBytes(StandardCharsets.UTF_8);
      }
      case BAD_UNICODE_ESCAPE:
        return (text.substring(0, at) + "\\u00G1\\uZZ" + text.substring(at)).getBytes(StandardCharsets.UTF_8);
      case MIXED_LINE_ENDINGS: {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
          sb.append(line).append(switch (rnd.nextInt(3)) {
            case 0 -> "\n";
            case 1 -> "\r\n";
            default -> "\r";
          });
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
      }
      case BOM: {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(original);
        return out.toByteArray();
      }
      case NUL_BYTE: {
        byte[] b = original.clone();
        b[rnd.nextInt(b.length)] = 0;
        return b;
      }
      default:
        throw new AssertionError(m);
    }
  }

  private static int nthBrace(String text, Random rnd) {
    long count = text.chars().filter(c -> c == '{' || c == '}').count();
    if (count == 0) {
      return -1;
    }
    long n = rnd.nextInt((int) count);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '{' || c == '}') && n-- == 0) {
        return i;
      }
    }
    return -1;
  }

  @Property(tries = 60)
  void scanOfAMutantFinishesAndStaysInsideTheFile(
      @ForAll @IntRange(min = 0, max = 1000) int seedIndex, @ForAll Mutation mutation, @ForAll long randomSeed) throws IOException {
    Path seed = SEEDS.get(seedIndex % SEEDS.size());
    byte[] mutant = mutate(Files.readAllBytes(seed), mutation, new Random(randomSeed));
    Path dir = Files.createTempDirectory("threadlint-mutant");
    try {
      Path file = dir.resolve("Mutant.java");
      Files.write(file, mutant);
      Analyzer analyzer = new Analyzer(new RuleRegistry(List.of(new EveryCallable())));

      AnalysisResult r = analyzer.analyze(AnalysisRequest.builder().path(dir).baseDir(dir).threads(2).fileTimeoutMillis(20_000).build());

      if (r.filesScanned() == 0) {
        assertThat(r.diagnostics()).as("an unusable file is named by a diagnostic").anySatisfy(d -> assertThat(d.file()).isEqualTo(file));
      }
      assertThat(r.diagnostics()).noneSatisfy(d -> assertThat(d.code()).isIn("internal-error", "rule-error"));
      long lines = new String(mutant, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1).length;
      for (Finding f : r.findings()) {
        assertThat(f.location().file()).isEqualTo(file);
        assertThat(f.location().line()).isBetween(1, (int) lines);
        assertThat(f.location().endLine()).isBetween(f.location().line(), (int) lines);
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Property(tries = 10)
  void unmutatedSeedsParseCleanly(@ForAll @IntRange(min = 0, max = 1000) int seedIndex) throws IOException {
    // the control: without damage, the seeds give no diagnostic, so the mutants' diagnostics are caused by the mutation
    Path seed = SEEDS.get(seedIndex % SEEDS.size());
    Path dir = Files.createTempDirectory("threadlint-seed");
    try {
      Files.copy(seed, dir.resolve("Seed.java"));
      AnalysisResult r = new Analyzer(new RuleRegistry(List.of(new EveryCallable())))
          .analyze(AnalysisRequest.builder().path(dir).baseDir(dir).threads(1).build());
      assertThat(r.diagnostics()).isEmpty();
      assertThat(r.filesScanned()).isEqualTo(1);
    } finally {
      Files.deleteIfExists(dir.resolve("Seed.java"));
      Files.deleteIfExists(dir);
    }
  }
}
