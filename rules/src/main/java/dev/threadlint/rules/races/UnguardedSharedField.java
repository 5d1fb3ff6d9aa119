package dev.threadlint.rules.races;

import dev.threadlint.core.analysis.ConcurrencyModel.Confidence;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import java.util.Optional;

/**
 * A field written on one thread and read or written on another, with no lock held in common:
 * a data race, evidenced by the thread entries that reach both accesses.
 */
@RuleInfo(
    id = "unguarded-shared-field",
    title = "Field written and accessed on concurrent threads without a common lock",
    severity = Severity.ERROR,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "race")
public final class UnguardedSharedField implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    SharedState state = SharedState.of(ctx.program());
    for (FieldModel f : state.fields()) {
      if (RaceSupport.skipFieldLevel(f) || InconsistentSynchronization.applies(state, f)) {
        continue;
      }
      Optional<SharedState.Race> race = state.race(f, a -> !a.kind().isContents()
          && !(RaceSupport.isBooleanFlag(f) && !a.isWrite() && RaceSupport.isLoopConditionRead(a.node())));
      if (race.isEmpty() || race.get().confidence().compareTo(Confidence.MEDIUM) < 0) {
        continue;
      }
      SharedState.Race r = race.get();
      String name = f.name();
      String other = r.other().access().isWrite() ? "written" : "read";
      boolean staleOnly = r.confidence() != Confidence.HIGH && RaceSupport.isPlainScalar(ctx.program(), f);
      var b = ctx.finding(r.write().access().node(),
              "Field '" + name + "' is written in " + RaceSupport.where(r.write()) + " and " + other + " in " + RaceSupport.where(r.other())
                  + " on threads that may run at the same time, with no common lock"
                  + (staleOnly ? " (it is only ever assigned whole: a reader may see a stale value)" : ""))
          .evidence(RaceSupport.evidence(r.write()))
          .evidence(RaceSupport.evidence(r.other()))
          .suggestion(RaceSupport.ownerSketch(ctx, f, "Give '" + name + "' one owner (confine it to one thread and send it changes through a BlockingQueue), "
              + "or guard every access with the same lock"));
      if (r.confidence() != Confidence.HIGH) {
        b.atMost(Severity.WARNING);
        if (staleOnly) {
          b.atMost(Severity.INFO); // one side is an assumed caller, and the value is only ever replaced whole: a stale read at worst
        }
      }
      b.report();
    }
  }
}
