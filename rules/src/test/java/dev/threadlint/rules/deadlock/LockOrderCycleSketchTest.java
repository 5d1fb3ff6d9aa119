package dev.threadlint.rules.deadlock;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.testing.RuleTestHelper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lock-order-cycle findings carry the ledger sketch: the multi-lock operation moved into one owner. */
class LockOrderCycleSketchTest {

  private static final String BANK = """
      class Account { int balance; }
      class Bank {
        public void transfer(Account from, Account to, int amount) {
          synchronized (from) {
            synchronized (to) {
              from.balance -= amount;
              to.balance += amount;
            }
          }
        }
      }
      """;

  private static Suggestion suggestion(Integer release) {
    RuleTestHelper h = RuleTestHelper.forRule(LockOrderCycle.class);
    if (release != null) {
      h.configure(b -> b.targetRelease(release));
    }
    List<Finding> fs = h.addSource("Bank.java", BANK).analyze().findings();
    assertThat(fs).hasSize(1);
    return fs.get(0).suggestion();
  }

  private static void parses(String sketch, ParserConfiguration.LanguageLevel level) {
    ParseResult<CompilationUnit> r = new JavaParser(new ParserConfiguration().setLanguageLevel(level)).parse(sketch);
    assertThat(r.getProblems()).as(sketch).isEmpty();
  }

  @Test
  void swappedTransferGetsLedgerSketchNamingTheRealMethodAndType() {
    Suggestion s = suggestion(null);
    assertThat(s.title()).contains("global order");
    assertThat(s.hasSketch()).isTrue();
    parses(s.codeSketch(), ParserConfiguration.LanguageLevel.JAVA_17);
    assertThat(s.codeSketch()).contains("Account", "transfer", "BlockingQueue", "amount");
  }

  @Test
  void sketchFollowsTargetRelease() {
    Suggestion old = suggestion(11);
    parses(old.codeSketch(), ParserConfiguration.LanguageLevel.JAVA_11);
    assertThat(old.codeSketch()).doesNotContain("Thread.ofVirtual()").doesNotContain("sealed");
    Suggestion modern = suggestion(21);
    parses(modern.codeSketch(), ParserConfiguration.LanguageLevel.JAVA_21);
    assertThat(modern.codeSketch()).contains("Thread.ofVirtual()");
  }

  @Test
  void fieldLockCycleSketchNamesTheClassAndMethods() {
    List<Finding> fs = RuleTestHelper.forRule(LockOrderCycle.class).addSource("Pair.java", """
        class Pair {
          private final Object left = new Object();
          private final Object right = new Object();
          public void leftRight() { synchronized (left) { synchronized (right) { } } }
          public void rightLeft() { synchronized (right) { synchronized (left) { } } }
        }
        """).analyze().findings();
    assertThat(fs).hasSize(1);
    Suggestion s = fs.get(0).suggestion();
    assertThat(s.hasSketch()).isTrue();
    parses(s.codeSketch(), ParserConfiguration.LanguageLevel.JAVA_17);
    assertThat(s.codeSketch()).contains("Pair", "leftRight", "rightLeft");
  }
}
