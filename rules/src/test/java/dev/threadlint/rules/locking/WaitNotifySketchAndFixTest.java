package dev.threadlint.rules.locking;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.testing.FixTestHelper;
import dev.threadlint.core.testing.RuleTestHelper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wait/notify rules: the queue sketch where a producer/consumer buffer is evident, and their exact fixes. */
class WaitNotifySketchAndFixTest {

  // a list buffer with two wait conditions: put() adds, take() removes
  private static final String MAILBOX = """
      import java.util.LinkedList;
      class Mailbox {
        private final LinkedList<String> letters = new LinkedList<>();
        private final int capacity = 4;
        synchronized void put(String s) throws InterruptedException {
          while (letters.size() == capacity) wait();
          letters.addLast(s);
          notify();
        }
        synchronized String take() throws InterruptedException {
          if (letters.isEmpty()) {
            wait();
          }
          String s = letters.removeFirst();
          notify();
          return s;
        }
      }
      """;

  private static List<Finding> findings(Class<? extends Rule> rule, String file, String text) {
    return RuleTestHelper.forRule(rule).addSource(file, text).analyze().findings();
  }

  private static void parses(String sketch) {
    ParseResult<CompilationUnit> r = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parse(sketch);
    assertThat(r.getProblems()).as(sketch).isEmpty();
  }

  @Test
  void waitNotInLoop_bufferEvident_getsQueueSketch() {
    List<Finding> fs = findings(WaitNotInLoop.class, "Mailbox.java", MAILBOX);
    assertThat(fs).hasSize(1);
    Suggestion s = fs.get(0).suggestion();
    assertThat(s.title()).contains("while (!condition)");
    assertThat(s.hasSketch()).isTrue();
    parses(s.codeSketch());
    assertThat(s.codeSketch()).contains("Mailbox", "letters", "put", "take", "BlockingQueue");
  }

  @Test
  void notifyInsteadOfNotifyAll_bufferEvident_getsQueueSketch() {
    List<Finding> fs = findings(NotifyInsteadOfNotifyAll.class, "Mailbox.java", MAILBOX.replace("if (letters.isEmpty()) {\n      wait();\n    }", "while (letters.isEmpty()) wait();"));
    assertThat(fs).isNotEmpty();
    Suggestion s = fs.get(0).suggestion();
    assertThat(s.title()).contains("notifyAll()");
    assertThat(s.hasSketch()).isTrue();
    parses(s.codeSketch());
    assertThat(s.codeSketch()).contains("Mailbox", "letters", "put", "take", "BlockingQueue");
  }

  @Test
  void noBuffer_fallsBackToOneLine() {
    List<Finding> fs = findings(WaitNotInLoop.class, "Gate.java", """
        class Gate {
          private boolean open;
          synchronized void pass() throws InterruptedException {
            if (!open) {
              wait();
            }
          }
        }
        """);
    assertThat(fs).hasSize(1);
    assertThat(fs.get(0).suggestion().hasSketch()).isFalse();
    assertThat(fs.get(0).suggestion().title()).contains("while (!condition)");
  }

  @Test
  void waitNotInLoop_ifBecomesWhile_findingGone_compiles() {
    FixTestHelper.forRule(WaitNotInLoop.class)
        .addInput("demo/Gate.java", """
            package demo;

            class Gate {
              private boolean open;

              synchronized void pass() throws InterruptedException {
                if (!open) {
                  wait();
                }
              }

              synchronized void open() {
                open = true;
                notifyAll();
              }
            }
            """)
        .addOutput("demo/Gate.java", """
            package demo;

            class Gate {
              private boolean open;

              synchronized void pass() throws InterruptedException {
                while (!open) {
                  wait();
                }
              }

              synchronized void open() {
                open = true;
                notifyAll();
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void waitNotInLoop_ifDoingMoreThanWaiting_getsNoFix() {
    // turning this if into a loop would print again after every wake-up
    FixTestHelper.forRule(WaitNotInLoop.class)
        .addInput("demo/Gate.java", """
            package demo;

            class Gate {
              private boolean open;

              synchronized void pass() throws InterruptedException {
                if (!open) {
                  System.out.println("waiting");
                  wait();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void notifyInsteadOfNotifyAll_becomesNotifyAll_findingGone_compiles() {
    String in = """
        package demo;

        class Slot {
          private Object item;

          synchronized void put(Object o) throws InterruptedException {
            while (item != null) wait();
            item = o;
            notify();
          }

          synchronized Object take() throws InterruptedException {
            while (item == null) wait();
            Object o = item;
            item = null;
            notify();
            return o;
          }
        }
        """;
    FixTestHelper.forRule(NotifyInsteadOfNotifyAll.class)
        .addInput("demo/Slot.java", in)
        .addOutput("demo/Slot.java", in.replace("notify();", "notifyAll();"))
        .compiles()
        .doTest();
  }
}
