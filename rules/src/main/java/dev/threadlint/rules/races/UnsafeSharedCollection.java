package dev.threadlint.rules.races;

import dev.threadlint.core.analysis.AccessSummaries;
import dev.threadlint.core.analysis.ConcurrencyModel.Confidence;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.analysis.ThreadSafety;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import java.util.Optional;

/** A HashMap, ArrayList, HashSet... (or an array) whose contents are changed on one thread and used on another without a common lock. */
@RuleInfo(
    id = "unsafe-shared-collection",
    title = "Non-thread-safe collection mutated from several threads",
    severity = Severity.ERROR,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "race")
public final class UnsafeSharedCollection implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    SharedState state = SharedState.of(ctx.program());
    for (FieldModel f : state.fields()) {
      boolean collection = ThreadSafety.isUnsafeCollectionField(f);
      if (!collection && !f.typeName().endsWith("[]")) {
        continue;
      }
      if (f.typeName().endsWith("[]") && !f.isFinal()) {
        continue; // arrays that are replaced wholesale are unguarded-shared-field's business
      }
      Optional<SharedState.Race> race = state.race(f, a -> a.kind() == AccessSummaries.Kind.CONTAINER_READ || a.kind() == AccessSummaries.Kind.CONTAINER_WRITE);
      if (race.isEmpty()) {
        continue;
      }
      SharedState.Race r = race.get();
      if (r.confidence() == Confidence.CONTRACT && !contractEvidence(state, f, r)) {
        continue;
      }
      String what = collection ? f.typeName() : "array";
      var b = ctx.finding(r.write().access().node(),
              "Non-thread-safe " + what + " '" + f.name() + "' is changed by " + (r.write().access().method() == null ? "an element write" : r.write().access().method() + "(..)") + " in " + RaceSupport.where(r.write())
                  + " while " + RaceSupport.where(r.other()) + " may use it at the same time, with no common lock")
          .evidence(RaceSupport.evidence(r.write()))
          .evidence(RaceSupport.evidence(r.other()))
          .suggestion(RaceSupport.ownerSketch(ctx, f, collection
              ? "Give '" + f.name() + "' one owner thread fed through a BlockingQueue, or use a concurrent collection (ConcurrentHashMap, CopyOnWriteArrayList), or guard every use with one lock"
              : "Guard every use of '" + f.name() + "' with one lock, or use an AtomicIntegerArray/AtomicReferenceArray"));
      if (r.confidence() != Confidence.HIGH) {
        b.atMost(Severity.WARNING);
      }
      b.report();
    }
  }

  /**
   * For classes concurrent only by contract: report when the class is declared thread-safe, is a
   * servlet or singleton, or guards this collection elsewhere (so the unguarded use is a slip).
   */
  private static boolean contractEvidence(SharedState state, FieldModel f, SharedState.Race r) {
    var owner = r.write().entry().body().owner();
    var model = state.model();
    if (model.isDeclaredThreadSafe(owner) || model.isServlet(owner) || model.isSingleton(owner)) {
      return true;
    }
    return state.hits(f).stream().anyMatch(h -> h.access().kind().isContents() && !h.access().held().isEmpty());
  }
}
