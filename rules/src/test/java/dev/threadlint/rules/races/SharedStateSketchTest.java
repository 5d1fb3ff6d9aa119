package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.testing.RuleTestHelper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared-state rules attach an owner sketch that parses and names the finding's own class, field and methods. */
class SharedStateSketchTest {

  private static Suggestion onlySuggestion(Class<? extends Rule> rule, Integer release, String file, String text) {
    RuleTestHelper helper = RuleTestHelper.forRule(rule);
    if (release != null) {
      helper.configure(b -> b.targetRelease(release));
    }
    List<Finding> findings = helper.addSource(file, text).analyze().findings();
    assertThat(findings).hasSize(1);
    return findings.get(0).suggestion();
  }

  static CompilationUnit parses(String sketch, ParserConfiguration.LanguageLevel level) {
    ParseResult<CompilationUnit> r = new JavaParser(new ParserConfiguration().setLanguageLevel(level)).parse(sketch);
    assertThat(r.getProblems()).as(sketch).isEmpty();
    return r.getResult().orElseThrow();
  }

  private static void assertSketch(Suggestion s, String titlePart, String cls, String... names) {
    assertThat(s.title()).contains(titlePart);
    assertThat(s.hasSketch()).isTrue();
    CompilationUnit cu = parses(s.codeSketch(), ParserConfiguration.LanguageLevel.JAVA_17);
    assertThat(cu.getTypes()).anySatisfy(t -> assertThat(t.getNameAsString()).isEqualTo(cls));
    assertThat(s.codeSketch()).contains(names).contains("BlockingQueue");
  }

  @Test
  void unguardedSharedField() {
    Suggestion s = onlySuggestion(UnguardedSharedField.class, null, "Stats.java", """
        import java.util.concurrent.ExecutorService;
        class Stats {
          private long total;
          void record(ExecutorService pool, long n) {
            pool.submit(() -> { total = total + n; });
          }
        }
        """);
    assertSketch(s, "Give 'total' one owner", "Stats", "total", "record");
  }

  @Test
  void inconsistentSynchronization() {
    Suggestion s = onlySuggestion(InconsistentSynchronization.class, null, "Inventory.java", """
        class Inventory {
          private int stock;
          synchronized void add(int n) { stock += n; }
          synchronized void remove(int n) { stock -= n; }
          int stock() { return stock; }
        }
        """);
    assertSketch(s, "Hold ", "Inventory", "stock", "add", "remove");
  }

  @Test
  void unsafeSharedCollection() {
    Suggestion s = onlySuggestion(UnsafeSharedCollection.class, null, "ChatRoom.java", """
        import java.util.*;
        import java.util.concurrent.ExecutorService;
        class ChatRoom {
          private final List<String> history = new ArrayList<>();
          void onMessage(ExecutorService io, String m) { io.execute(() -> history.add(m)); }
        }
        """);
    assertSketch(s, "Give 'history' one owner thread", "ChatRoom", "history", "onMessage", "List<String>");
  }

  @Test
  void singletonMutableState() {
    Suggestion s = onlySuggestion(SingletonMutableState.class, null, "QuoteService.java", """
        @Service
        class QuoteService {
          private String lastCustomer;
          double quote(String customer) {
            lastCustomer = customer;
            return 1.0;
          }
        }
        @interface Service {}
        """);
    assertSketch(s, "'lastCustomer'", "QuoteService", "lastCustomer", "quote");
  }

  @Test
  void threadSafeClassMutableState() {
    Suggestion s = onlySuggestion(ThreadSafeClassMutableState.class, null, "Config.java", """
        import java.util.*;
        @ThreadSafe
        class Config {
          private Map<String, String> values = new HashMap<>();
          void reload(Map<String, String> v) { values = v; }
          String get(String k) { return values.get(k); }
        }
        @interface ThreadSafe {}
        """);
    assertSketch(s, "Make 'values' final", "Config", "values", "reload");
  }

  @Test
  void sketchOwnsTheStateThatChangesTogether() {
    List<Finding> findings = RuleTestHelper.forRule(UnguardedSharedField.class).addSource("Account.java", """
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        class Account {
          private long balance;
          private List<String> history = new ArrayList<>();
          private String nickname = "main";
          void depositLater(ExecutorService pool, long n) {
            pool.submit(() -> deposit(n));
          }
          public void deposit(long n) {
            balance += n;
            history = append(history, "+" + n);
          }
          public List<String> history() { return history; }
          public long balance() { return balance; }
          public String nickname() { return nickname; }
          private static List<String> append(List<String> l, String s) { List<String> c = new ArrayList<>(l); c.add(s); return c; }
        }
        """).analyze().findings();
    Finding onBalance = findings.stream().filter(f -> f.message().contains("'balance'")).findFirst().orElseThrow();
    Suggestion s = onBalance.suggestion();
    assertThat(s.explanation()).contains("Give Account's state (balance, history) one owner")
        .contains("'history' changes together with 'balance' (both written in deposit())");
    CompilationUnit cu = parses(s.codeSketch(), ParserConfiguration.LanguageLevel.JAVA_17);
    assertThat(cu.getTypes()).anySatisfy(t -> assertThat(t.getNameAsString()).isEqualTo("Account"));
    assertThat(s.codeSketch()).contains("private long balance;").contains("private List<String> history = new ArrayList<>();")
        .contains("permits Deposit, History, Balance, Stop")
        .doesNotContain("nickname");
  }

  @Test
  void sketchFollowsTargetRelease() {
    String src = """
        import java.util.concurrent.ExecutorService;
        class Stats {
          private long total;
          void record(ExecutorService pool, long n) { pool.submit(() -> { total = total + n; }); }
        }
        """;
    Suggestion modern = onlySuggestion(UnguardedSharedField.class, 21, "Stats.java", src);
    Suggestion old = onlySuggestion(UnguardedSharedField.class, 11, "Stats.java", src);
    assertThat(modern.codeSketch()).contains("Thread.ofVirtual()");
    assertThat(old.codeSketch()).doesNotContain("Thread.ofVirtual()").doesNotContain("record ").doesNotContain("sealed");
    parses(old.codeSketch(), ParserConfiguration.LanguageLevel.JAVA_11);
    parses(modern.codeSketch(), ParserConfiguration.LanguageLevel.JAVA_21);
  }
}
