package dev.threadlint.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.analysis.AccessSummaries.Access;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.testing.ProgramFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessSummariesTest {

  private static List<String> render(Program p, String body) {
    return AccessSummaries.of(p).of(ProgramFixture.body(p, body)).stream().map(AccessSummariesTest::render).toList();
  }

  private static String render(Access a) {
    String path = a.path().isEmpty() ? "" : " via " + a.path().stream().map(m -> m.name()).toList();
    return a.kind() + " " + a.field().name() + " " + a.receiver() + " under " + a.held() + path;
  }

  @Test
  void callerLocksAreAddedAndPathIsKept() {
    Program p = ProgramFixture.of("""
        class Acct {
          private int balance;
          void deposit(int n) { synchronized (this) { add(n); } }
          private void add(int n) { store(balance + n); }
          private void store(int v) { balance = v; }
        }
        """);
    assertThat(render(p, "Acct.deposit")).containsExactly(
        "READ balance THIS under monitor of Acct via [add]", "WRITE balance THIS under monitor of Acct via [add, store]");
  }

  @Test
  void containersFreshObjectsAndConstructors() {
    Program p = ProgramFixture.of("""
        import java.util.*;
        class Box { int v; Box() { v = 1; } void set(int x) { v = x; } }
        class Reg {
          private final Map<String, Integer> m = new HashMap<>();
          private final Box shared = new Box();
          void go() {
            m.put("a", 1);
            m.get("a");
            Box mine = new Box();
            mine.set(3);
            shared.set(4);
          }
        }
        """);
    assertThat(render(p, "Reg.go")).containsExactly(
        "CONTAINER_WRITE m THIS under no lock", "CONTAINER_READ m THIS under no lock", "WRITE v OTHER under no lock via [set]");
  }

  @Test
  void lambdasRunNowAreInlinedUnderTheCallersLocks_laterOnesAreNot() {
    Program p = ProgramFixture.of("""
        import java.util.*;
        import java.util.concurrent.Executor;
        class L {
          private int n;
          private int later;
          synchronized void now(List<Integer> xs) { xs.forEach(x -> n += x); }
          void later(Executor ex) { ex.execute(() -> later++); }
        }
        """);
    assertThat(render(p, "L.now")).containsExactly("READ n THIS under monitor of L", "WRITE n THIS under monitor of L");
    assertThat(render(p, "L.later")).isEmpty();
  }

  @Test
  void recursionReachesAFixpoint() {
    Program p = ProgramFixture.of("""
        class R {
          private int a;
          private int b;
          void f(int k) { if (k > 0) g(k - 1); a = 1; }
          void g(int k) { if (k > 0) f(k - 1); b = 2; }
        }
        """);
    assertThat(render(p, "R.f")).contains("WRITE a THIS under no lock", "WRITE b THIS under no lock via [g]");
    assertThat(render(p, "R.g")).contains("WRITE b THIS under no lock", "WRITE a THIS under no lock via [f]");
  }
}
