package dev.threadlint.rules.races;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import java.util.Optional;

/**
 * Double-checked locking on a field that is not volatile: the unlocked first check may see the
 * reference before the object's fields are visible (JLS §17.4), so a caller can use a half-built
 * object.
 */
@RuleInfo(
    id = "double-checked-locking",
    title = "Double-checked locking on a non-volatile field",
    severity = Severity.ERROR,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "dcl")
public final class DoubleCheckedLocking implements Rule {

  /** True when some method of the field's class double-checks it (so that rule, not a lockset rule, explains it). */
  static boolean isDoubleChecked(dev.threadlint.core.program.Program program, FieldModel field) {
    for (IfStmt outer : field.owner().node().findAll(IfStmt.class)) {
      if (RaceSupport.nullCheckedField(program, outer.getCondition(), true).orElse(null) == field && match(program, outer, field) != null) {
        return true;
      }
    }
    return false;
  }

  /** The assignment of a double-checked-locking pattern starting at {@code outer}, or null. */
  private static AssignExpr match(dev.threadlint.core.program.Program program, IfStmt outer, FieldModel field) {
    Node lockNode = outer.getThenStmt().findFirst(SynchronizedStmt.class).map(s -> (Node) s)
        .or(() -> outer.getThenStmt().findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("lock") && c.getArguments().isEmpty()))
        .orElse(null);
    if (lockNode == null) {
      return null;
    }
    Node scope = lockNode instanceof SynchronizedStmt ? lockNode : outer.getThenStmt();
    Optional<IfStmt> inner = scope.findFirst(IfStmt.class, i -> i != outer
        && RaceSupport.nullCheckedField(program, i.getCondition(), true).map(g -> g == field).orElse(false));
    if (inner.isEmpty()) {
      return null;
    }
    return inner.get().getThenStmt().findFirst(AssignExpr.class,
        a -> RaceSupport.field(program, a.getTarget()).map(g -> g == field).orElse(false)).orElse(null);
  }

  @Override
  public void prepare(dev.threadlint.core.program.Program program) {
    dev.threadlint.core.analysis.FieldIdioms.of(program);
  }

  @Override
  public void checkFile(FileContext ctx) {
    var program = ctx.program();
    for (IfStmt outer : ctx.findAll(IfStmt.class)) {
      Optional<FieldModel> f = RaceSupport.nullCheckedField(program, outer.getCondition(), true);
      if (f.isEmpty() || f.get().isVolatile() || f.get().isFinal() || dev.threadlint.core.analysis.FieldIdioms.of(program).isCasManaged(f.get())) {
        continue;
      }
      FieldModel field = f.get();
      if (dev.threadlint.core.analysis.ThreadSafety.IMMUTABLE_TYPES.contains(field.typeName())) {
        continue; // String, Integer...: final fields make racy publication of the value safe (JLS 17.5)
      }
      if (match(program, outer, field) == null) {
        continue;
      }
      Node lockNode = outer.getThenStmt().findFirst(SynchronizedStmt.class).map(s -> (Node) s)
          .or(() -> outer.getThenStmt().findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("lock") && c.getArguments().isEmpty()))
          .orElse(null);
      if (lockNode == null) {
        continue;
      }
      Node scope = lockNode instanceof SynchronizedStmt ? lockNode : outer.getThenStmt();
      Optional<IfStmt> inner = scope.findFirst(IfStmt.class, i -> i != outer
          && RaceSupport.nullCheckedField(program, i.getCondition(), true).map(g -> g == field).orElse(false));
      if (inner.isEmpty()) {
        continue;
      }
      Optional<AssignExpr> assign = inner.get().getThenStmt().findFirst(AssignExpr.class,
          a -> RaceSupport.field(program, a.getTarget()).map(g -> g == field).orElse(false));
      if (assign.isEmpty()) {
        continue;
      }
      var b = ctx.finding(outer.getCondition(), "Double-checked locking on non-volatile field '" + field.name()
              + "': another thread can see the reference before the object it points to is fully constructed")
          .evidence(outer.getCondition(), "first check without a lock")
          .evidence(assign.get(), "assignment under the lock, published without a happens-before edge to the first check")
          .suggestion("Declare '" + field.name() + "' volatile, or use the holder-class idiom (a static nested class with a final field)");
      // the builder refuses a declaration of several fields (each would become volatile) and an object set up
      // after it is assigned (volatile does not help); the finding then says why it has no fix
      b.fix(dev.threadlint.core.fix.Fixes.fileOf(program, field.variable())
          .map(sf -> dev.threadlint.core.fix.VisibilityFixes.doubleCheckedVolatile(sf, field.variable(), assign.get()))
          .orElseGet(() -> dev.threadlint.core.fix.FixOutcome.refused("the declaration of '" + field.name() + "' is not in a scanned file")));
      b.report();
    }
  }
}
