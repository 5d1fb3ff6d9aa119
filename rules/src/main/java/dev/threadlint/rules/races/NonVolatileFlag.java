package dev.threadlint.rules.races;

import dev.threadlint.core.analysis.ConcurrencyModel.Confidence;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;

/**
 * A non-volatile flag polled in a loop by one thread and set by another: nothing makes the write
 * visible to the loop, and the JIT may hoist the read out of it, so the loop can spin forever.
 */
@RuleInfo(
    id = "non-volatile-flag",
    title = "Non-volatile flag polled in a loop and set by another thread",
    severity = Severity.ERROR,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "race")
public final class NonVolatileFlag implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    SharedState state = SharedState.of(ctx.program());
    for (FieldModel f : state.fields()) {
      if (!RaceSupport.isBooleanFlag(f) || f.isVolatile() || f.isFinal()) {
        continue;
      }
      SharedState.Hit bestRead = null;
      SharedState.Hit bestWrite = null;
      Confidence best = Confidence.NONE;
      for (SharedState.Hit r : state.hits(f)) {
        if (r.access().isWrite() || !r.access().held().isEmpty() || !RaceSupport.isLoopConditionRead(r.access().node())) {
          continue;
        }
        for (SharedState.Hit w : state.hits(f)) {
          if (!w.access().isWrite() || w.access().kind().isContents()) {
            continue;
          }
          Confidence c = state.concurrency(r, w);
          if (c.compareTo(Confidence.MEDIUM) >= 0 && c.compareTo(best) > 0) {
            best = c;
            bestRead = r;
            bestWrite = w;
          }
        }
      }
      if (bestRead == null) {
        continue;
      }
      var b = ctx.finding(bestRead.access().node(), "Field '" + f.name() + "' is polled in a loop in " + RaceSupport.where(bestRead)
              + " and set in " + RaceSupport.where(bestWrite) + " on another thread, but is not volatile: the loop may never see the change")
          .evidence(RaceSupport.evidence(bestRead))
          .evidence(RaceSupport.evidence(bestWrite))
          .suggestion("Declare '" + f.name() + "' volatile (or use an AtomicBoolean); better, stop the worker by interrupting it or sending a stop message through its queue");
      RaceSupport.addVolatile(ctx.program(), f).ifPresent(b::fix);
      if (best != Confidence.HIGH) {
        b.atMost(Severity.WARNING);
      }
      b.report();
    }
  }
}
