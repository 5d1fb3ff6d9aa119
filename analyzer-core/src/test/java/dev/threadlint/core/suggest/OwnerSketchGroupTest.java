package dev.threadlint.core.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeModel;
import dev.threadlint.core.testing.ProgramFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The owner sketch for one field takes in the state that changes with it, and only that. */
class OwnerSketchGroupTest {
  private static final String ACCOUNT = """
      package bank;

      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.atomic.AtomicLong;

      public class Account {
        private long balance;
        private final List<String> history = new ArrayList<>();
        private boolean overdrawn;
        private String nickname = "main";
        private long lastAudit;
        private final AtomicLong operations = new AtomicLong();
        private final List<String> currencies = List.of("EUR", "USD");
        private static int accountsOpened;

        public Account() {
          nickname = "new";
          lastAudit = 0;
          accountsOpened++;
        }

        public void deposit(long amount) {
          balance += amount;
          history.add("+" + amount);
          operations.incrementAndGet();
        }

        public boolean withdraw(long amount) {
          if (currencies.isEmpty() || balance < amount) {
            return false;
          }
          balance -= amount;
          history.add("-" + amount);
          return true;
        }

        public void check() {
          synchronized (this) {
            if (balance < 0) {
              overdrawn = true;
            }
          }
        }

        public List<String> history() {
          return new ArrayList<>(history);
        }

        public String nickname() {
          return nickname;
        }

        public void audit(long now) {
          lastAudit = now;
        }

        public long balance() {
          return balance;
        }
      }
      """;

  private static FieldModel field(TypeModel t, String name) {
    return t.field(name).orElseThrow();
  }

  private static TypeModel account() {
    Program p = ProgramFixture.of(ACCOUNT);
    return p.types().stream().filter(t -> t.simpleName().equals("Account")).findFirst().orElseThrow();
  }

  @Test
  void stateGroup_fieldsWrittenWithItOrUnderOneLockWithIt_andWhy() {
    TypeModel account = account();
    Map<FieldModel, String> group = OwnerSketch.stateGroup(account, field(account, "balance"));
    assertThat(group.keySet()).extracting(FieldModel::name).containsExactly("balance", "history", "overdrawn");
    assertThat(group.get(field(account, "history"))).isEqualTo("both written in deposit(), withdraw()");
    assertThat(group.get(field(account, "overdrawn"))).isEqualTo("used together under one lock in check()");
    // not in: nickname and lastAudit (written elsewhere, or only in the constructor), operations (thread-safe),
    // currencies (final and only read), accountsOpened (static)
  }

  @Test
  void stateGroup_isNotSymmetricByAccident_aFieldWrittenAloneStaysAlone() {
    TypeModel account = account();
    assertThat(OwnerSketch.stateGroup(account, field(account, "lastAudit")).keySet()).extracting(FieldModel::name).containsExactly("lastAudit");
    assertThat(OwnerSketch.stateGroup(account, field(account, "history")).keySet()).extracting(FieldModel::name).containsExactly("history", "balance");
  }

  @Test
  void forField_ownsTheWholeGroup_commandsForEveryPublicMethodTouchingAny_andCompiles() throws Exception {
    TypeModel account = account();
    Suggestion s = OwnerSketch.forField(field(account, "balance"), 17);
    assertThat(s.title()).isEqualTo("Give Account's state (balance, history, overdrawn) one owner fed through a BlockingQueue");
    assertThat(s.explanation())
        .contains("'history' changes together with 'balance' (both written in deposit(), withdraw())")
        .contains("'overdrawn' changes together with 'balance' (used together under one lock in check())");
    String code = "package bank;\n" + s.codeSketch();
    assertThat(code)
        .contains("private sealed interface AccountCommand permits Deposit, Withdraw, Check, History, Balance, Stop {}")
        .contains("private long balance;")
        .contains("private final List<String> history = new ArrayList<>();")
        .contains("private boolean overdrawn;")
        .contains("/** Deposit writes balance, history. */")
        .contains("/** Check writes overdrawn; reads balance. */")
        .contains("/** History reads history. */")
        // fields the moved bodies use but the owner does not own are declared as they were, so the sketch compiles
        .contains("private final AtomicLong operations = new AtomicLong();")
        .contains("private final List<String> currencies = List.of(\"EUR\", \"USD\");")
        .contains("import java.util.concurrent.atomic.AtomicLong;")
        .doesNotContain("lastAudit").doesNotContain("Audit").doesNotContain("nickname").doesNotContain("accountsOpened");
    assertThat(SketchTest.parses(code, LanguageLevel.JAVA_17)).as(code).isTrue();
    Path out = Files.createDirectories(Path.of("target", "sketch-classes", "group17"));
    assertThat(SketchTest.compile(out, 17, Map.of("bank/Account.java", code))).as(code).isEmpty();
  }

  @Test
  void forField_everyFieldOfOneGroup_getsTheSameSketch() {
    TypeModel account = account();
    Suggestion onBalance = OwnerSketch.forField(field(account, "balance"), 21);
    Suggestion onHistory = OwnerSketch.forField(field(account, "history"), 21);
    assertThat(onHistory.codeSketch()).isEqualTo(
        OwnerSketch.forSharedState(account, List.of(field(account, "balance"), field(account, "history")), account.methods(), 21).codeSketch());
    assertThat(onHistory.title()).isEqualTo("Give Account's state (balance, history) one owner fed through a BlockingQueue");
    assertThat(onBalance.title()).contains("(balance, history, overdrawn)");
  }

  @Test
  void forField_aFieldWithNothingChangingAlongside_isTheOldSingleFieldSketch() {
    TypeModel account = account();
    Suggestion alone = OwnerSketch.forField(field(account, "lastAudit"), 21);
    Suggestion explicit = OwnerSketch.forSharedState(account, List.of(field(account, "lastAudit")), account.methods(), 21);
    assertThat(alone).isEqualTo(explicit);
    assertThat(alone.title()).contains("(lastAudit)");
  }
}
