package dev.threadlint.rules.locking;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.threadlint.core.analysis.BodyWalker;
import dev.threadlint.core.analysis.LockId;
import dev.threadlint.core.analysis.LockSet;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.CallGraph;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wait()}, {@code notify()} or {@code notifyAll()} on an object whose monitor is not held:
 * it throws {@code IllegalMonitorStateException}. Calling them on {@code this} inside a
 * {@code synchronized} method is fine; so is a private helper whose every caller holds the monitor.
 */
@RuleInfo(
    id = "wait-notify-without-lock",
    title = "wait()/notify()/notifyAll() is called without holding that object's monitor",
    severity = Severity.ERROR,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "wait-notify")
public final class WaitNotifyWithoutLock implements Rule {

  private record Unheld(MethodCallExpr call, LockId monitor, LockSet held) {}

  @Override
  public void checkProgram(ProgramContext ctx) {
    Program program = ctx.program();
    Map<MethodModel, List<Map.Entry<Node, LockSet>>> callsCache = new IdentityHashMap<>();
    for (MethodModel body : HeldLockAnalyzer.sortedBodies(program)) {
      if (!mentionsMonitorMethods(body)) {
        continue;
      }
      List<Unheld> found = new ArrayList<>();
      BodyWalker.walk(program, body, new BodyWalker.Visitor() {
        @Override
        public void call(Node callNode, LockSet held) {
          if (callNode instanceof MethodCallExpr mc && isMonitorMethod(mc) && (!mc.getNameAsString().equals("wait") || WaitNotInLoop.isObjectWait(program, mc))) {
            LockId m = NotifyInsteadOfNotifyAll.monitor(program, mc);
            if (!held.containsBase(m)) {
              found.add(new Unheld(mc, m, held));
            }
          }
        }
      });
      for (Unheld u : found) {
        boolean onThis = u.call.getScope().isEmpty() || u.call.getScope().get() instanceof ThisExpr;
        List<CallGraph.CallSite> callers = program.callGraph().callsTo(body);
        if (!callers.isEmpty() && (onThis || u.monitor.kind() == LockId.Kind.FIELD || u.monitor.kind() == LockId.Kind.CLASS)
            && allCallersHold(program, callers, u.monitor, onThis, callsCache)) {
          continue;
        }
        var b = ctx.finding(u.call, "'" + u.call + "' without holding " + u.monitor.display()
                + (u.held.isEmpty() ? "" : " (held: " + u.held + ")") + ": it throws IllegalMonitorStateException")
            .suggestion("Call it inside synchronized (" + (onThis ? "this" : u.call.getScope().get().toString())
                + ") { ... }, on the object whose monitor is held — or use a Lock's Condition");
        if (!callers.isEmpty() || body.isLambda()) {
          b.atMost(Severity.WARNING); // a caller further up may hold it
        }
        b.report();
      }
    }
  }

  private static boolean mentionsMonitorMethods(MethodModel body) {
    return body.body().map(n -> n.findAll(MethodCallExpr.class).stream().anyMatch(WaitNotifyWithoutLock::isMonitorMethod)).orElse(false);
  }

  static boolean isMonitorMethod(MethodCallExpr mc) {
    String n = mc.getNameAsString();
    return (n.equals("notify") || n.equals("notifyAll")) && mc.getArguments().isEmpty() || n.equals("wait") && mc.getArguments().size() <= 2;
  }

  private static boolean allCallersHold(Program program, List<CallGraph.CallSite> callers, LockId monitor, boolean onThis,
      Map<MethodModel, List<Map.Entry<Node, LockSet>>> cache) {
    for (CallGraph.CallSite site : callers) {
      List<Map.Entry<Node, LockSet>> calls = cache.computeIfAbsent(site.caller(), c -> {
        List<Map.Entry<Node, LockSet>> out = new ArrayList<>();
        BodyWalker.walk(program, c, new BodyWalker.Visitor() {
          @Override
          public void call(Node callNode, LockSet held) {
            out.add(Map.entry(callNode, held));
          }
        });
        return out;
      });
      LockSet held = null;
      for (Map.Entry<Node, LockSet> e : calls) {
        if (e.getKey() == site.node()) {
          held = e.getValue();
        }
      }
      if (held == null) {
        return false;
      }
      boolean ok;
      if (onThis) {
        ok = held.locks().stream().anyMatch(l -> l.kind() == LockId.Kind.MONITOR);
      } else {
        ok = held.containsBase(monitor);
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
