package dev.threadlint.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadlint.core.testing.ProgramFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallGraphTest {

  private static List<String> targetsOfCall(Program p, String callText) {
    MethodCallExpr call = p.files().stream()
        .flatMap(f -> f.unit().findAll(MethodCallExpr.class).stream())
        .filter(c -> c.toString().equals(callText))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no call " + callText));
    return p.callGraph().targetsOf(call).stream().map(m -> m.owner().simpleName() + "." + m.name()).toList();
  }

  private static final String SHELF = """
      import java.util.*;
      class Shelf {
        private final List<String> items = new ArrayList<>();
        List<String> items() { return items; }
        Shelf self() { return this; }
        void add(String s) { items().add(s); }
        void twice(String s) { self().add(s); }
      }
      """;

  @Test
  void aCallOnALibraryTypedResultNeedsNoSolver() {
    Program p = ProgramFixture.of(SHELF);
    assertThat(targetsOfCall(p, "items().add(s)")).isEmpty();
    assertThat(p.callGraph().solverCalls()).isZero();
  }

  @Test
  void aCallOnAScannedResultIsDispatchedThere() {
    Program p = ProgramFixture.of(SHELF);
    assertThat(targetsOfCall(p, "self().add(s)")).containsExactly("Shelf.add");
    assertThat(p.callGraph().solverCalls()).isZero();
  }

  @Test
  void aTypeVariableResultIsLeftToTheSolver() {
    Program p = ProgramFixture.of("""
        class Holder<T extends Shelf> {
          T value;
          T get() { return value; }
          void fill() { get().add("x"); }
        }
        """, SHELF);
    targetsOfCall(p, "get().add(\"x\")");
    assertThat(p.callGraph().solverCalls()).isPositive();
  }

  @Test
  void successorsIncludeMethodReferencesAndTheCalleesOfNestedLambdas() {
    Program p = ProgramFixture.of("""
        import java.util.*;
        class Walker {
          void all(List<String> in) {
            in.forEach(this::one);
            Runnable r = () -> { Runnable inner = () -> two(); };
          }
          void one(String s) {}
          void two() {}
        }
        """);
    MethodModel all = ProgramFixture.body(p, "Walker.all");
    assertThat(p.callGraph().successors(all)).extracting(MethodModel::name).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  void aLibraryStreamChainNeedsNoSolver() {
    Program p = ProgramFixture.of("""
        import java.util.*;
        class Names {
          private final List<String> names = new ArrayList<>();
          void add(String s) { names.add(s); }
          long shortOnes() { return names.stream().filter(n -> n.length() < 3).count(); }
          void sortAll() { names.stream().sorted().forEach(this::add); }
        }
        class Sink { void forEach(Object o) {} void filter() {} }
        """);
    assertThat(targetsOfCall(p, "names.stream().sorted().forEach(this::add)")).isEmpty();
    assertThat(p.callGraph().solverCalls()).isZero();
  }

  @Test
  void callsOnEnumConstantsAndNestedTypesAreDispatchedWithoutTheSolver() {
    Program p = ProgramFixture.of("""
        class Codes {
          enum Level { LOW, HIGH; String label() { return name(); } }
          static class Inner { static Inner make() { return new Inner(); } void go() {} }
          String describe() { return Codes.Level.HIGH.label(); }
          void start() { Codes.Inner.make().go(); }
        }
        """);
    assertThat(targetsOfCall(p, "Codes.Level.HIGH.label()")).containsExactly("Level.label");
    assertThat(targetsOfCall(p, "Codes.Inner.make().go()")).containsExactly("Inner.go");
    assertThat(p.callGraph().solverCalls()).isZero();
  }

  @Test
  void aLibraryReceiverGivesALibraryResultEvenWhenScannedTypesOverrideTheMethod() {
    Program p = ProgramFixture.of("""
        import java.util.*;
        abstract class MySet<E> extends AbstractSet<E> { public abstract MyIterator<E> iterator(); }
        abstract class MyIterator<E> implements Iterator<E> {}
        abstract class MyMap<K, V> extends AbstractMap<K, V> { public abstract MySet<Map.Entry<K, V>> entrySet(); }
        class Walk<T extends MyMap<String, String>> {
          private final Map<String, String> map = new HashMap<>();
          private T custom;
          Object first() { return map.entrySet().iterator().next(); }
          Object own() { return custom.entrySet().iterator(); }
        }
        """);
    assertThat(targetsOfCall(p, "map.entrySet().iterator()")).isEmpty();
    assertThat(p.callGraph().solverCalls()).as("only the call on a type variable's result is left to the solver").isEqualTo(1);
    targetsOfCall(p, "custom.entrySet().iterator()");
    assertThat(p.callGraph().solverCalls()).isEqualTo(1);
  }

  private static final String POOL = """
      import javax.sql.DataSource;
      import java.sql.Connection;
      import java.util.*;
      abstract class PooledDataSource implements DataSource {
        public synchronized Connection getConnection() { return null; }
      }
      abstract class ScannedIterator implements Iterator<String> {
        public String next() { return "x"; }
      }
      class Handlers extends Thread {
        @Override public synchronized void start() { super.start(); }
      }
      """;

  @Test
  void aLibraryInterfaceHandedInIsNotBoundToAScannedImplementation() {
    Program p = ProgramFixture.of("""
        import javax.sql.DataSource;
        import java.util.*;
        class Dao {
          String load(DataSource ds, List<String> xs) throws Exception {
            ds.getConnection();
            Iterator<String> it = xs.iterator();
            it.next();
            new Thread() { public void run() {} }.start();
            return null;
          }
        }
        """, POOL);
    assertThat(targetsOfCall(p, "ds.getConnection()")).isEmpty();
    assertThat(targetsOfCall(p, "it.next()")).isEmpty();
    assertThat(targetsOfCall(p, "new Thread() {\n\n    public void run() {\n    }\n}.start()")).isEmpty();
  }

  @Test
  void aLibraryInterfaceIsBoundWhereTheProgramAllocatesTheImplementation() {
    Program p = ProgramFixture.of("""
        import javax.sql.DataSource;
        class Dao {
          private final DataSource ds = new PooledDataSource() {};
          private DataSource other;
          Dao(DataSource given) { other = given; }
          void load() throws Exception {
            ds.getConnection();
            other.getConnection();
          }
        }
        """, POOL);
    assertThat(targetsOfCall(p, "ds.getConnection()")).containsExactly("PooledDataSource.getConnection");
    assertThat(targetsOfCall(p, "other.getConnection()")).isEmpty();
  }
}
