package dev.threadlint.rules.threads;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.fix.Fixes;
import dev.threadlint.core.program.LocalTypes;
import java.util.List;
import java.util.Optional;

/**
 * The static {@code Thread.interrupted()} called through an instance: it always tests and clears
 * the flag of the thread that calls it, whatever the receiver.
 */
@RuleInfo(
    id = "interrupted-on-instance",
    title = "Static Thread.interrupted() called through an instance: it tests and clears the current thread's flag",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "thread-misuse")
public final class InterruptedOnInstance implements Rule {

  @Override
  public void checkFile(FileContext ctx) {
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      if (!call.getNameAsString().equals("interrupted") || !call.getArguments().isEmpty() || call.getScope().isEmpty()) {
        continue;
      }
      Expression scope = call.getScope().get();
      while (scope instanceof EnclosedExpr en) {
        scope = en.getInner();
      }
      if (scope instanceof ThisExpr || scope instanceof SuperExpr || isThreadClass(ctx, scope)) {
        continue; // Thread.interrupted() itself, or a Thread subclass asking from inside (often its own run())
      }
      String receiver = scope.toString();
      if (isCurrentThreadCall(ctx, scope)) {
        var builder = ctx.finding(call, "'" + receiver + ".interrupted()' is the static Thread.interrupted(): it tests and also clears the current thread's interrupt flag; "
                + "write Thread.interrupted() to make the clearing visible, or " + receiver + ".isInterrupted() to only test it")
            .suggestion("Use Thread.currentThread().isInterrupted() to test the flag without clearing it.");
        Fixes.replace(ctx.file(), call, "Thread.interrupted()")
            .ifPresent(edit -> builder.fix(Fixes.fix("Call Thread.interrupted() statically (same behaviour)", FixKind.SAFE, List.of(edit))));
        builder.report();
        continue;
      }
      if (!JdkTypes.isThread(ctx, scope)) {
        continue;
      }
      if (holdsCurrentThread(ctx, scope)) {
        ctx.finding(call, "'" + receiver + ".interrupted()' is the static Thread.interrupted(): it tests and also clears the current thread's interrupt flag; "
                + "write Thread.interrupted() if clearing is meant, or " + receiver + ".isInterrupted() to only test it")
            .suggestion("Use isInterrupted() to test the flag without clearing it.")
            .report();
        continue;
      }
      ctx.finding(call, "'" + receiver + ".interrupted()' is the static Thread.interrupted(): it tests and clears the interrupt flag of the thread running this code, not of '"
              + receiver + "'; use " + receiver + ".isInterrupted() to test '" + receiver + "'")
          .suggestion("Replace with " + receiver + ".isInterrupted(), which tests that thread's flag and leaves it set.")
          .report();
    }
  }

  /** {@code Thread} or {@code java.lang.Thread} used as a type name (not a scanned class of that name). */
  private static boolean isThreadClass(FileContext ctx, Expression e) {
    if (e instanceof FieldAccessExpr fa) {
      return fa.toString().equals("java.lang.Thread");
    }
    if (e instanceof NameExpr n && n.getNameAsString().equals("Thread")) {
      Optional<LocalTypes.Binding> b = ctx.program().localTypes().bind(n);
      return b.isPresent() && b.get() instanceof LocalTypes.TypeRef t && t.model().isEmpty();
    }
    return false;
  }

  private static boolean isCurrentThreadCall(FileContext ctx, Expression e) {
    return e instanceof MethodCallExpr mc && mc.getNameAsString().equals("currentThread") && mc.getArguments().isEmpty()
        && mc.getScope().isPresent() && isThreadClass(ctx, mc.getScope().get());
  }

  /** A local initialized with Thread.currentThread() and never reassigned. */
  private static boolean holdsCurrentThread(FileContext ctx, Expression e) {
    if (!(e instanceof NameExpr n)) {
      return false;
    }
    Optional<LocalTypes.Binding> b = ctx.program().localTypes().bind(n);
    if (b.isEmpty() || !(b.get() instanceof LocalTypes.Local l) || !(l.declaration() instanceof VariableDeclarator v)) {
      return false;
    }
    boolean reassigned = v.findAncestor(com.github.javaparser.ast.stmt.BlockStmt.class)
        .map(c -> c.findAll(com.github.javaparser.ast.expr.AssignExpr.class).stream()
            .anyMatch(a -> a.getTarget() instanceof NameExpr t && t.getNameAsString().equals(v.getNameAsString())))
        .orElse(true);
    return !reassigned && v.getInitializer().map(i -> isCurrentThreadCall(ctx, i)).orElse(false);
  }
}
