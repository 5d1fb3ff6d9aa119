package dev.threadlint.rules.races;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.analysis.ThreadSafety;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import java.util.Optional;
import java.util.Set;

/**
 * A check and an action on shared state that must be one atomic step but are two: {@code
 * if (!map.containsKey(k)) map.put(k, v)}, {@code if (map.get(k) == null) map.put(..)}, and lazy
 * initialization {@code if (x == null) x = new ..} of a shared field without a lock.
 */
@RuleInfo(
    id = "check-then-act",
    title = "Check-then-act on shared state without a lock",
    severity = Severity.WARNING,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "check-then-act")
public final class CheckThenAct implements Rule {
  private static final Set<String> CHECKS = Set.of("containsKey", "get", "contains", "containsValue");
  private static final Set<String> ACTS = Set.of("put", "add", "putIfAbsent", "remove");

  @Override
  public void checkFile(FileContext ctx) {
    var program = ctx.program();
    SharedState state = null;
    for (IfStmt ifs : ctx.findAll(IfStmt.class)) {
      Optional<MethodModel> body = program.enclosingBody(ifs);
      if (body.isEmpty() || body.get().isConstructor() || body.get().kind() == MethodModel.Kind.STATIC_INITIALIZER) {
        continue;
      }
      if (state == null) {
        state = SharedState.of(program);
      }
      mapCheck(ctx, state, ifs);
      lazyInit(ctx, state, ifs);
    }
  }

  private static void mapCheck(FileContext ctx, SharedState state, IfStmt ifs) {
    var program = ctx.program();
    for (MethodCallExpr check : ifs.getCondition().findAll(MethodCallExpr.class, c -> CHECKS.contains(c.getNameAsString()) && c.getScope().isPresent())) {
      Optional<FieldModel> f = collectionField(program, check.getScope().get());
      if (f.isEmpty() || !isCollection(f.get())) {
        continue;
      }
      FieldModel field = f.get();
      Optional<MethodCallExpr> act = branchCall(ifs, program, field);
      if (act.isEmpty() || RaceSupport.locked(state, act.get()) || RaceSupport.locked(state, check)) {
        continue;
      }
      boolean concurrentType = ThreadSafety.isSafeField(field);
      if (!concurrentType && !RaceSupport.isShared(state, field)) {
        continue;
      }
      String fix = concurrentType ? "use " + field.name() + ".computeIfAbsent(..) or putIfAbsent(..), which check and act in one atomic step"
          : "make '" + field.name() + "' a ConcurrentHashMap and use computeIfAbsent(..)/putIfAbsent(..), or hold one lock around the check and the " + act.get().getNameAsString() + "(..)";
      var b = ctx.finding(act.get(), "Check-then-act on '" + field.name() + "': " + check.getNameAsString() + "(..) and " + act.get().getNameAsString()
              + "(..) are separate steps, so another thread can act between them")
          .evidence(check, "the check")
          .evidence(act.get(), "the action, which may no longer be valid")
          .suggestion("Make the check and the action one step: " + fix);
      if (concurrentType) {
        // only a concurrent map has an atomic computeIfAbsent/putIfAbsent; the builder refuses shapes it cannot rewrite exactly
        b.fix(dev.threadlint.core.fix.MapFixes.checkThenAct(ctx.file(), ifs));
      }
      b.report();
      return;
    }
  }

  private static Optional<MethodCallExpr> branchCall(IfStmt ifs, dev.threadlint.core.program.Program program, FieldModel field) {
    for (Statement branch : ifs.getElseStmt().isPresent() ? java.util.List.of(ifs.getThenStmt(), ifs.getElseStmt().get()) : java.util.List.of(ifs.getThenStmt())) {
      Optional<MethodCallExpr> act = branch.findFirst(MethodCallExpr.class, c -> ACTS.contains(c.getNameAsString()) && c.getScope().isPresent()
          && collectionField(program, c.getScope().get()).map(g -> g == field).orElse(false));
      if (act.isPresent()) {
        return act;
      }
    }
    return Optional.empty();
  }

  /** The field an expression names, directly or through a getter of this class ({@code map()} / {@code getMap()} returning it). */
  private static Optional<FieldModel> collectionField(dev.threadlint.core.program.Program program, Expression e) {
    Optional<FieldModel> f = RaceSupport.field(program, e);
    if (f.isPresent()) {
      return f;
    }
    Expression x = dev.threadlint.core.analysis.Locks.unwrap(e);
    if (x instanceof MethodCallExpr call && call.getArguments().isEmpty()
        && (call.getScope().isEmpty() || call.getScope().get() instanceof com.github.javaparser.ast.expr.ThisExpr)) {
      var here = program.enclosingType(call);
      if (here.isPresent()) {
        return dev.threadlint.core.analysis.Locks.accessedField(program, here.get(), call.getNameAsString());
      }
    }
    return Optional.empty();
  }

  private static boolean isCollection(FieldModel f) {
    String t = f.typeName();
    return ThreadSafety.NON_THREAD_SAFE_COLLECTIONS.contains(t) || t.contains("Map") || t.contains("Set") || t.contains("List") || t.contains("Queue");
  }

  private static void lazyInit(FileContext ctx, SharedState state, IfStmt ifs) {
    var program = ctx.program();
    Optional<FieldModel> f = RaceSupport.nullCheckedField(program, ifs.getCondition(), true);
    if (f.isEmpty() || f.get().isVolatile() || f.get().isFinal() || RaceSupport.isLazyGetter(f.get())) {
      return;
    }
    FieldModel field = f.get();
    var idioms = dev.threadlint.core.analysis.FieldIdioms.of(program);
    if (idioms.isCasManaged(field)) {
      return; // updated by compare-and-set elsewhere: the protocol decides who wins
    }
    if (ifs.getThenStmt().findFirst(SynchronizedStmt.class).isPresent()
        || ifs.getThenStmt().findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("lock")).isPresent()) {
      return; // double-checked locking: that rule's business
    }
    Optional<AssignExpr> assign = ifs.getThenStmt().findFirst(AssignExpr.class,
        a -> a.getOperator() == AssignExpr.Operator.ASSIGN && RaceSupport.field(program, a.getTarget()).map(g -> g == field).orElse(false));
    if (assign.isEmpty()) {
      return;
    }
    Expression target = dev.threadlint.core.analysis.Locks.unwrap(assign.get().getTarget());
    if (RaceSupport.locked(state, target)) {
      return;
    }
    boolean shared = RaceSupport.isShared(state, field) && reachedUnlocked(state, field, target);
    if (!shared && !staticAccessor(program, field, ifs)) {
      return;
    }
    var b = ctx.finding(ifs.getCondition(), "Lazy initialization of '" + field.name() + "' is not atomic: two threads can both see null, and each creates and uses its own object")
        .evidence(ifs.getCondition(), "the check, without a lock")
        .evidence(assign.get(), "the assignment")
        .suggestion("Initialize '" + field.name() + "' eagerly (final), use a holder class, or make the method synchronized");
    if (!shared) {
      b.atMost(Severity.INFO); // a static accessor anyone may call: no thread evidenced here
    } else if (idioms.isBenignLazyInit(field)) {
      // the only write, of an immutable value: threads may each compute one, but equal ones, each seen whole
      b.evidence(assign.get(), "the only write of '" + field.name() + "', of an immutable value: a race here only repeats the work");
      b.atMost(Severity.INFO);
    }
    b.report();
  }

  /** A static field lazily created in a non-private static method: the classic unsynchronized singleton getter. */
  private static boolean staticAccessor(dev.threadlint.core.program.Program program, FieldModel field, IfStmt ifs) {
    Optional<MethodModel> m = program.enclosingBody(ifs);
    return field.isStatic() && m.isPresent() && m.get().isStatic() && !m.get().isPrivate() && m.get().kind() == MethodModel.Kind.METHOD;
  }

  private static boolean reachedUnlocked(SharedState state, FieldModel f, Node write) {
    return state.hits(f).stream().anyMatch(h -> h.access().node() == write && h.access().held().isEmpty());
  }
}
