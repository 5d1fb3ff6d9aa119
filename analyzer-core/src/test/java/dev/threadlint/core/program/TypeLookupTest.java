package dev.threadlint.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.testing.ProgramFixture;
import org.junit.jupiter.api.Test;

class TypeLookupTest {

  private static TypeModel type(Program p, String simple) {
    return p.types().stream().filter(t -> t.simpleName().equals(simple)).findFirst().orElseThrow();
  }

  @Test
  void memberTypeIsNamedBySimpleNameOnlyWhereItIsInScope() {
    Program p = ProgramFixture.of("""
        package a;
        public class Tree {
          static final class Reference { Object value; void clear() { value = null; } }
          Reference root;
        }
        """, """
        package a;
        public class SubTree extends Tree {
          Reference mine;
        }
        """, """
        package b;
        import a.Tree.Reference;
        class Importer { Reference r; }
        """, """
        package c;
        import java.lang.ref.Reference;
        class Cleaner { void clean(Reference<?> r) { r.clear(); } }
        """);
    TypeModel nested = type(p, "Reference");
    assertThat(p.lookupType("Reference", type(p, "Tree"))).contains(nested);
    assertThat(p.lookupType("Reference", type(p, "SubTree"))).as("inherited member type").contains(nested);
    assertThat(p.lookupType("Reference", type(p, "Importer"))).as("imported").contains(nested);
    assertThat(p.lookupType("Reference", type(p, "Cleaner"))).as("java.lang.ref.Reference, not the nested class").isEmpty();
    assertThat(p.lookupType("Tree.Reference", type(p, "Cleaner"))).as("qualified names still resolve").contains(nested);
  }
}
