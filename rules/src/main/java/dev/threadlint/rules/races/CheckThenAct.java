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
 * if (!map.containsKey(k)) map.put(k, v)}, {@code if (map.get(k) == null) map.put(..)}, a get-then-put
 * update {@code map.put(k, map.get(k) + 1)}, and lazy initialization {@code if (x == null) x = new ..}
 * of a shared field without a lock.
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
  public void prepare(dev.threadlint.core.program.Program program) {
    dev.threadlint.core.analysis.SharedState.of(program);
    dev.threadlint.core.analysis.FieldIdioms.of(program);
  }

  @Override
  public void checkFile(FileContext ctx) {
    var program = ctx.program();
    SharedState state = null;
    java.util.List<IfStmt> reported = new java.util.ArrayList<>();
    for (IfStmt ifs : ctx.findAll(IfStmt.class)) {
      if (!inMethod(program, ifs)) {
        continue;
      }
      if (state == null) {
        state = SharedState.of(program);
      }
      if (mapCheck(ctx, state, ifs)) {
        reported.add(ifs);
      }
      lazyInit(ctx, state, ifs);
    }
    for (MethodCallExpr put : ctx.findAll(MethodCallExpr.class)) {
      if (!put.getNameAsString().equals("put") || put.getArguments().size() != 2 || put.getScope().isEmpty()
          || reported.stream().anyMatch(i -> i.isAncestorOf(put)) || !inMethod(program, put)) {
        continue;
      }
      if (state == null) {
        state = SharedState.of(program);
      }
      getThenPut(ctx, state, put);
    }
  }

  private static boolean inMethod(dev.threadlint.core.program.Program program, Node n) {
    Optional<MethodModel> body = program.enclosingBody(n);
    return body.isPresent() && !body.get().isConstructor() && body.get().kind() != MethodModel.Kind.STATIC_INITIALIZER;
  }

  /**
   * {@code m.put(k, m.get(k) + n)}, or {@code c = m.get(k)} then {@code m.put(k, <uses c>)}: the read and
   * the write are two steps, so an update another thread makes in between is lost. Reported for a
   * concurrent map (whose own methods look safe but do not make the pair atomic) and for a shared plain
   * map; the fix is {@code merge} where the builder can prove it equivalent.
   */
  private static void getThenPut(FileContext ctx, SharedState state, MethodCallExpr put) {
    var program = ctx.program();
    Optional<FieldModel> f = RaceSupport.field(program, put.getScope().get());
    if (f.isEmpty() || !f.get().typeName().contains("Map")) {
      return;
    }
    FieldModel field = f.get();
    Optional<MethodCallExpr> read = oldValueRead(program, put, field);
    if (read.isEmpty() || RaceSupport.locked(state, put) || RaceSupport.locked(state, read.get())) {
      return;
    }
    boolean concurrentType = ThreadSafety.isSafeField(field);
    if (!concurrentType && !RaceSupport.isShared(state, field)) {
      return;
    }
    String key = put.getArgument(0).toString();
    String how = concurrentType ? "use " + field.name() + ".merge(" + key + ", amount, Integer::sum) or compute(..), which read and write in one atomic step"
        : "make '" + field.name() + "' a ConcurrentHashMap and use merge(..)/compute(..), or hold one lock around the " + read.get().getNameAsString() + "(..) and the put(..)";
    String readCall = read.get().getNameAsString() + "(" + key + (read.get().getArguments().size() > 1 ? ", ..)" : ")");
    var b = ctx.finding(put, "Get-then-put on '" + field.name() + "': " + readCall + " and put(" + key
            + ", ..) are separate steps, so an update another thread makes between them is lost")
        .evidence(read.get(), "the read of the old value")
        .evidence(put, "the write of the new value, computed from a value that may be stale")
        .suggestion("Make the read and the write one step: " + how);
    // the builder refuses, with the reason, a plain map (merge would not be atomic) and shapes it cannot rewrite exactly
    b.fix(dev.threadlint.core.fix.MapFixes.mergeIncrement(ctx.file(), put));
    b.report();
  }

  /**
   * The {@code field.get(key)}/{@code getOrDefault(key, ..)} whose result the new value of {@code put}
   * is computed from: inside the value itself, or through a local initialized with it earlier in the
   * same method.
   */
  private static Optional<MethodCallExpr> oldValueRead(dev.threadlint.core.program.Program program, MethodCallExpr put, FieldModel field) {
    String key = put.getArgument(0).toString();
    java.util.function.Predicate<MethodCallExpr> readsKey = c -> (c.getNameAsString().equals("get") && c.getArguments().size() == 1
        || c.getNameAsString().equals("getOrDefault") && c.getArguments().size() == 2)
        && c.getScope().isPresent() && c.getArgument(0).toString().equals(key)
        && RaceSupport.field(program, c.getScope().get()).map(g -> g == field).orElse(false);
    Expression value = put.getArgument(1);
    Optional<MethodCallExpr> direct = value.findFirst(MethodCallExpr.class, readsKey);
    if (direct.isPresent()) {
      return direct;
    }
    Optional<Node> body = program.enclosingBody(put).map(MethodModel::node);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    for (com.github.javaparser.ast.expr.NameExpr n : value.findAll(com.github.javaparser.ast.expr.NameExpr.class)) {
      Optional<com.github.javaparser.ast.body.VariableDeclarator> local = body.get().findFirst(com.github.javaparser.ast.body.VariableDeclarator.class,
          v -> v.getNameAsString().equals(n.getNameAsString()) && v.getInitializer().isPresent()
              && v.getInitializer().get() instanceof MethodCallExpr c && readsKey.test(c)
              && v.getRange().isPresent() && put.getRange().isPresent() && v.getRange().get().begin.isBefore(put.getRange().get().begin));
      if (local.isPresent()) {
        return Optional.of((MethodCallExpr) local.get().getInitializer().get());
      }
    }
    return Optional.empty();
  }

  /** True when a finding was reported for {@code ifs}. */
  private static boolean mapCheck(FileContext ctx, SharedState state, IfStmt ifs) {
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
      return true;
    }
    return false;
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
