package dev.threadlint.core.fix;

import static dev.threadlint.core.fix.FixFixture.apply;
import static dev.threadlint.core.fix.FixFixture.assertCompilesBeforeAndAfter;
import static dev.threadlint.core.fix.FixFixture.find;
import static dev.threadlint.core.fix.FixFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.body.VariableDeclarator;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.program.SourceFile;
import org.junit.jupiter.api.Test;

class CounterFixesTest {
  private static VariableDeclarator field(SourceFile f, String name) {
    return find(f, VariableDeclarator.class, v -> v.getNameAsString().equals(name));
  }

  @Test
  void volatileIntCounter_everyUseRewritten() {
    String in = """
        package demo;

        import java.util.List;

        class Hits {
          private volatile int hits = 1;
          private final List<String> names = List.of();

          void record() {
            hits++;
          }

          void recordMany(int n) {
            hits += n;
            this.hits = this.hits + 1;
            hits = 2 + hits;
            --hits;
            hits -= n;
          }

          int next() {
            return hits++;
          }

          void reset() {
            hits = 0;
          }

          int current() {
            return hits * 2;
          }
        }
        """;
    SourceFile f = source(in);
    FixOutcome outcome = CounterFixes.atomic(f, field(f, "hits"));
    assertThat(outcome.fix().orElseThrow().kind()).isEqualTo(FixKind.SAFE);
    String out = apply(f, outcome);
    assertThat(out).contains("import java.util.List;\nimport java.util.concurrent.atomic.AtomicInteger;")
        .contains("private final AtomicInteger hits = new AtomicInteger(1);")
        .contains("    hits.incrementAndGet();\n")
        .contains("hits.addAndGet(n);")
        .contains("this.hits.addAndGet(1);")
        .contains("hits.addAndGet(2);")
        .contains("hits.decrementAndGet();")
        .contains("hits.addAndGet(-(n));")
        .contains("return hits.getAndIncrement();") // the old value, as hits++ returned
        .contains("hits.set(0);")
        .contains("return hits.get() * 2;")
        .doesNotContain("volatile");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void volatileLong_staticField_becomesAtomicLongKeepingModifierOrder() {
    String in = """
        class Ids {
          private static volatile long next;
          static long take() { return ++next; }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, CounterFixes.atomic(f, field(f, "next")));
    assertThat(out).startsWith("import java.util.concurrent.atomic.AtomicLong;\n\nclass Ids {")
        .contains("private static final AtomicLong next = new AtomicLong();")
        .contains("return next.incrementAndGet();");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void refused_whenNotPrivate() {
    SourceFile f = source("class A { volatile int n; void inc() { n++; } }");
    FixOutcome o = CounterFixes.atomic(f, field(f, "n"));
    assertThat(o.isPresent()).isFalse();
    assertThat(o.refusalMessage()).isEqualTo("no automatic fix: field 'n' is not private: uses in other classes would not be rewritten");
  }

  @Test
  void refused_whenShadowedByParameter() {
    SourceFile f = source("class A { private volatile int n; void set(int n) { this.n = n; } void inc() { n++; } }");
    assertThat(CounterFixes.atomic(f, field(f, "n")).reason()).contains("shadows");
  }

  @Test
  void refused_forAFrameworkAnnotatedField_andASerializableClass() {
    SourceFile f = source("class A { @Column private volatile int n; void inc() { n++; } @interface Column {} }");
    assertThat(CounterFixes.atomic(f, field(f, "n")).reason()).isEqualTo("field 'n' is annotated @Column, which may expect an int");
    SourceFile g = source("class A implements java.io.Serializable { private volatile long n; void inc() { n++; } }");
    assertThat(CounterFixes.atomic(g, field(g, "n")).reason()).contains("serialized form");
    SourceFile h = source("class A { @GuardedBy(\"this\") private volatile int n; void inc() { n++; } @interface GuardedBy { String value(); } }");
    assertThat(CounterFixes.atomic(h, field(h, "n")).isPresent()).isTrue();
  }

  @Test
  void refused_forConstantsAndFieldsNeverUpdated() {
    SourceFile f = source("class A implements Cloneable { private static final long serialVersionUID = 1L; private volatile int n; int get() { return n; } }");
    assertThat(CounterFixes.atomic(f, field(f, "serialVersionUID")).reason()).contains("final");
    assertThat(CounterFixes.atomic(f, field(f, "n")).reason()).contains("never updated");
  }

  @Test
  void refused_forMultiplication() {
    SourceFile f = source("class A { private volatile int n; void twice() { n *= 2; } }");
    assertThat(CounterFixes.atomic(f, field(f, "n")).reason()).contains("no atomic method expresses");
  }

  @Test
  void refused_forAnotherInstancesField() {
    SourceFile f = source("class A { private volatile int n; void copy(A o) { n = o.n; } }");
    assertThat(CounterFixes.atomic(f, field(f, "n")).reason()).contains("'o.n' reaches the field through another object");
  }

  @Test
  void refused_forNonIntegralType() {
    SourceFile f = source("class A { private volatile double d; void inc() { d++; } }");
    assertThat(CounterFixes.atomic(f, field(f, "d")).reason()).contains("only int and long");
  }

  @Test
  void refused_whenAssignmentValueIsUsed() {
    SourceFile f = source("class A { private volatile int n; int reset() { return n = 0; } }");
    assertThat(CounterFixes.atomic(f, field(f, "n")).reason()).contains("is used");
  }

  @Test
  void existingOnDemandImport_notDuplicated() {
    String in = """
        import java.util.concurrent.atomic.*;

        class A {
          private volatile int n;
          void inc() { n++; }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, CounterFixes.atomic(f, field(f, "n")));
    assertThat(out).doesNotContain("import java.util.concurrent.atomic.AtomicInteger;");
    assertCompilesBeforeAndAfter(in, out);
  }
}
