package dev.threadlint.core.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.fix.CounterFixes;
import dev.threadlint.core.fix.FixOutcome;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.TypeModel;
import dev.threadlint.core.testing.FixTestHelper;
import dev.threadlint.core.testing.RuleTestHelper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The path a rule takes, end to end through the Analyzer: a stand-in rule (defined here, not a
 * shipped rule) reports a non-atomic update of a volatile counter, attaches the owner sketch and
 * the AtomicInteger fix, and quotes the refusal when there is no fix.
 */
class AttachSketchAndFixTest {

  @RuleInfo(id = "volatile-counter-demo", title = "volatile counter updated non-atomically (test rule)", severity = Severity.WARNING,
      category = Category.SHARED_MUTABLE_STATE, defectClass = "volatile-nonatomic")
  public static final class VolatileCounterDemo implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      for (TypeModel type : ctx.program().types()) {
        if (type.file() != ctx.file()) {
          continue;
        }
        for (FieldModel field : type.fields()) {
          if (!field.isVolatile() || !field.typeName().equals("int") || !updatedNonAtomically(type, field)) {
            continue;
          }
          FixOutcome fix = CounterFixes.atomic(ctx.file(), field);
          var b = ctx.finding(field.variable(), "field '" + field.name() + "' is volatile, but '++' and '+=' on it are not atomic"
                  + (fix.isPresent() ? "" : "; " + fix.refusalMessage()))
              .suggestion(OwnerSketch.forSharedState(ctx, type, List.of(field)));
          fix.fix().ifPresent(b::fix);
          b.report();
        }
      }
    }

    private static boolean updatedNonAtomically(TypeModel type, FieldModel field) {
      for (MethodModel m : type.methods()) {
        if (m.isConstructor() || m.body().isEmpty()) {
          continue;
        }
        boolean hit = m.body().get().findFirst(UnaryExpr.class, u -> u.getExpression().toString().endsWith(field.name()) && !u.getOperator().name().startsWith("LOGICAL")).isPresent()
            || m.body().get().findFirst(AssignExpr.class, a -> a.getTarget().toString().endsWith(field.name()) && a.getOperator() != AssignExpr.Operator.ASSIGN).isPresent();
        if (hit) {
          return true;
        }
      }
      return false;
    }
  }

  private static final String INPUT = """
      package shop;

      public class Visits {
        private volatile int visits;

        public void visit() {
          visits++;
        }

        public int count() {
          return visits;
        }
      }
      """;

  @Test
  void fixApplied_findingGone_andTheResultCompiles() {
    FixTestHelper.forRule(VolatileCounterDemo.class)
        .addInput("shop/Visits.java", INPUT)
        .addOutput("shop/Visits.java", """
            package shop;

            import java.util.concurrent.atomic.AtomicInteger;

            public class Visits {
              private final AtomicInteger visits = new AtomicInteger();

              public void visit() {
                visits.incrementAndGet();
              }

              public int count() {
                return visits.get();
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void sketchFollowsTheTargetRelease() {
    Finding unknown = single(RuleTestHelper.forRule(VolatileCounterDemo.class).addSource("shop/Visits.java", INPUT).analyze());
    assertThat(unknown.suggestion().codeSketch()).contains("Executors.newSingleThreadExecutor()").doesNotContain("ofVirtual")
        .contains("sealed interface VisitsCommand permits Visit, Count, Stop").contains("private int visits;");
    assertThat(unknown.fixes()).singleElement().extracting(f -> f.kind()).isEqualTo(FixKind.SAFE);

    Finding java21 = single(RuleTestHelper.forRule(VolatileCounterDemo.class).addSource("shop/Visits.java", INPUT)
        .configure(r -> r.targetRelease(21)).analyze());
    assertThat(java21.suggestion().codeSketch()).contains("Thread.ofVirtual()").contains("case Visit c -> doVisit();");
    assertThat(java21.suggestion().title()).isEqualTo("Give Visits's state (visits) one owner fed through a BlockingQueue");
  }

  @Test
  void refusalIsQuotedInTheMessage_andNoFixAttached() {
    Finding f = single(RuleTestHelper.forRule(VolatileCounterDemo.class).addSource("shop/Visits.java", INPUT.replace("private volatile", "volatile")).analyze());
    assertThat(f.message()).endsWith("; no automatic fix: field 'visits' is not private: uses in other classes would not be rewritten");
    assertThat(f.fixes()).isEmpty();
    assertThat(f.suggestion().hasSketch()).isTrue();
  }

  private static Finding single(AnalysisResult r) {
    assertThat(r.findings()).hasSize(1);
    return r.findings().get(0);
  }
}
