package dev.threadlint.rules.races;

import com.github.javaparser.ast.Node;
import dev.threadlint.core.analysis.AccessSummaries;
import dev.threadlint.core.analysis.AccessSummaries.Access;
import dev.threadlint.core.analysis.ConcurrencyModel;
import dev.threadlint.core.analysis.GuardedByLocks;
import dev.threadlint.core.analysis.LockId;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.TypeModel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An access to a {@code @GuardedBy} field without holding the lock the annotation names. Checked
 * from every non-private method and every body that runs on its own (thread entries, lambdas run
 * later), with the caller's locks counted through private helpers.
 */
@RuleInfo(
    id = "guarded-by-violation",
    title = "@GuardedBy field accessed without holding its lock",
    severity = Severity.ERROR,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "race")
public final class GuardedByViolation implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    var program = ctx.program();
    boolean any = false;
    for (TypeModel t : program.types()) {
      for (FieldModel f : t.fields()) {
        if (GuardedByLocks.value(f).isPresent()) {
          any = true;
        }
      }
    }
    if (!any) {
      return;
    }
    AccessSummaries summaries = AccessSummaries.of(program);
    ConcurrencyModel model = ConcurrencyModel.of(program);
    Set<Node> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    for (MethodModel m : program.bodies()) {
      if (!isRoot(m, model)) {
        continue;
      }
      List<Access> accesses = new java.util.ArrayList<>(summaries.of(m));
      accesses.sort((x, y) -> Boolean.compare(!x.isWrite(), !y.isWrite())); // a write and a read at one node (x++): report the write
      for (Access a : accesses) {
        Optional<String> guard = GuardedByLocks.value(a.field());
        if (guard.isEmpty() || a.receiver() == AccessSummaries.Receiver.OTHER || reported.contains(a.node())) {
          continue;
        }
        LockId lock = GuardedByLocks.lockOf(program, a.field().owner(), guard.get());
        if (holds(a, lock)) {
          continue;
        }
        reported.add(a.node());
        List<String> path = new java.util.ArrayList<>();
        path.add(dev.threadlint.core.analysis.ConcurrencyModel.display(m));
        a.path().forEach(p -> path.add(dev.threadlint.core.analysis.ConcurrencyModel.display(p)));
        var b = ctx.finding(a.node(), "Field '" + a.field().name() + "' is @GuardedBy(\"" + guard.get() + "\") but this " + a.verb()
                + " holds " + RaceSupport.held(a.held()) + (a.path().isEmpty() ? "" : " (reached from " + String.join(" -> ", path) + ")"))
            .evidence(new Evidence(RuleContext.locationOf(a.node()), a.verb() + " holding " + RaceSupport.held(a.held()), null, path))
            .evidence(a.field().declaration(), "declared @GuardedBy(\"" + guard.get() + "\")")
            .suggestion("Hold " + lock.display() + " around this " + (a.isWrite() ? "write" : "read") + ", or move the access into a method that already holds it");
        if (!a.isWrite()) {
          b.atMost(Severity.WARNING);
        }
        b.report();
      }
    }
  }

  private static boolean isRoot(MethodModel m, ConcurrencyModel model) {
    if (m.isConstructor() || m.kind() == MethodModel.Kind.INITIALIZER || m.kind() == MethodModel.Kind.STATIC_INITIALIZER) {
      return false;
    }
    if (m.isLambda() || m.owner().isAnonymous()) {
      return model.threadEntry(m).isPresent() || model.execution(m) == ConcurrencyModel.Execution.LATER;
    }
    return !m.isPrivate() || model.threadEntry(m).isPresent();
  }

  private static boolean holds(Access a, LockId lock) {
    for (LockId held : a.held().locks()) {
      if (held.base().equals(lock.base()) && (!a.isWrite() || held.side() != LockId.Side.READ)) {
        return true;
      }
      if (held.equals(lock)) {
        return true;
      }
    }
    return false;
  }
}
