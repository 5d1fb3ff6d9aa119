package dev.threadlint.rules.deadlock;

import com.github.javaparser.ast.Node;
import dev.threadlint.core.analysis.LockId;
import dev.threadlint.core.analysis.LockOrderGraph;
import dev.threadlint.core.analysis.LockSummaries;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Locks taken in opposite orders by code that can run concurrently: each thread holds one lock and
 * waits for the other. One finding per elementary cycle of the lock-order graph.
 */
@RuleInfo(
    id = "lock-order-cycle",
    title = "Locks are acquired in inconsistent orders; threads taking them concurrently can deadlock",
    severity = Severity.ERROR,
    category = Category.LOCK_ORDERING,
    defectClass = "deadlock")
public final class LockOrderCycle implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    for (LockOrderGraph.Cycle cycle : LockOrderGraph.of(ctx.program()).cycles()) {
      report(ctx, cycle);
    }
  }

  private static void report(ProgramContext ctx, LockOrderGraph.Cycle cycle) {
    LockOrderGraph.Edge head = cycle.edges().get(0);
    String message;
    String suggestion;
    if (cycle.swapped()) {
      LockId a = head.from();
      LockId b = head.to();
      String method = b.owner().substring(b.owner().lastIndexOf('.') + 1);
      message = "Lock-order cycle under swapped arguments: '" + method + "' takes " + shortName(a) + " then " + shortName(b)
          + "; two concurrent calls with the objects swapped each hold one lock and wait for the other";
      suggestion = "Acquire both locks in a global order (e.g. by a unique id, or System.identityHashCode with a tie lock), "
          + "or move the operation into one owner that receives commands over a BlockingQueue";
    } else {
      List<String> names = new ArrayList<>();
      for (LockOrderGraph.Edge e : cycle.edges()) {
        names.add(e.from().display());
      }
      names.add(head.from().display());
      message = "Lock-order cycle: " + String.join(" -> ", names) + "; threads taking these locks in opposite orders can deadlock";
      suggestion = "Acquire " + head.from().display() + " and " + head.to().display()
          + " in one global order everywhere, or stop calling out while holding a lock (open calls), "
          + "or give the shared state one owner fed through a BlockingQueue";
    }
    var builder = ctx.finding(reportNode(head), message).suggestion(ledgerSketch(ctx, cycle, suggestion));
    for (LockOrderGraph.Edge e : cycle.edges()) {
      builder.evidence(RuleContext.evidence(e.first().acquiredAt(), e.from().display() + " taken here"));
      List<String> path = new ArrayList<>();
      path.add(e.body().displayName());
      for (LockSummaries.Hop hop : e.second().path()) {
        path.add(hop.callee().displayName());
      }
      Evidence second = RuleContext.evidence(e.second().site(), e.to().display() + " taken while holding " + e.from().display()
          + (e.second().path().isEmpty() ? "" : " (via " + String.join(" -> ", path) + ")"));
      builder.evidence(new Evidence(second.location(), second.message(), null, path));
    }
    if (cycle.swapped()) {
      builder.evidence(RuleContext.evidence(head.second().site(),
          "the same code called with the arguments swapped takes " + head.to().display() + " first, then " + head.from().display()));
    }
    if (!cycle.swapped() && cycle.edges().stream().anyMatch(e -> e.from().kind() == LockId.Kind.MONITOR || e.to().kind() == LockId.Kind.MONITOR)) {
      builder.atMost(Severity.WARNING); // type-based monitors: the instances may differ
    }
    builder.report();
  }

  /**
   * The ledger sketch (the multi-lock operation moved into one owner fed by a channel) under the
   * one-line advice; the one line alone when no named method of the cycle can become a command.
   */
  private static dev.threadlint.core.finding.Suggestion ledgerSketch(ProgramContext ctx, LockOrderGraph.Cycle cycle, String oneLine) {
    java.util.LinkedHashSet<dev.threadlint.core.program.MethodModel> methods = new java.util.LinkedHashSet<>();
    List<String> locks = new ArrayList<>();
    for (LockOrderGraph.Edge e : cycle.edges()) {
      if (e.body().kind() == dev.threadlint.core.program.MethodModel.Kind.METHOD && e.body().owner() != null) {
        methods.add(e.body());
      }
      if (!locks.contains(e.from().name())) {
        locks.add(e.from().name());
      }
      if (!locks.contains(e.to().name())) {
        locks.add(e.to().name());
      }
    }
    if (methods.isEmpty() || locks.stream().anyMatch(n -> n == null || n.isBlank())) {
      return dev.threadlint.core.finding.Suggestion.oneLine(oneLine);
    }
    LockId first = cycle.edges().get(0).from();
    String resource = first.kind() == LockId.Kind.PARAMETER && first.type() != null && !first.type().isBlank()
        ? first.type()
        : methods.iterator().next().owner().simpleName();
    var s = dev.threadlint.core.suggest.LedgerSketch.forLockCycle(ctx, locks, resource, methods);
    if (!s.hasSketch()) {
      return dev.threadlint.core.finding.Suggestion.oneLine(oneLine);
    }
    String explanation = s.explanation() == null || s.explanation().isBlank() ? s.title() : s.title() + ". " + s.explanation();
    return new dev.threadlint.core.finding.Suggestion(oneLine, explanation, s.codeSketch());
  }

  private static String shortName(LockId l) {
    return switch (l.kind()) {
      case PARAMETER -> "parameter '" + l.name() + "'";
      case MONITOR -> "its own monitor ('this')";
      default -> l.display();
    };
  }

  /** Where the nested acquisition starts in the body that holds the first lock. */
  private static Node reportNode(LockOrderGraph.Edge e) {
    return e.second().path().isEmpty() ? e.second().site() : e.second().path().get(0).callNode();
  }
}
