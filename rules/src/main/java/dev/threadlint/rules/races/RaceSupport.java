package dev.threadlint.rules.races;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadlint.core.analysis.AccessSummaries.Access;
import dev.threadlint.core.analysis.ConcurrencyModel;
import dev.threadlint.core.analysis.GuardedByLocks;
import dev.threadlint.core.analysis.LockSet;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.program.Annotations;
import dev.threadlint.core.program.FieldModel;
import java.util.Optional;

/** Evidence and field filters shared by the shared-mutable-state rules. */
final class RaceSupport {
  private RaceSupport() {}

  /** Evidence for one access: where, what, the locks held, the entry that reaches it and the call path. */
  static Evidence evidence(SharedState.Hit h) {
    Access a = h.access();
    String text = a.verb() + " '" + a.field().name() + "' holding " + held(a.held()) + ", reached from " + h.entry().description()
        + (a.path().isEmpty() ? "" : " via " + String.join(" -> ", h.callPath()));
    return new Evidence(RuleContext.locationOf(a.node()), text, h.entry().description(), h.callPath());
  }

  static String held(LockSet s) {
    return s.isEmpty() ? "no lock" : s.toString();
  }

  /**
   * The owner sketch for {@code f} and the fields that change with it, with the rule's one-line advice as its title; the sketch's own title
   * opens the explanation. Falls back to the one line when the field has no owning type.
   */
  static dev.threadlint.core.finding.Suggestion ownerSketch(RuleContext ctx, FieldModel f, String oneLine) {
    if (f.owner() == null) {
      return dev.threadlint.core.finding.Suggestion.oneLine(oneLine);
    }
    // the field and the state that changes with it (written in the same methods, or together under one lock) get one owner
    dev.threadlint.core.finding.Suggestion s = dev.threadlint.core.suggest.OwnerSketch.forField(ctx, f);
    if (!s.hasSketch()) {
      return dev.threadlint.core.finding.Suggestion.oneLine(oneLine);
    }
    String explanation = s.explanation() == null || s.explanation().isBlank() ? s.title() : s.title() + ". " + s.explanation();
    return new dev.threadlint.core.finding.Suggestion(oneLine, explanation, s.codeSketch());
  }

  /** Short "Type.method()" of where an access is. */
  static String where(SharedState.Hit h) {
    return String.join(" -> ", h.callPath());
  }

  /** Fields whose plain reads and writes are safe or are another rule's business. */
  static boolean skipFieldLevel(FieldModel f) {
    return f.isFinal() || f.isVolatile() || f.typeName().endsWith("ThreadLocal") || GuardedByLocks.value(f).isPresent()
        || isLazyGetter(f);
  }

  /** Fields whose plain accesses are racy by design: CAS-managed, or benignly lazily set to an immutable value. */
  static boolean racyByDesign(dev.threadlint.core.program.Program program, FieldModel f) {
    var idioms = dev.threadlint.core.analysis.FieldIdioms.of(program);
    return idioms.isCasManaged(f) || idioms.isBenignLazyInit(f);
  }

  /** Lombok's {@code @Getter(lazy = true)} generates a thread-safe lazy initializer. */
  static boolean isLazyGetter(FieldModel f) {
    FieldDeclaration d = f.declaration();
    for (AnnotationExpr a : d.getAnnotations()) {
      if (Annotations.simpleName(a).equals("Getter") && Annotations.member(a, "lazy").map(Expression::toString).orElse("").equals("true")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A single-word value no code updates from its own old value: a primitive (not long/double,
   * whose plain writes may tear), a boxed value, a string, an enum constant or another immutable
   * value, only ever assigned whole ({@code f = v}), never {@code f++}, {@code f += n} or
   * {@code f = f + n}. A reader may see a stale value, never a torn or lost one.
   */
  static boolean isPlainScalar(dev.threadlint.core.program.Program program, FieldModel f) {
    String type = f.typeName();
    boolean scalar = !type.equals("long") && !type.equals("double")
        && (dev.threadlint.core.analysis.ThreadSafety.isPrimitive(type) || dev.threadlint.core.analysis.ThreadSafety.IMMUTABLE_TYPES.contains(type)
            || program.lookupType(type, f.owner()).map(t -> t.node() instanceof com.github.javaparser.ast.body.EnumDeclaration).orElse(false));
    if (!scalar) {
      return false;
    }
    var top = f.owner();
    while (top.outer().isPresent()) {
      top = top.outer().get();
    }
    if (top.declaration().isEmpty()) {
      return false;
    }
    var decl = top.declaration().get();
    boolean incDec = decl.findFirst(UnaryExpr.class, u -> u.getOperator().name().contains("CREMENT")
        && program.localTypes().fieldOf(dev.threadlint.core.analysis.Locks.unwrap(u.getExpression())).orElse(null) == f).isPresent();
    if (incDec) {
      return false;
    }
    for (var a : decl.findAll(com.github.javaparser.ast.expr.AssignExpr.class)) {
      if (program.localTypes().fieldOf(dev.threadlint.core.analysis.Locks.unwrap(a.getTarget())).orElse(null) != f) {
        continue;
      }
      if (a.getOperator() != com.github.javaparser.ast.expr.AssignExpr.Operator.ASSIGN) {
        return false;
      }
      boolean readsItself = a.getValue().findFirst(Expression.class, e -> (e instanceof NameExpr || e instanceof com.github.javaparser.ast.expr.FieldAccessExpr)
          && program.localTypes().fieldOf(e).orElse(null) == f).isPresent();
      if (readsItself) {
        return false;
      }
    }
    return true;
  }

  /** A read that is (part of) the condition of a loop: the polling side of a flag. */
  static boolean isLoopConditionRead(Node n) {
    Node child = n;
    for (Node p = n.getParentNode().orElse(null); p != null; child = p, p = p.getParentNode().orElse(null)) {
      if (p instanceof WhileStmt w) {
        return w.getCondition() == child;
      }
      if (p instanceof DoStmt d) {
        return d.getCondition() == child;
      }
      if (p instanceof ForStmt f) {
        return f.getCompare().orElse(null) == child;
      }
      if (!(p instanceof Expression) || p instanceof com.github.javaparser.ast.expr.LambdaExpr) {
        return false;
      }
    }
    return false;
  }

  static boolean isBooleanFlag(FieldModel f) {
    return f.typeName().equals("boolean") || f.typeName().equals("Boolean");
  }

  static boolean isContract(ConcurrencyModel.Entry e) {
    return e.kind() == ConcurrencyModel.EntryKind.CONTRACT;
  }

  static Optional<NameExpr> asName(Expression e) {
    return e instanceof NameExpr n ? Optional.of(n) : Optional.empty();
  }

  static boolean isNot(Expression e) {
    return e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT;
  }

  /** The locks held at {@code target} (a field access, call or array access) within its own code body; null when not found. */
  static dev.threadlint.core.analysis.LockSet heldAt(dev.threadlint.core.program.Program program, Node target) {
    var body = program.enclosingBody(target);
    if (body.isEmpty()) {
      return null;
    }
    dev.threadlint.core.analysis.LockSet[] found = {null};
    dev.threadlint.core.analysis.BodyWalker.walk(program, body.get(),
        dev.threadlint.core.analysis.AccessSummaries.entryLocks(program, body.get()), new dev.threadlint.core.analysis.BodyWalker.Visitor() {
          @Override
          public void fieldAccess(Expression node, FieldModel field, boolean read, boolean write, dev.threadlint.core.analysis.LockSet held) {
            if (node == target && found[0] == null) {
              found[0] = held;
            }
          }

          @Override
          public void call(Node callNode, dev.threadlint.core.analysis.LockSet held) {
            if (callNode == target && found[0] == null) {
              found[0] = held;
            }
          }

          @Override
          public void arrayAccess(com.github.javaparser.ast.expr.ArrayAccessExpr node, boolean write, dev.threadlint.core.analysis.LockSet held) {
            if (node == target && found[0] == null) {
              found[0] = held;
            }
          }
        });
    return found[0];
  }

  /** True when {@code target} runs with some lock held, in its body or (through summaries) in every caller that reaches it. */
  static boolean locked(SharedState state, Node target) {
    var held = heldAt(state.program(), target);
    if (held != null && !held.isEmpty()) {
      return true;
    }
    // a private helper may be called only under its callers' locks
    boolean reached = false;
    for (FieldModel f : fieldsNear(state, target)) {
      for (SharedState.Hit h : state.hits(f)) {
        if (h.access().node() == target) {
          reached = true;
          if (h.access().held().isEmpty()) {
            return false;
          }
        }
      }
    }
    return reached;
  }

  private static java.util.List<FieldModel> fieldsNear(SharedState state, Node target) {
    java.util.List<FieldModel> out = new java.util.ArrayList<>();
    Node n = target instanceof com.github.javaparser.ast.expr.MethodCallExpr mc && mc.getScope().isPresent() ? mc.getScope().get() : target;
    if (n instanceof Expression e) {
      state.program().localTypes().fieldOf(dev.threadlint.core.analysis.Locks.unwrap(e)).ifPresent(out::add);
    }
    return out;
  }

  /** Evidence that a field is used by more than one thread: a thread entry reaches it, or its class is concurrent by contract. */
  static boolean isShared(SharedState state, FieldModel f) {
    if (state.hits(f).isEmpty()) {
      return false;
    }
    if (state.reachedFromThread(f)) {
      return true;
    }
    return state.hits(f).stream().anyMatch(h -> h.entry().kind() == ConcurrencyModel.EntryKind.CONTRACT
        || h.entry().kind() == ConcurrencyModel.EntryKind.API);
  }

  /** The field a (possibly parenthesized) expression names, if any. */
  static Optional<FieldModel> field(dev.threadlint.core.program.Program program, Expression e) {
    Expression x = dev.threadlint.core.analysis.Locks.unwrap(e);
    if (x instanceof NameExpr || x instanceof com.github.javaparser.ast.expr.FieldAccessExpr) {
      return program.localTypes().fieldOf(x);
    }
    return Optional.empty();
  }

  /** {@code f == null} or {@code null == f} on a field: the field, if so. */
  static Optional<FieldModel> nullCheckedField(dev.threadlint.core.program.Program program, Expression cond, boolean isNull) {
    Expression c = dev.threadlint.core.analysis.Locks.unwrap(cond);
    if (isNot(c)) {
      return nullCheckedField(program, ((UnaryExpr) c).getExpression(), !isNull);
    }
    if (c instanceof com.github.javaparser.ast.expr.BinaryExpr b
        && b.getOperator() == (isNull ? com.github.javaparser.ast.expr.BinaryExpr.Operator.EQUALS : com.github.javaparser.ast.expr.BinaryExpr.Operator.NOT_EQUALS)) {
      if (b.getRight().isNullLiteralExpr()) {
        return fieldOrAlias(program, b.getLeft());
      }
      if (b.getLeft().isNullLiteralExpr()) {
        return fieldOrAlias(program, b.getRight());
      }
    }
    return Optional.empty();
  }

  /** {@code local.f} where {@code local} holds an object this body just created: owned, not shared. */
  static boolean onOwnedObject(dev.threadlint.core.program.Program program, Expression target) {
    Expression t = dev.threadlint.core.analysis.Locks.unwrap(target);
    if (t instanceof com.github.javaparser.ast.expr.FieldAccessExpr fa && fa.getScope() instanceof NameExpr n
        && program.localTypes().bind(n).orElse(null) instanceof dev.threadlint.core.program.LocalTypes.Local l
        && l.declaration() instanceof com.github.javaparser.ast.body.VariableDeclarator v && v.getInitializer().isPresent()) {
      return dev.threadlint.core.analysis.Locks.unwrap(v.getInitializer().get()) instanceof com.github.javaparser.ast.expr.ObjectCreationExpr;
    }
    return false;
  }

  /** A field, or a local variable initialized from a field ({@code Foo r = instance; if (r == null) ..}). */
  static Optional<FieldModel> fieldOrAlias(dev.threadlint.core.program.Program program, Expression e) {
    Optional<FieldModel> f = field(program, e);
    if (f.isPresent()) {
      return f;
    }
    Expression x = dev.threadlint.core.analysis.Locks.unwrap(e);
    if (x instanceof NameExpr n && program.localTypes().bind(n).orElse(null) instanceof dev.threadlint.core.program.LocalTypes.Local l
        && l.declaration() instanceof com.github.javaparser.ast.body.VariableDeclarator v && v.getInitializer().isPresent()) {
      return field(program, v.getInitializer().get());
    }
    return Optional.empty();
  }

  /** Inserts {@code volatile } before a field declaration's type: a SAFE fix. */
  static Optional<dev.threadlint.core.finding.Fix> addVolatile(dev.threadlint.core.program.Program program, FieldModel f) {
    var file = dev.threadlint.core.fix.Fixes.fileOf(program, f.declaration());
    if (file.isEmpty()) {
      return Optional.empty();
    }
    return dev.threadlint.core.fix.Fixes.insertBefore(file.get(), f.declaration().getElementType(), "volatile ")
        .map(edit -> dev.threadlint.core.fix.Fixes.fix("Declare '" + f.name() + "' volatile", dev.threadlint.core.finding.FixKind.SAFE, java.util.List.of(edit)));
  }
}
