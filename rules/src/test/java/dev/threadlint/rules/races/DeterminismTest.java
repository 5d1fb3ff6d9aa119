package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Rule;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.testing.RuleTestHelper;
import dev.threadlint.rules.BuiltInRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared-state analysis gives the same findings, in the same order, on every run and with any parallelism. */
class DeterminismTest {
  private static final String SOURCE = """
      import java.util.*;
      import java.util.concurrent.*;
      class Shop {
        private final Map<String, Integer> stock = new HashMap<>();
        private int sold;
        private boolean closed;
        private volatile int visitors;
        synchronized void restock(String item, int n) { stock.put(item, n); }
        void sell(ExecutorService ex, String item) {
          ex.submit(() -> { stock.remove(item); sold++; visitors++; });
        }
        int sold() { return sold; }
        void watch() { new Thread(() -> { while (!closed) { Thread.onSpinWait(); } }).start(); closed = true; }
      }
      """;

  private static List<String> run(int threads) {
    List<Rule> rules = new BuiltInRules().rules();
    var result = RuleTestHelper.forRules(rules).addSource("Shop.java", SOURCE).configure(b -> b.threads(threads)).analyze();
    return result.findings().stream().map(DeterminismTest::render).toList();
  }

  private static String render(Finding f) {
    StringBuilder ev = new StringBuilder();
    f.evidence().forEach(e -> ev.append(" | ").append(e.location().line()).append(' ').append(e.message()).append(' ').append(e.callPath()));
    return f.location().line() + " " + f.ruleId() + " " + f.severity() + " " + f.message() + ev;
  }

  @Test
  void sameFindingsTwiceAndWithOneOrFourThreads() {
    List<String> first = run(1);
    assertThat(first).isNotEmpty();
    assertThat(run(1)).isEqualTo(first);
    assertThat(run(4)).isEqualTo(first);
  }
}
