package dev.threadlint.rules.locking;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadlint.core.analysis.LockId;
import dev.threadlint.core.analysis.LockSummaries;
import dev.threadlint.core.analysis.Locks;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code notify()} on a monitor where threads wait for different conditions: the single thread
 * woken may be one whose condition is still false; it waits again and the notification is lost,
 * while the thread that could proceed sleeps on.
 */
@RuleInfo(
    id = "notify-instead-of-notify-all",
    title = "notify() wakes one waiter of a monitor on which threads wait for different conditions",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "wait-notify")
public final class NotifyInsteadOfNotifyAll implements Rule {

  @Override
  public void checkFile(FileContext ctx) {
    Program program = ctx.program();
    Map<String, TreeSet<String>> conditions = new TreeMap<>();
    Map<String, TreeSet<String>> waitingMethods = new TreeMap<>();
    List<MethodCallExpr> notifies = new ArrayList<>();
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      String n = call.getNameAsString();
      if (n.equals("wait") && call.getArguments().size() <= 2 && WaitNotInLoop.isObjectWait(program, call)) {
        String k = LockSummaries.key(monitor(program, call));
        conditions.computeIfAbsent(k, x -> new TreeSet<>()).add(loopCondition(call));
        waitingMethods.computeIfAbsent(k, x -> new TreeSet<>()).add(dev.threadlint.core.api.RuleContext.symbolOf(call));
      } else if (n.equals("notify") && call.getArguments().isEmpty()) {
        notifies.add(call);
      }
    }
    for (MethodCallExpr call : notifies) {
      LockId m = monitor(program, call);
      TreeSet<String> conds = conditions.get(LockSummaries.key(m));
      if (conds == null || conds.size() < 2 || waitingMethods.get(LockSummaries.key(m)).size() < 2) {
        continue; // one condition, or all waits in one method (typically one waiting thread's loop)
      }
      var b = ctx.finding(call, "'" + call + "' wakes a single waiter on " + m.display() + ", but threads wait there for different conditions ("
              + String.join(", ", conds.stream().map(c -> "'" + c + "'").toList()) + "); the one woken may not be able to proceed")
          .suggestion(WaitNotifyBuffer.suggestion(ctx, call,
              "Call notifyAll(), or use a Lock with one Condition per wait condition (notFull/notEmpty) and signal the right one"));
      b.fix(dev.threadlint.core.fix.MonitorFixes.notifyAll(ctx.file(), call));
      b.report();
    }
  }

  static LockId monitor(Program program, MethodCallExpr call) {
    if (call.getScope().isPresent()) {
      return Locks.lockOf(program, call.getScope().get());
    }
    return program.enclosingType(call).map(t -> LockId.monitor(t.qualifiedName())).orElse(LockId.monitor(""));
  }

  private static String loopCondition(Node call) {
    for (Node x = call.getParentNode().orElse(null); x != null; x = x.getParentNode().orElse(null)) {
      if (x instanceof WhileStmt w) {
        return w.getCondition().toString();
      }
      if (x instanceof DoStmt d) {
        return d.getCondition().toString();
      }
      if (x instanceof com.github.javaparser.ast.stmt.IfStmt i) {
        return i.getCondition().toString();
      }
      if (x instanceof CallableDeclaration<?> || x instanceof LambdaExpr) {
        break;
      }
    }
    return "(no loop) " + RuleContextHolder.symbol(call);
  }

  /** Symbols without pulling RuleContext statics into the loop above. */
  private static final class RuleContextHolder {
    static String symbol(Node n) {
      return dev.threadlint.core.api.RuleContext.symbolOf(n);
    }
  }
}
