package dev.threadlint.rules.locking;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.fix.Fixes;
import dev.threadlint.core.program.TypeModel;
import java.util.List;
import java.util.Optional;

/** {@code thread.run()} runs the body on the calling thread; {@code start()} was meant. */
@RuleInfo(
    id = "thread-run-called",
    title = "Thread.run() called directly: the code runs on the calling thread, not a new one",
    severity = Severity.ERROR,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "thread-misuse")
public final class ThreadRunCalled implements Rule {
  private static final List<String> THREAD_TYPES = List.of("Thread", "java.lang.Thread");

  @Override
  public void checkFile(FileContext ctx) {
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      if (!call.getNameAsString().equals("run") || !call.getArguments().isEmpty() || call.getScope().isEmpty()) {
        continue;
      }
      Expression scope = call.getScope().get();
      if (scope instanceof SuperExpr || scope instanceof ThisExpr) {
        continue; // delegating to an overridden run() inside a Thread subclass
      }
      if (!isThread(ctx, scope)) {
        continue;
      }
      String receiver = scope.toString();
      var builder = ctx.finding(call, "'" + receiver + ".run()' runs the thread's body on the calling thread; call '" + receiver + ".start()' to run it on a new thread")
          .suggestion("Call start(): it creates the thread and calls run() on it. Better still, hand the task to an ExecutorService.");
      Fixes.replace(ctx.file(), call.getName(), "start")
          .ifPresent(edit -> builder.fix(Fixes.fix("Replace run() with start()", FixKind.SAFE, List.of(edit))));
      builder.report();
    }
  }

  private static boolean isThread(FileContext ctx, Expression scope) {
    Optional<String> name = ctx.program().localTypes().typeName(scope);
    if (name.isPresent()) {
      if (THREAD_TYPES.contains(name.get())) {
        return true;
      }
      Optional<TypeModel> t = ctx.program().localTypes().typeOf(scope);
      if (t.isPresent()) {
        return t.get().isSubtypeOf("Thread");
      }
      if (!name.get().equals("var")) {
        // a library type (JDK or classpath): resolved by name, without typing the expression
        return ctx.program().resolver().isSubtypeOfName(name.get(), scope, "java.lang.Thread");
      }
    }
    return ctx.program().resolver().isSubtypeOf(scope, "java.lang.Thread");
  }
}
