package dev.threadlint.rules.races;

import dev.threadlint.core.analysis.AccessSummaries;
import dev.threadlint.core.analysis.ConcurrencyModel;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.analysis.ThreadSafety;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.TypeModel;
import java.util.Optional;

/**
 * Mutable state in a servlet or a singleton component: one instance serves every request, so a
 * field written while handling a request is shared by all requests in flight.
 */
@RuleInfo(
    id = "singleton-mutable-state",
    title = "Servlet or singleton component keeps per-request state in a field",
    severity = Severity.WARNING,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "race")
public final class SingletonMutableState implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    ConcurrencyModel model = ConcurrencyModel.of(ctx.program());
    SharedState state = null;
    for (TypeModel t : ctx.program().types()) {
      boolean servlet = model.isServlet(t);
      if (model.isDeclaredThreadSafe(t) || !(servlet || model.isSingleton(t))) {
        continue;
      }
      if (state == null) {
        state = SharedState.of(ctx.program());
      }
      for (FieldModel f : t.fields()) {
        if (ConcurrencyModel.isInjectedField(f) || RaceSupport.isLazyGetter(f)) {
          continue;
        }
        boolean contents = ThreadSafety.isUnsafeCollectionField(f) || ThreadSafety.isUnsafeObjectField(f);
        boolean plain = !RaceSupport.skipFieldLevel(f) && !RaceSupport.racyByDesign(ctx.program(), f);
        if (!contents && !plain) {
          continue;
        }
        Optional<SharedState.Hit> write = state.hits(f).stream()
            .filter(h -> RaceSupport.isContract(h.entry()) && h.entry().body().owner() == t)
            .filter(h -> h.access().isWrite() && h.access().held().isEmpty() && h.access().receiver() != AccessSummaries.Receiver.OTHER)
            .filter(h -> h.access().kind().isContents() ? contents && h.access().kind() != AccessSummaries.Kind.OBJECT_USE : plain)
            .findFirst();
        if (write.isEmpty()) {
          continue;
        }
        SharedState.Hit h = write.get();
        String what = servlet ? "servlet" : "singleton component";
        ctx.finding(h.access().node(), "Field '" + f.name() + "' of " + what + " '" + t.simpleName() + "' is "
                + (h.access().kind().isContents() ? "changed (" + h.access().verb() + " it)" : "written") + " in " + RaceSupport.where(h)
                + " without a lock; one instance serves all concurrent requests")
            .evidence(RaceSupport.evidence(h))
            .suggestion(RaceSupport.ownerSketch(ctx, f, "Keep per-request data in local variables; if '" + f.name() + "' really is shared, make it a concurrent or atomic type, or give it one owner thread"))
            .report();
      }
    }
  }
}
