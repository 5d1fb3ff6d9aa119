package dev.threadlint.rules.races;

import com.github.javaparser.ast.expr.AnnotationExpr;
import dev.threadlint.core.analysis.AccessSummaries;
import dev.threadlint.core.analysis.ConcurrencyModel;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.analysis.ThreadSafety;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.Annotations;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.TypeModel;
import java.util.Optional;

/**
 * A class declared {@code @ThreadSafe} whose methods write mutable state without a lock: the
 * declaration promises callers something the code does not keep.
 */
@RuleInfo(
    id = "thread-safe-class-mutable-state",
    title = "@ThreadSafe class writes mutable state without a lock",
    severity = Severity.WARNING,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "race")
public final class ThreadSafeClassMutableState implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    ConcurrencyModel model = ConcurrencyModel.of(ctx.program());
    SharedState state = null;
    for (TypeModel t : ctx.program().types()) {
      if (!model.isDeclaredThreadSafe(t)) {
        continue;
      }
      if (state == null) {
        state = SharedState.of(ctx.program());
      }
      for (FieldModel f : t.fields()) {
        check(ctx, state, t, f);
      }
      lombokSetters(ctx, t);
    }
  }

  private static void check(ProgramContext ctx, SharedState state, TypeModel t, FieldModel f) {
    boolean contents = ThreadSafety.isUnsafeCollectionField(f) || ThreadSafety.isUnsafeObjectField(f);
    boolean skipPlain = RaceSupport.skipFieldLevel(f) || RaceSupport.racyByDesign(ctx.program(), f);
    if (skipPlain && !contents) {
      return;
    }
    Optional<SharedState.Hit> write = state.hits(f).stream()
        .filter(h -> RaceSupport.isContract(h.entry()) && h.entry().body().owner() == t)
        .filter(h -> h.access().isWrite() && h.access().held().isEmpty() && h.access().receiver() != AccessSummaries.Receiver.OTHER)
        .filter(h -> h.access().kind().isContents() ? contents : !skipPlain)
        .findFirst();
    if (write.isEmpty()) {
      return;
    }
    SharedState.Hit h = write.get();
    ctx.finding(h.access().node(), "Class '" + t.simpleName() + "' is annotated thread-safe but " + RaceSupport.where(h) + " "
            + (h.access().kind().isContents() ? "changes the contents of" : "writes") + " field '" + f.name() + "' without a lock")
        .evidence(RaceSupport.evidence(h))
        .suggestion(RaceSupport.ownerSketch(ctx, f, "Make '" + f.name() + "' final and immutable, confine it to one owner thread, or guard every access with one lock (and document it with @GuardedBy)"))
        .report();
  }

  /** Lombok {@code @Setter}/{@code @Data} generate unsynchronized setters for non-final fields. */
  private static void lombokSetters(ProgramContext ctx, TypeModel t) {
    boolean classLevel = t.hasAnnotation("Setter") || t.hasAnnotation("Data");
    for (FieldModel f : t.fields()) {
      if (f.isFinal() || f.isStatic() || f.isVolatile()) {
        continue;
      }
      boolean fieldLevel = f.hasAnnotation("Setter");
      if (!classLevel && !fieldLevel) {
        continue;
      }
      AnnotationExpr at = null;
      for (AnnotationExpr a : fieldLevel ? f.declaration().getAnnotations() : t.annotationExprs()) {
        String n = Annotations.simpleName(a);
        if (n.equals("Setter") || n.equals("Data")) {
          at = a;
        }
      }
      if (at == null) {
        continue;
      }
      ctx.finding(fieldLevel ? f.variable() : f.variable(), "Class '" + t.simpleName() + "' is annotated thread-safe but Lombok @"
              + Annotations.simpleName(at) + " generates an unsynchronized setter for field '" + f.name() + "'")
          .evidence(at, "generates set" + Character.toUpperCase(f.name().charAt(0)) + f.name().substring(1) + "(..) without a lock")
          .suggestion("Make '" + f.name() + "' final (no setter), or volatile if a single writer replaces it, or write the setter by hand under the class's lock")
          .report();
    }
  }
}
