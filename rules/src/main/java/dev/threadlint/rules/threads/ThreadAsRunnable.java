package dev.threadlint.rules.threads;

import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import java.util.Set;

/**
 * A Thread object handed over as a plain Runnable: another thread runs its run(), while the Thread
 * object itself is never started, so its name, priority, isAlive(), join() and interrupt() mean nothing.
 */
@RuleInfo(
    id = "thread-as-runnable",
    title = "Thread passed where a Runnable is expected: only its run() runs, the Thread itself is never started",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "thread-misuse")
public final class ThreadAsRunnable implements Rule {
  private static final String EXECUTOR = "java.util.concurrent.Executor";
  /** Executor methods whose first argument is the task. */
  private static final Set<String> TASK_METHODS = Set.of("execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

  @Override
  public void checkFile(FileContext ctx) {
    for (ObjectCreationExpr creation : ctx.findAll(ObjectCreationExpr.class)) {
      if (creation.getArguments().isEmpty() || creation.getAnonymousClassBody().isPresent()
          || !creation.getType().getNameAsString().equals("Thread") || !JdkTypes.creates(ctx, creation, JdkTypes.THREAD)) {
        continue;
      }
      // Thread(Runnable), Thread(Runnable, String), Thread(ThreadGroup, Runnable, ...): a Thread argument can only be the task
      for (Expression arg : creation.getArguments()) {
        if (JdkTypes.isThread(ctx, arg)) {
          report(ctx, arg, "the new Thread");
        }
      }
    }
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      if (!TASK_METHODS.contains(call.getNameAsString()) || call.getArguments().isEmpty() || call.getScope().isEmpty()) {
        continue;
      }
      Expression task = call.getArgument(0);
      if (!JdkTypes.isThread(ctx, task) || !JdkTypes.isA(ctx, call.getScope().get(), EXECUTOR)) {
        continue;
      }
      report(ctx, task, "an executor thread");
    }
  }

  private static void report(FileContext ctx, Expression arg, String runner) {
    Expression inner = arg;
    while (inner instanceof EnclosedExpr en) {
      inner = en.getInner();
    }
    String name = inner.toString();
    var builder = ctx.finding(arg, "'" + name + "' is a Thread used as a Runnable: " + runner + " calls its run(), but '" + name
            + "' itself is never started, so its name, priority, daemon flag, isAlive(), join() and interrupt() have no effect")
        .suggestion("Pass a Runnable (a lambda or a class implementing Runnable) instead of a Thread subclass, or start the Thread itself.");
    if (inner instanceof ThisExpr) {
      builder.atMost(Severity.INFO); // a Thread subclass handing itself on: wasteful, rarely harmful
    }
    builder.report();
  }
}
