package dev.threadlint.rules.locking;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.threadlint.core.analysis.LockSet;
import dev.threadlint.core.analysis.LockSummaries;
import dev.threadlint.core.analysis.Locks;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Blocking inside {@code synchronized} in code that runs on a virtual thread: before JDK 24 (JEP
 * 491) the virtual thread pins its carrier for the whole wait, and a few such waits starve the
 * carrier pool. Reported only when the project's target release is known and below 24.
 */
@RuleInfo(
    id = "virtual-thread-pinning",
    title = "A virtual thread blocks inside synchronized and pins its carrier thread (before JDK 24)",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "blocking-under-lock")
public final class VirtualThreadPinning implements Rule {
  /** JEP 491 (JDK 24) lets virtual threads unmount while holding a monitor. */
  public static final int FIXED_IN = 24;

  private static final int MAX_REACH = 5_000;

  @Override
  public void checkProgram(ProgramContext ctx) {
    Optional<Integer> release = ctx.targetRelease();
    if (release.isEmpty() || release.get() >= FIXED_IN) {
      return;
    }
    Program program = ctx.program();
    Map<MethodModel, Node> entryOf = new IdentityHashMap<>();
    Deque<MethodModel> work = new ArrayDeque<>();
    for (MethodModel body : HeldLockAnalyzer.sortedBodies(program)) {
      for (MethodCallExpr call : CallNodes.methodCalls(body)) {
        for (Expression task : virtualTasks(program, call)) {
          for (MethodModel t : taskBodies(program, task)) {
            if (entryOf.putIfAbsent(t, call) == null) {
              work.add(t);
            }
          }
        }
      }
    }
    while (!work.isEmpty() && entryOf.size() < MAX_REACH) {
      MethodModel m = work.poll();
      for (var site : program.callGraph().callsFrom(m)) {
        for (MethodModel t : site.targets()) {
          if (entryOf.putIfAbsent(t, entryOf.get(m)) == null) {
            work.add(t);
          }
        }
      }
    }
    LockSummaries summaries = LockSummaries.of(program);
    List<HeldLockAnalyzer.Candidate> all = new ArrayList<>();
    for (MethodModel body : HeldLockAnalyzer.sortedBodies(program)) {
      if (!entryOf.containsKey(body)) {
        continue;
      }
      for (LockSummaries.Blocking b : summaries.of(body).blocking()) {
        List<LockSet.Held> monitors = HeldLockAnalyzer.ownLocks(body, b.held(),
            h -> h.acquiredAt() instanceof SynchronizedStmt || h.acquiredAt() instanceof MethodDeclaration);
        if (!monitors.isEmpty()) {
          all.add(new HeldLockAnalyzer.Candidate(body, b.site(), monitors, b.path(), b));
        }
      }
    }
    for (HeldLockAnalyzer.Candidate c : HeldLockAnalyzer.onePerReport(HeldLockAnalyzer.onePerSite(all), HeldLockAnalyzer::describe)) {
      LockSummaries.Blocking b = (LockSummaries.Blocking) c.item();
      var builder = ctx.finding(c.reportNode(), "'" + b.description() + "' blocks inside synchronized (" + HeldLockAnalyzer.locksText(c.locks())
              + ") on a virtual thread: it pins the carrier thread (target release " + release.get() + " < " + FIXED_IN + ")")
          .suggestion("Guard this with a java.util.concurrent.locks.ReentrantLock instead of synchronized, or move the blocking call "
              + "out of the synchronized region (or target JDK 24+, where JEP 491 removed this pinning)");
      builder.evidence(entryOf.get(c.body()), "virtual thread started here");
      HeldLockAnalyzer.addEvidence(builder, c, "'" + b.description() + "' blocks here");
      builder.report();
    }
  }

  /** The task arguments of a call that starts virtual threads. */
  private static List<Expression> virtualTasks(Program program, MethodCallExpr call) {
    String n = call.getNameAsString();
    if (call.getArguments().isEmpty()) {
      return List.of();
    }
    Optional<Expression> scope = call.getScope();
    if (n.equals("startVirtualThread") && scope.isPresent() && scope.get().toString().endsWith("Thread")) {
      return List.of(call.getArgument(0));
    }
    if ((n.equals("start") || n.equals("unstarted")) && scope.isPresent() && scope.get().toString().contains("ofVirtual()")) {
      return List.of(call.getArgument(0));
    }
    if (Set.of("submit", "execute", "invokeAll", "invokeAny").contains(n) && scope.isPresent() && isVirtualExecutor(program, scope.get())) {
      return List.of(call.getArgument(0));
    }
    return List.of();
  }

  private static boolean isVirtualExecutor(Program program, Expression scope) {
    Expression s = Locks.unwrap(scope);
    if (s.toString().contains("newVirtualThreadPerTaskExecutor")) {
      return true;
    }
    Optional<Expression> init = Optional.empty();
    if (s instanceof NameExpr n) {
      Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
      if (b.isPresent() && b.get() instanceof LocalTypes.Local l && l.declaration() instanceof VariableDeclarator v) {
        init = v.getInitializer();
      } else if (b.isPresent() && b.get() instanceof LocalTypes.FieldRef f) {
        init = f.field().variable().getInitializer();
      }
    } else {
      init = program.localTypes().fieldOf(s).map(FieldModel::variable).flatMap(VariableDeclarator::getInitializer);
    }
    return init.map(i -> i.toString().contains("newVirtualThreadPerTaskExecutor")).orElse(false);
  }

  private static List<MethodModel> taskBodies(Program program, Expression task) {
    Expression t = Locks.unwrap(task);
    List<MethodModel> out = new ArrayList<>();
    if (t instanceof LambdaExpr l) {
      program.bodyOf(l).ifPresent(out::add);
    } else if (t instanceof MethodReferenceExpr ref) {
      out.addAll(program.callGraph().targetsOf(ref));
    } else if (t instanceof ObjectCreationExpr oce) {
      if (oce.getAnonymousClassBody().isPresent()) {
        for (BodyDeclaration<?> m : oce.getAnonymousClassBody().get()) {
          program.bodyOf(m).filter(b -> b.name().equals("run") || b.name().equals("call")).ifPresent(out::add);
        }
      } else {
        program.localTypes().typeOf(oce).ifPresent(type -> type.methods().stream()
            .filter(m -> m.name().equals("run") || m.name().equals("call")).forEach(out::add));
      }
    } else {
      program.localTypes().typeOf(t).ifPresent(type -> type.methods().stream()
          .filter(m -> m.name().equals("run") || m.name().equals("call")).forEach(out::add));
    }
    return out;
  }

  /** The method calls of a body's own code (not nested lambdas or classes). */
  private static final class CallNodes {
    static List<MethodCallExpr> methodCalls(MethodModel body) {
      List<MethodCallExpr> out = new ArrayList<>();
      for (Node n : dev.threadlint.core.program.CallGraph.callNodes(body)) {
        if (n instanceof MethodCallExpr mc) {
          out.add(mc);
        }
      }
      return out;
    }
  }
}
