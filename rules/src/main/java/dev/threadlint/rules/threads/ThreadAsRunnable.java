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
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import dev.threadlint.core.program.MethodModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
          report(ctx, arg, "the new Thread calls its run()");
        }
      }
    }
    Set<Expression> reported = new HashSet<>();
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      if (!TASK_METHODS.contains(call.getNameAsString()) || call.getArguments().isEmpty() || call.getScope().isEmpty()) {
        continue;
      }
      Expression task = call.getArgument(0);
      if (!JdkTypes.isThread(ctx, task) || !JdkTypes.isA(ctx, call.getScope().get(), EXECUTOR)) {
        continue;
      }
      report(ctx, task, "an executor thread calls its run()");
      reported.add(task);
    }
    // a scanned method or constructor whose parameter is declared Runnable
    for (Node call : calls(ctx)) {
      NodeList<Expression> args = call instanceof MethodCallExpr mc ? mc.getArguments() : ((ObjectCreationExpr) call).getArguments();
      for (int i = 0; i < args.size(); i++) {
        Expression arg = args.get(i);
        if (reported.contains(arg) || !JdkTypes.isThread(ctx, arg) || !takesRunnable(ctx, call, i, args.size())) {
          continue;
        }
        String callee = call instanceof MethodCallExpr mc ? mc.getNameAsString() : ((ObjectCreationExpr) call).getType().getNameAsString();
        report(ctx, arg, "'" + callee + "' takes it as a Runnable parameter and can only call its run()");
      }
    }
  }

  private static List<Node> calls(FileContext ctx) {
    List<Node> out = new ArrayList<>();
    for (MethodCallExpr c : ctx.findAll(MethodCallExpr.class)) {
      if (!c.getArguments().isEmpty()) {
        out.add(c);
      }
    }
    for (ObjectCreationExpr c : ctx.findAll(ObjectCreationExpr.class)) {
      if (!c.getArguments().isEmpty()) {
        out.add(c);
      }
    }
    return out;
  }

  /** Whether every scanned target of the call declares parameter {@code i} as {@code Runnable} (and there is at least one). */
  private static boolean takesRunnable(FileContext ctx, Node call, int i, int argCount) {
    List<MethodModel> targets = ctx.program().callGraph().targetsOf(call);
    if (targets.isEmpty()) {
      return false;
    }
    for (MethodModel m : targets) {
      if (m.arity() != argCount || m.isVarArgs() || !JdkTypes.simple(m.parameterTypes().get(i)).equals("Runnable")
          || !m.parameterTypes().get(i).replace("java.lang.", "").equals("Runnable")) {
        return false;
      }
      if (ctx.program().lookupType("Runnable", m.owner()).isPresent()) {
        return false; // a scanned type of that name
      }
    }
    return true;
  }

  private static void report(FileContext ctx, Expression arg, String runner) {
    Expression inner = arg;
    while (inner instanceof EnclosedExpr en) {
      inner = en.getInner();
    }
    String name = inner.toString();
    var builder = ctx.finding(arg, "'" + name + "' is a Thread used as a Runnable: " + runner + ", but '" + name
            + "' itself is never started, so its name, priority, daemon flag, isAlive(), join() and interrupt() have no effect")
        .suggestion("Pass a Runnable (a lambda or a class implementing Runnable) instead of a Thread subclass, or start the Thread itself.");
    if (inner instanceof ThisExpr) {
      builder.atMost(Severity.INFO); // a Thread subclass handing itself on: wasteful, rarely harmful
    }
    builder.report();
  }
}
