package dev.threadlint.rules.threads;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.TypeModel;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A thread object that is created and then dropped: nothing ever calls start(), so its task never runs. */
@RuleInfo(
    id = "thread-never-started",
    title = "Thread created but never started: its task never runs",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "thread-misuse")
public final class ThreadNeverStarted implements Rule {
  /** Calls on a plain java.lang.Thread that configure it but cannot start it or hand it on. */
  private static final Set<String> CONFIGURATION = Set.of(
      "setDaemon", "setName", "setPriority", "setUncaughtExceptionHandler", "setContextClassLoader", "getName", "getId", "threadId");

  @Override
  public void checkFile(FileContext ctx) {
    for (ObjectCreationExpr creation : ctx.findAll(ObjectCreationExpr.class)) {
      Node parent = creation.getParentNode().orElse(null);
      boolean dropped = parent instanceof ExpressionStmt;
      boolean local = parent instanceof VariableDeclarator v && v.getParentNode().orElse(null) instanceof VariableDeclarationExpr vde
          && vde.getParentNode().orElse(null) instanceof ExpressionStmt es && es.getParentNode().orElse(null) instanceof BlockStmt;
      if (!dropped && !local) {
        continue;
      }
      Optional<Boolean> plain = threadKind(ctx, creation);
      if (plain.isEmpty()) {
        continue;
      }
      String what = "new " + creation.getType().getNameAsString() + "(...)";
      if (dropped) {
        ctx.finding(creation, "'" + what + "' is created and dropped without start(): the thread never runs its task")
            .suggestion("Call start() on it (new Thread(task).start()), or better, submit the task to an ExecutorService.")
            .report();
        continue;
      }
      VariableDeclarator v = (VariableDeclarator) parent;
      if (usedLater(ctx, v, plain.get())) {
        continue;
      }
      ctx.finding(creation, "thread '" + v.getNameAsString() + "' is created but never started, returned, passed on or stored: it never runs its task")
          .suggestion("Call " + v.getNameAsString() + ".start(), or better, submit the task to an ExecutorService.")
          .report();
    }
  }

  /**
   * Empty when the creation is not evidently a thread that needs an explicit start(); otherwise
   * whether it is a plain {@code java.lang.Thread} (true) or a scanned subclass (false).
   */
  private static Optional<Boolean> threadKind(FileContext ctx, ObjectCreationExpr creation) {
    if (creation.getAnonymousClassBody().isPresent()
        && creation.getAnonymousClassBody().get().stream().anyMatch(ThreadNeverStarted::startsOrEscapesItself)) {
      return Optional.empty();
    }
    if (JdkTypes.creates(ctx, creation, JdkTypes.THREAD)) {
      return Optional.of(creation.getAnonymousClassBody().isEmpty());
    }
    TypeModel enclosing = ctx.program().enclosingType(creation).orElse(null);
    Optional<TypeModel> type = ctx.program().lookupType(creation.getType().getNameWithScope(), enclosing);
    if (type.isEmpty() || !JdkTypes.isScannedThread(ctx, type.get(), creation)) {
      return Optional.empty();
    }
    // a subclass whose constructor starts the thread or hands 'this' to someone is not ours to judge
    java.util.ArrayDeque<TypeModel> queue = new java.util.ArrayDeque<>(List.of(type.get()));
    java.util.Set<TypeModel> seen = new java.util.HashSet<>();
    while (!queue.isEmpty()) {
      TypeModel t = queue.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t.node() == null || startsOrEscapesItself(t.node())) {
        return Optional.empty();
      }
      // a library superclass other than Thread itself may start the thread in its constructor: we cannot see it
      for (String superName : t.supertypeNames()) {
        boolean scannedSuper = t.supertypes().stream().anyMatch(st -> st.simpleName().equals(JdkTypes.simple(superName)));
        if (!scannedSuper && !JdkTypes.simple(superName).equals("Thread")
            && JdkTypes.isLibrarySubtype(ctx, superName, t.node(), JdkTypes.THREAD)) {
          return Optional.empty();
        }
      }
      queue.addAll(t.supertypes());
    }
    return Optional.of(false);
  }

  /** An unqualified or this-qualified start() call, or 'this' used other than to reach its own members. */
  private static boolean startsOrEscapesItself(Node n) {
    for (MethodCallExpr c : n.findAll(MethodCallExpr.class)) {
      if (c.getNameAsString().equals("start") && (c.getScope().isEmpty() || c.getScope().get() instanceof ThisExpr)) {
        return true;
      }
    }
    for (ThisExpr t : n.findAll(ThisExpr.class)) {
      Node p = t.getParentNode().orElse(null);
      boolean member = (p instanceof FieldAccessExpr fa && fa.getScope() == t) || (p instanceof MethodCallExpr mc && mc.getScope().orElse(null) == t);
      if (!member) {
        return true;
      }
    }
    return false;
  }

  /** Whether the local is used after its declaration other than to configure a plain thread. */
  private static boolean usedLater(FileContext ctx, VariableDeclarator v, boolean plain) {
    Node block = v.getParentNode().flatMap(Node::getParentNode).flatMap(Node::getParentNode).orElseThrow();
    String name = v.getNameAsString();
    for (NameExpr use : block.findAll(NameExpr.class, n -> n.getNameAsString().equals(name))) {
      Optional<LocalTypes.Binding> b = ctx.program().localTypes().bind(use);
      if (b.isEmpty() || !(b.get() instanceof LocalTypes.Local l) || l.declaration() != v) {
        if (b.isEmpty()) {
          return true; // cannot tell: assume it is ours and used
        }
        continue;
      }
      Node p = use.getParentNode().orElse(null);
      boolean configuring = plain && p instanceof MethodCallExpr mc && mc.getScope().orElse(null) == use
          && CONFIGURATION.contains(mc.getNameAsString()) && mc.getParentNode().orElse(null) instanceof ExpressionStmt;
      if (!configuring) {
        return true;
      }
    }
    return false;
  }
}
