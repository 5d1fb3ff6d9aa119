package dev.threadlint.rules.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The long fuzz campaign behind {@code bench/fuzz.sh}: random mutants from a random (or given)
 * seed, until a number of tries or a time budget is used up. Every failing mutant is written to
 * {@code target/fuzz-findings/} with the problems and the numbers that rebuild it.
 *
 * <p>The class name does not match the test suite's patterns ({@code *Test}), so the default build
 * never runs it; {@code bench/fuzz.sh} selects it explicitly. Settings (system properties):
 * {@code fuzz.tries} (default 20000), {@code fuzz.minutes} (default 10), {@code fuzz.seed}
 * (default: random), {@code fuzz.scale} (default 4: nesting up to 6000 levels, literals up to 80k).
 */
class FuzzCampaign {
  @Test
  void campaign() throws IOException {
    int tries = Integer.getInteger("fuzz.tries", 20_000);
    long minutes = Long.getLong("fuzz.minutes", 10);
    long seed = Long.getLong("fuzz.seed", new Random().nextLong());
    int scale = Integer.getInteger("fuzz.scale", 4);
    Path out = Path.of("target", "fuzz-findings");
    Files.createDirectories(out);

    MutantCheck check = new MutantCheck(120_000);
    Random random = new Random(seed);
    long deadline = System.nanoTime() + minutes * 60_000_000_000L;
    int done = 0;
    List<String> failures = new ArrayList<>();
    long[] kindCounts = new long[Mutant.Kind.values().length];
    while (done < tries && System.nanoTime() < deadline) {
      Mutant m = Mutant.random(random, Corpus.sources().size(), scale);
      m.mutations().forEach(x -> kindCounts[x.kind().ordinal()]++);
      byte[] bytes = m.bytes();
      List<String> problems = check.check(m.source().name(), bytes);
      done++;
      if (!problems.isEmpty()) {
        String id = "failure-" + failures.size();
        Files.write(out.resolve(id + ".java.bin"), bytes);
        Files.writeString(out.resolve(id + ".txt"), m + "\n" + String.join("\n", problems) + "\n", StandardCharsets.UTF_8);
        failures.add(m + " -> " + problems.get(0).lines().findFirst().orElse(""));
        System.out.println("FUZZ FAILURE " + id + ": " + failures.get(failures.size() - 1));
      }
      if (done % 500 == 0) {
        System.out.println("fuzz: " + done + " tries, " + failures.size() + " failures");
      }
    }
    StringBuilder summary = new StringBuilder();
    summary.append("fuzz campaign: seed=").append(seed).append(" scale=").append(scale).append(" tries=").append(done)
        .append(" failures=").append(failures.size()).append('\n');
    for (Mutant.Kind k : Mutant.Kind.values()) {
      summary.append("  ").append(k).append(": ").append(kindCounts[k.ordinal()]).append('\n');
    }
    failures.forEach(f -> summary.append("  ").append(f).append('\n'));
    Files.writeString(out.resolve("summary.txt"), summary.toString(), StandardCharsets.UTF_8);
    System.out.println(summary);
    assertThat(failures).as("failing mutants (see target/fuzz-findings)").isEmpty();
  }
}
