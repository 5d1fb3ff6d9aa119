package dev.threadlint.rules.threads;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.Type;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import java.util.Optional;

/**
 * {@code t.join()} inside a try whose InterruptedException handler swallows the interrupt: when the
 * waiting thread is interrupted, join returns early and the code after it runs as if {@code t} had
 * finished.
 */
@RuleInfo(
    id = "interrupted-join",
    title = "Thread.join() whose InterruptedException is swallowed: the code goes on before the thread has ended",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "thread-misuse")
public final class InterruptedJoin implements Rule {

  @Override
  public void checkFile(FileContext ctx) {
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      if (!call.getNameAsString().equals("join") || !call.getArguments().isEmpty() || call.getScope().isEmpty()) {
        continue;
      }
      Optional<CatchClause> handler = interruptHandler(call);
      if (handler.isEmpty() || !swallows(handler.get()) || insideRetryLoop(handler.get().getParentNode().orElseThrow())) {
        continue;
      }
      Expression scope = call.getScope().get();
      if (!JdkTypes.isThread(ctx, scope)) {
        continue;
      }
      String t = scope.toString();
      Node tryStmt = handler.get().getParentNode().orElseThrow();
      boolean lastInTask = nothingFollows(tryStmt) && isTaskBody(tryStmt);
      var builder = lastInTask
          ? ctx.finding(call, "'" + t + ".join()' returns early when this thread is interrupted, and the catch block swallows the InterruptedException: "
              + "the task ends without '" + t + "' having finished and the interrupt is lost")
          : ctx.finding(call, "'" + t + ".join()' returns early when this thread is interrupted, and the catch block swallows the InterruptedException: "
              + "the code after it runs as if '" + t + "' had finished");
      if (lastInTask) {
        builder.atMost(Severity.INFO); // nothing of this task runs after the join; only the lost interrupt remains
      }
      builder.evidence(handler.get(), "the interrupt is neither rethrown nor restored here, and the join is not retried")
          .suggestion("Let InterruptedException propagate (declare it), or restore the flag with Thread.currentThread().interrupt() and stop; "
              + "if the wait must complete, retry the join in a loop and restore the interrupt afterwards.")
          .report();
    }
  }

  /** The catch clause that receives an InterruptedException thrown in the try block of the nearest try (in the same body) that catches it. */
  private static Optional<CatchClause> interruptHandler(MethodCallExpr call) {
    Node child = call;
    Node n = call.getParentNode().orElse(null);
    while (n != null && !isBodyBoundary(n)) {
      if (n instanceof TryStmt ts && ts.getTryBlock() == child) {
        for (CatchClause cc : ts.getCatchClauses()) {
          // the first clause that catches it: InterruptedException itself, or Exception / Throwable
          if (catchesInterrupt(cc.getParameter().getType()) || catchesBroader(cc.getParameter().getType())) {
            return Optional.of(cc);
          }
        }
      }
      child = n;
      n = n.getParentNode().orElse(null);
    }
    return Optional.empty();
  }

  /** Whether no statement of the enclosing body runs after {@code stmt} (it is last in every enclosing block). */
  private static boolean nothingFollows(Node stmt) {
    Node child = stmt;
    for (Node n = stmt.getParentNode().orElse(null); n != null && !isBodyBoundary(n); n = n.getParentNode().orElse(null)) {
      if (n instanceof WhileStmt || n instanceof DoStmt || n instanceof ForStmt || n instanceof com.github.javaparser.ast.stmt.ForEachStmt
          || n instanceof TryStmt) {
        return false; // another iteration, or a finally block, may run after it
      }
      if (n instanceof BlockStmt b && b.getStatements().indexOf(child) != b.getStatements().size() - 1) {
        return false;
      }
      child = n;
    }
    return true;
  }

  /** A lambda or a no-argument run() method: a task whose end nobody waits on in this code. */
  private static boolean isTaskBody(Node stmt) {
    for (Node n = stmt.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof LambdaExpr) {
        return true;
      }
      if (n instanceof com.github.javaparser.ast.body.MethodDeclaration m) {
        return m.getNameAsString().equals("run") && m.getParameters().isEmpty();
      }
      if (isBodyBoundary(n)) {
        return false;
      }
    }
    return false;
  }

  private static boolean isBodyBoundary(Node n) {
    return n instanceof LambdaExpr || n instanceof CallableDeclaration<?> || n instanceof InitializerDeclaration
        || n instanceof TypeDeclaration<?> || n instanceof ObjectCreationExpr;
  }

  private static boolean catchesInterrupt(Type t) {
    if (t.isUnionType()) {
      return t.asUnionType().getElements().stream().anyMatch(InterruptedJoin::catchesInterrupt);
    }
    String name = t.asString();
    return name.equals("InterruptedException") || name.equals("java.lang.InterruptedException");
  }

  private static boolean catchesBroader(Type t) {
    if (t.isUnionType()) {
      return t.asUnionType().getElements().stream().anyMatch(InterruptedJoin::catchesBroader);
    }
    String name = JdkTypes.simple(t.asString());
    return name.equals("Exception") || name.equals("Throwable");
  }

  /**
   * Whether the handler lets the code go on as if nothing happened: it neither throws, nor returns,
   * nor leaves the enclosing loop, nor restores or records the interrupt, nor keeps the exception
   * to throw later, nor joins again.
   */
  private static boolean swallows(CatchClause cc) {
    BlockStmt body = cc.getBody();
    if (!body.findAll(ThrowStmt.class).isEmpty() || !body.findAll(ReturnStmt.class).isEmpty()
        || !body.findAll(BreakStmt.class).isEmpty() || !body.findAll(ContinueStmt.class).isEmpty()) {
      return false;
    }
    for (MethodCallExpr c : body.findAll(MethodCallExpr.class)) {
      String name = c.getNameAsString();
      if (name.equals("interrupt") || name.equals("join") || name.equals("exit") || name.equals("halt")) {
        return false;
      }
    }
    // the exception kept for later: wrapped into a new exception, or stored in a variable
    String caught = cc.getParameter().getNameAsString();
    for (ObjectCreationExpr o : body.findAll(ObjectCreationExpr.class)) {
      if (o.getArguments().stream().anyMatch(a -> a instanceof NameExpr n && n.getNameAsString().equals(caught))) {
        return false;
      }
    }
    for (AssignExpr a : body.findAll(AssignExpr.class)) {
      if (a.getValue() instanceof NameExpr n && n.getNameAsString().equals(caught)) {
        return false;
      }
    }
    // interrupted = true; ... restored later
    for (AssignExpr a : body.findAll(AssignExpr.class)) {
      String target = a.getTarget().toString().toLowerCase(java.util.Locale.ROOT);
      if (target.contains("interrupt") || target.contains("cancel") || target.contains("stop")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a try statement sits in a loop (within the same body) that can run it again: any while
   * or do loop, or a {@code for} without a condition. A counting for or for-each over threads moves on
   * to the next element instead, so it does not count.
   */
  private static boolean insideRetryLoop(Node tryStmt) {
    for (Node n = tryStmt.getParentNode().orElse(null); n != null && !isBodyBoundary(n); n = n.getParentNode().orElse(null)) {
      if (n instanceof WhileStmt || n instanceof DoStmt) {
        return true;
      }
      if (n instanceof ForStmt f && (f.getCompare().isEmpty() || f.getCompare().get() instanceof BooleanLiteralExpr)) {
        return true;
      }
    }
    return false;
  }
}
