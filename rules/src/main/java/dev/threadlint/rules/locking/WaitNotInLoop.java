package dev.threadlint.rules.locking;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import java.util.Optional;

/**
 * {@code wait()} (or {@code Condition.await()}) outside a loop that re-tests the condition: a
 * spurious wake-up, or a {@code notifyAll()} meant for another condition, lets the thread go on
 * with its condition false.
 */
@RuleInfo(
    id = "wait-not-in-loop",
    title = "wait() is not called in a loop that re-checks the condition",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "wait-notify")
public final class WaitNotInLoop implements Rule {

  @Override
  public void checkFile(FileContext ctx) {
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      if (!isWait(ctx, call)) {
        continue;
      }
      if (inLoop(call) || isDelegatingWrapper(ctx, call)) {
        continue;
      }
      var b = ctx.finding(call, "'" + call + "' is not in a loop: after a spurious wake-up or a notification for another condition, "
              + "the code goes on with its condition unchecked")
          .suggestion(WaitNotifyBuffer.suggestion(ctx, call, "Wait in a loop that re-tests the condition: while (!condition) { " + call + "; }"));
      if (call.getNameAsString().equals("wait")) {
        // Condition.await() has no builder; for wait() the builder refuses when turning the if into a loop would repeat other work
        b.fix(dev.threadlint.core.fix.MonitorFixes.waitInLoop(ctx.file(), call));
      }
      b.report();
    }
  }

  static boolean isWait(FileContext ctx, MethodCallExpr call) {
    String n = call.getNameAsString();
    int args = call.getArguments().size();
    if (n.equals("wait") && args <= 2) {
      return isObjectWait(ctx.program(), call);
    }
    if (CONDITION_WAITS.contains(n) && call.getScope().isPresent()) {
      Optional<String> t = ctx.program().localTypes().typeName(call.getScope().get());
      if (t.isPresent() && t.get().equals("Condition")) {
        return true;
      }
      // Guava's Uninterruptibles.awaitUninterruptibly(condition, ...)
      if (n.equals("awaitUninterruptibly") && args >= 1 && call.getScope().get().toString().endsWith("Uninterruptibles")) {
        Optional<String> a = ctx.program().localTypes().typeName(call.getArgument(0));
        return a.isPresent() && a.get().equals("Condition");
      }
    }
    return false;
  }

  private static final java.util.Set<String> CONDITION_WAITS = java.util.Set.of("await", "awaitNanos", "awaitUntil", "awaitUninterruptibly");

  /** {@code Object.wait()}, {@code wait(long)}, {@code wait(long, int)} — not a method of the program that happens to be called wait. */
  static boolean isObjectWait(dev.threadlint.core.program.Program program, MethodCallExpr call) {
    for (com.github.javaparser.ast.expr.Expression a : call.getArguments()) {
      if (a instanceof com.github.javaparser.ast.expr.ObjectCreationExpr || a instanceof com.github.javaparser.ast.expr.StringLiteralExpr
          || a instanceof com.github.javaparser.ast.expr.BooleanLiteralExpr || a instanceof com.github.javaparser.ast.expr.NullLiteralExpr) {
        return false;
      }
    }
    return program.callGraph().targetsOf(call).isEmpty();
  }

  /**
   * A method whose whole body is a wait on a field of its own class or the result of its own getter (e.g. a lock wrapper's
   * {@code await() { condition.await(); }}): its callers own the loop.
   */
  static boolean isDelegatingWrapper(FileContext ctx, MethodCallExpr call) {
    Node stmt = call.getParentNode().orElse(null);
    if (!(stmt instanceof com.github.javaparser.ast.stmt.ExpressionStmt) && !(stmt instanceof com.github.javaparser.ast.stmt.ReturnStmt)) {
      return false;
    }
    if (call.getScope().isEmpty()) {
      return false;
    }
    com.github.javaparser.ast.expr.Expression scope = call.getScope().get();
    boolean ownDelegate = ctx.program().localTypes().fieldOf(scope).isPresent()
        || scope instanceof MethodCallExpr getter && getter.getArguments().isEmpty() && getter.getScope().isEmpty();
    if (!ownDelegate) {
      return false;
    }
    return stmt.getParentNode().orElse(null) instanceof com.github.javaparser.ast.stmt.BlockStmt b && b.getStatements().size() == 1
        && b.getParentNode().orElse(null) instanceof com.github.javaparser.ast.body.MethodDeclaration;
  }

  static boolean inLoop(Node call) {
    for (Node x = call.getParentNode().orElse(null); x != null; x = x.getParentNode().orElse(null)) {
      if (x instanceof WhileStmt || x instanceof DoStmt || x instanceof ForStmt || x instanceof ForEachStmt) {
        return true;
      }
      if (x instanceof CallableDeclaration<?> || x instanceof LambdaExpr) {
        return false;
      }
    }
    return false;
  }
}
