package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithArguments;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which objects a code body owns at a point: it allocated them there ({@code new ..}), or a callee
 * returned a fresh one (a factory whose every {@code return} is an allocation or another factory's
 * result, a fluent setter called on a fresh object, a collection's new iterator), and they have not
 * escaped yet. An object escapes when it is handed to a call or constructor, stored into a field or
 * an array, or captured by a lambda or anonymous class; from then on other threads may hold it.
 * Accesses to an owned object are not shared state, and calls on it happen before it is published.
 */
public final class Ownership {
  /** Methods that return a new object on every call (a collection's iterators). */
  static final Set<String> FRESH_FACTORIES = Set.of(
      "iterator", "listIterator", "descendingIterator", "spliterator", "entryIterator", "keyIterator", "valueIterator");

  /** Identity of a declaration node (JavaParser nodes compare by content). */
  private record Decl(Node node) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Decl d && d.node == node;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(node);
    }
  }

  private final Program program;
  private final Map<MethodModel, Boolean> factories = new ConcurrentHashMap<>();
  private final Map<MethodModel, Boolean> fluent = new ConcurrentHashMap<>();
  private final Map<Decl, List<Node>> escapes = new ConcurrentHashMap<>();

  private Ownership(Program program) {
    this.program = program;
  }

  public static Ownership of(Program program) {
    return program.analysis(Ownership.class, Ownership::new);
  }

  /**
   * True when {@code e} evaluates, where it stands, to an object the enclosing body owns: an
   * allocation, a fresh result, or a local initialized with one that has not escaped before here.
   */
  public boolean isOwned(Expression e) {
    Expression x = unwrap(e);
    if (x instanceof ObjectCreationExpr oce) {
      return !leaksThis(oce);
    }
    if (x instanceof MethodCallExpr mc && (FRESH_FACTORIES.contains(mc.getNameAsString()) || returnsFresh(mc))) {
      return true;
    }
    if (x instanceof NameExpr n) {
      Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
      if (b.isPresent() && b.get() instanceof LocalTypes.Local l && l.declaration() instanceof VariableDeclarator v) {
        boolean fresh = v.getInitializer().map(i -> {
          Expression init = unwrap(i);
          return init instanceof ObjectCreationExpr oce && !leaksThis(oce)
              || init instanceof MethodCallExpr c && (FRESH_FACTORIES.contains(c.getNameAsString()) || returnsFresh(c));
        }).orElse(false);
        return fresh && !escapedBefore(v, n);
      }
    }
    return false;
  }

  private final Map<dev.threadlint.core.program.TypeModel, Boolean> leaking = new ConcurrentHashMap<>();

  /**
   * True when the object {@code oce} creates is handed to others while it is built: a constructor,
   * instance initializer or field initializer of its class (or a scanned superclass) passes
   * {@code this} to a call, stores it, takes {@code this::m}, or starts a thread or task (an inner
   * or anonymous class, a lambda handed to a launch). Such an object is shared from birth.
   */
  private boolean leaksThis(ObjectCreationExpr oce) {
    if (oce.getAnonymousClassBody().isPresent()) {
      return false;
    }
    Optional<dev.threadlint.core.program.TypeModel> t = program.lookupType(oce.getType().getNameAsString(), program.enclosingType(oce).orElse(null));
    return t.isPresent() && leaksThis(t.get(), 0);
  }

  private boolean leaksThis(dev.threadlint.core.program.TypeModel t, int depth) {
    Boolean known = leaking.get(t);
    if (known != null) {
      return known;
    }
    boolean leaks = false;
    for (MethodModel m : t.methods()) {
      if (m.isConstructor() || m.kind() == MethodModel.Kind.INITIALIZER) {
        leaks |= m.body().map(this::leaksFrom).orElse(false);
      }
    }
    for (var f : t.fields()) {
      if (!f.isStatic()) {
        leaks |= f.variable().getInitializer().map(this::leaksFrom).orElse(false);
      }
    }
    if (!leaks && depth < 4) {
      for (var sup : t.supertypes()) {
        leaks |= leaksThis(sup, depth + 1);
      }
    }
    leaking.put(t, leaks);
    return leaks;
  }

  private boolean leaksFrom(Node code) {
    for (ThisExpr th : code.findAll(ThisExpr.class, x -> x.getTypeName().isEmpty())) {
      Node p = th.getParentNode().orElse(null);
      if (p instanceof NodeWithArguments<?> call && call.getArguments().stream().anyMatch(a -> a == th)
          || p instanceof AssignExpr a && a.getValue() == th
          || p instanceof com.github.javaparser.ast.expr.MethodReferenceExpr) {
        return true;
      }
    }
    for (ObjectCreationExpr c : code.findAll(ObjectCreationExpr.class)) {
      String n = c.getType().getNameAsString();
      if (n.equals("Thread") || c.getAnonymousClassBody().isPresent() && c.getParentNode().orElse(null) instanceof NodeWithArguments<?>) {
        return true;
      }
    }
    for (MethodCallExpr mc : code.findAll(MethodCallExpr.class, m -> ConcurrencyModel.LAUNCH_METHODS.contains(m.getNameAsString()))) {
      if (mc.getArguments().stream().anyMatch(a -> a instanceof com.github.javaparser.ast.expr.LambdaExpr)) {
        return true;
      }
    }
    return false;
  }

  private static Expression unwrap(Expression e) {
    Expression x = e;
    while (x instanceof EnclosedExpr || x instanceof CastExpr) {
      x = x instanceof EnclosedExpr en ? en.getInner() : ((CastExpr) x).getExpression();
    }
    return x;
  }

  /**
   * True when the object a local variable was initialized with has escaped before {@code use}:
   * earlier in the body, or anywhere in a loop around the use.
   */
  private boolean escapedBefore(VariableDeclarator v, NameExpr use) {
    List<Node> uses = escapes.computeIfAbsent(new Decl(v), k -> escapingUses(v));
    if (uses.isEmpty()) {
      return false;
    }
    Node code = program.enclosingBody(use).flatMap(MethodModel::body).orElse(null);
    Optional<Node> loop = ThreadLifecycle.loopAround(use, code);
    for (Node u : uses) {
      if (ThreadLifecycle.before(u, use) || loop.isPresent() && ThreadLifecycle.contains(loop.get(), u)) {
        return true;
      }
    }
    return false;
  }

  private List<Node> escapingUses(VariableDeclarator v) {
    List<Node> out = new ArrayList<>();
    Node scope = v.getParentNode().flatMap(Node::getParentNode).flatMap(Node::getParentNode).orElse(null);
    if (scope == null) {
      return out;
    }
    String name = v.getNameAsString();
    MethodModel declaredIn = program.enclosingBody(v).orElse(null);
    for (NameExpr n : scope.findAll(NameExpr.class, x -> x.getNameAsString().equals(name))) {
      Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
      if (b.isEmpty() || !(b.get() instanceof LocalTypes.Local l) || l.declaration() != v) {
        continue;
      }
      Node parent = n.getParentNode().orElse(null);
      while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
        parent = parent.getParentNode().orElse(null);
      }
      boolean argument = parent instanceof NodeWithArguments<?> call && call.getArguments().stream().anyMatch(a -> unwrap(a) == n);
      boolean stored = parent instanceof AssignExpr a && unwrap(a.getValue()) == n
          && !(unwrap(a.getTarget()) instanceof NameExpr t && program.localTypes().bind(t).orElse(null) instanceof LocalTypes.Local);
      boolean captured = program.enclosingBody(n).orElse(null) != declaredIn;
      boolean element = parent instanceof ArrayInitializerExpr;
      boolean returned = parent instanceof ReturnStmt;
      if (argument || stored || captured || element || returned) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * A call whose result is a new object owned by the caller: every target is a factory (each
   * {@code return} is {@code new ..} or a call to another factory: {@code time.timer(ms)}
   * returning {@code new Timer(..)}), or a fluent setter ({@code return this;}) called on a new
   * object ({@code new Header().setId(1).setName(n)}).
   */
  public boolean returnsFresh(MethodCallExpr mc) {
    return returnsFresh(mc, new HashSet<>());
  }

  private boolean returnsFresh(MethodCallExpr mc, Set<MethodModel> inProgress) {
    List<MethodModel> targets = program.callGraph().targetsOf(mc);
    if (targets.isEmpty() || targets.size() > AccessSummaries.MAX_TARGETS || inProgress.size() > 4) {
      return false;
    }
    if (mc.getScope().isPresent() && freshValue(mc.getScope().get(), inProgress) && targets.stream().allMatch(this::returnsThis)) {
      return true;
    }
    for (MethodModel t : targets) {
      if (inProgress.contains(t)) {
        continue; // a factory delegating to an overload of itself: decided by its other returns
      }
      Boolean known = factories.get(t);
      if (known == null) {
        inProgress.add(t);
        known = isFactory(t, inProgress);
        inProgress.remove(t);
        if (inProgress.isEmpty()) {
          // threadlint:ignore check-then-act a memo of a deterministic answer: a second put stores the same value
          factories.put(t, known); // only results that assumed nothing about enclosing evaluations
        }
      }
      if (!known) {
        return false;
      }
    }
    return true;
  }

  private boolean freshValue(Expression e, Set<MethodModel> inProgress) {
    Expression x = unwrap(e);
    return x instanceof ObjectCreationExpr oce && oce.getAnonymousClassBody().isEmpty()
        || x instanceof MethodCallExpr c && (FRESH_FACTORIES.contains(c.getNameAsString()) || returnsFresh(c, inProgress));
  }

  private List<ReturnStmt> returnsOf(MethodModel m) {
    if (m.isLambda() || m.body().isEmpty()) {
      return List.of();
    }
    return m.body().get().findAll(ReturnStmt.class, r -> program.enclosingBody(r).orElse(null) == m);
  }

  private boolean isFactory(MethodModel m, Set<MethodModel> inProgress) {
    List<ReturnStmt> returns = returnsOf(m);
    return !returns.isEmpty() && returns.stream().allMatch(r -> r.getExpression().map(e -> freshValue(e, inProgress)).orElse(false));
  }

  private boolean returnsThis(MethodModel m) {
    return fluent.computeIfAbsent(m, k -> {
      List<ReturnStmt> returns = returnsOf(k);
      return !returns.isEmpty() && returns.stream().allMatch(r -> r.getExpression().map(e -> unwrap(e) instanceof ThisExpr).orElse(false));
    });
  }
}
