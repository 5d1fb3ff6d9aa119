package dev.threadlint.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.testing.ProgramFixture;
import org.junit.jupiter.api.Test;

class FieldIdiomsTest {

  private static FieldModel field(Program p, String type, String name) {
    return p.types().stream().filter(t -> t.simpleName().equals(type)).findFirst().orElseThrow().field(name).orElseThrow();
  }

  @Test
  void casManagedFieldsAreNamedByUpdatersVarHandlesAndOffsets_forTheirOwnClassOnly() {
    Program p = ProgramFixture.of("""
        import java.lang.invoke.*;
        import java.util.concurrent.atomic.*;
        class Queue {
          static final class Node { volatile Node next; Object item; Node prev; }
          private static final AtomicReferenceFieldUpdater<Node, Node> NEXT =
              AtomicReferenceFieldUpdater.newUpdater(Node.class, Node.class, "next");
          private static final VarHandle HEAD;
          static {
            try { HEAD = MethodHandles.lookup().findVarHandle(Queue.class, "head", Node.class); }
            catch (ReflectiveOperationException e) { throw new ExceptionInInitializerError(e); }
          }
          static long offset() throws Exception { return 0L + Node.class.getDeclaredField("item").hashCode(); }
          private volatile Node head;
          private Node next; // same name as Node.next, but no lookup names Queue.next
        }
        """);
    FieldIdioms idioms = FieldIdioms.of(p);
    assertThat(idioms.isCasManaged(field(p, "Node", "next"))).isTrue();
    assertThat(idioms.isCasManaged(field(p, "Queue", "head"))).isTrue();
    assertThat(idioms.isCasManaged(field(p, "Node", "item"))).isTrue();
    assertThat(idioms.isCasManaged(field(p, "Node", "prev"))).isFalse();
    assertThat(idioms.isCasManaged(field(p, "Queue", "next"))).isFalse();
  }

  @Test
  void benignLazyInitNeedsOneGuardedWriteOfAnImmutableValue() {
    Program p = ProgramFixture.of("""
        import java.util.*;
        class Name {
          private final String first;
          private int hash;
          private String display;
          private long bigHash;
          private List<String> parts;
          private int counter;
          private View view;
          Name(String f) { first = f; }
          public int hashCode() {
            int h = hash;
            if (h == 0) { h = first.hashCode(); hash = h; }
            return h;
          }
          String display() {
            if (display == null) display = "<" + first + ">";
            return display;
          }
          long bigHash() { if (bigHash == 0) bigHash = first.hashCode() * 31L; return bigHash; }
          List<String> parts() { if (parts == null) parts = new ArrayList<>(); return parts; }
          int counter() { if (counter == 0) counter = 1; return counter; }
          void bump() { counter = counter + 1; }
          View view() { View v = view; return v == null ? view = new View(this) : v; }
          final class View { private final Name of; View(Name n) { of = n; } }
        }
        """);
    FieldIdioms idioms = FieldIdioms.of(p);
    assertThat(idioms.isBenignLazyInit(field(p, "Name", "hash"))).as("int hash cache").isTrue();
    assertThat(idioms.isBenignLazyInit(field(p, "Name", "display"))).as("String").isTrue();
    assertThat(idioms.isBenignLazyInit(field(p, "Name", "view"))).as("view with only final fields").isTrue();
    assertThat(idioms.isBenignLazyInit(field(p, "Name", "bigHash"))).as("long may tear").isFalse();
    assertThat(idioms.isBenignLazyInit(field(p, "Name", "parts"))).as("mutable list").isFalse();
    assertThat(idioms.isBenignLazyInit(field(p, "Name", "counter"))).as("written elsewhere too").isFalse();
  }
}
