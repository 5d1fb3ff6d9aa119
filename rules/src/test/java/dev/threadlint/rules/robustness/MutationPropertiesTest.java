package dev.threadlint.rules.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.rules.robustness.Mutant.Kind;
import dev.threadlint.rules.robustness.Mutant.Mutation;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: whatever mutation of a real Java file the scan is given, it ends in bounded time,
 * throws nothing, reports a diagnostic exactly for what it could not parse, keeps every location
 * inside its file, and leaves the findings of an intact neighbouring file unchanged (see
 * {@link MutantCheck}).
 *
 * <p>Deterministic in CI: a fixed seed and a bounded number of tries; jqwik's failure database is
 * kept under {@code target/} (junit-platform.properties). A longer, randomly seeded campaign over
 * the same generators is {@code bench/fuzz.sh} ({@link FuzzCampaign}).
 */
class MutationPropertiesTest {
  private static MutantCheck check;

  @BeforeContainer
  static void setUp() {
    check = new MutantCheck(60_000);
  }

  @AfterContainer
  static void tearDown() {
    check = null;
  }

  @Property(tries = 100, seed = "20261127", shrinking = ShrinkingMode.BOUNDED)
  void everyMutantIsScannedSafely(@ForAll("mutants") Mutant mutant) {
    assertThat(check.check(mutant.source().name(), mutant.bytes())).as("%s", mutant).isEmpty();
  }

  @Property(tries = 30, seed = "4242", shrinking = ShrinkingMode.BOUNDED)
  void everyKindOfMutationAlone(@ForAll("kinds") Kind kind, @ForAll("picks") int a, @ForAll("picks") int b, @ForAll("picks") int c,
      @ForAll("seeds") int seed) {
    Mutant mutant = new Mutant(seed, List.of(new Mutation(kind, a, b, c)), 1);
    assertThat(check.check(mutant.source().name(), mutant.bytes())).as("%s", mutant).isEmpty();
  }

  @Example
  void theRulesUnderTestAreTheBuiltInOnesPlusTheLocationRule() {
    // at least bad-monitor, thread-run-called and the test rule every-nth-node
    assertThat(check.ruleCount()).isGreaterThanOrEqualTo(3);
    assertThat(Corpus.sources()).hasSizeGreaterThan(20);
  }

  // Regressions found by the fuzz campaign (bench/fuzz.sh): each crash or hang it found, kept.

  /** An empty file's compilation unit has the range (0,0)-(0,0); a fix over it had the offset -1 (rule-error). */
  @Example
  void regression_emptyFile() {
    assertThat(check.check("Empty.java", new byte[0])).isEmpty();
    assertThat(check.check("Blank.java", " \r\n\t\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
  }

  /** The same as the campaign reached it: CR line endings make the file one "line", which is then deleted. */
  @Example
  void regression_allLinesDeleted() {
    Mutant m = new Mutant(0, List.of(new Mutation(Kind.LINE_ENDINGS, 1, 0, 0), new Mutation(Kind.LINES, 0, 0, 0)), 1);
    assertThat(new String(m.bytes(), java.nio.charset.StandardCharsets.UTF_8)).isBlank();
    assertThat(check.check(m.source().name(), m.bytes())).isEmpty();
  }

  /**
   * Campaign 2 (seed 44038605196748): a mutant with 2714 nested synchronized blocks overflowed the
   * caller's stack while suppression comments were collected, crashing the whole scan with a
   * StackOverflowError; suppressions are now read on a deep-stack worker.
   */
  @Example
  void regression_deepNestingCrashedSuppressionReading() {
    // 2714 levels overflow a 1 MiB stack in JavaParser's recursive comment collection (1500 do not)
    String text = Nesting.of(10, 2714) + "\n";
    assertThat(check.check("DeepSync.java", text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    Arbitrary<Mutation> mutation = Combinators.combine(kinds(), picks(), picks(), picks()).as(Mutation::new);
    return Combinators.combine(seeds(), mutation.list().ofMinSize(1).ofMaxSize(3)).as((s, ms) -> new Mutant(s, ms, 1));
  }

  @Provide
  Arbitrary<Kind> kinds() {
    return Arbitraries.of(Kind.class);
  }

  @Provide
  Arbitrary<Integer> picks() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE);
  }

  @Provide
  Arbitrary<Integer> seeds() {
    return Arbitraries.integers().between(0, Corpus.sources().size() - 1);
  }
}
