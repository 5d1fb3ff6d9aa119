package dev.threadlint.rules.races;

import com.github.javaparser.ast.Node;
import dev.threadlint.core.analysis.ConcurrencyModel.Confidence;
import dev.threadlint.core.analysis.LockId;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.TypeModel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A field accessed under a lock in most places and without it in others: the author meant to
 * guard it and missed a spot. Counts distinct access sites reached from concurrent code, with the
 * caller's locks taken into account, so a private helper called under the lock is guarded.
 */
@RuleInfo(
    id = "inconsistent-synchronization",
    title = "Field accessed under a lock in some places and without it in others",
    severity = Severity.WARNING,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "race")
public final class InconsistentSynchronization implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    SharedState state = SharedState.of(ctx.program());
    for (FieldModel f : state.fields()) {
      if (!applies(state, f)) {
        continue;
      }
      List<SharedState.Hit> hits = fieldHits(state, f);
      // report an unlocked access the volatile-flag publication does not order, when there is one
      var publication = dev.threadlint.core.analysis.Publication.of(ctx.program());
      SharedState.Hit unlocked = hits.stream().filter(h -> h.access().held().isEmpty())
          .filter(h -> h.access().isWrite() || !publication.orderedByFlag(f, h.access().node()))
          .findFirst()
          .orElseGet(() -> hits.stream().filter(h -> h.access().held().isEmpty()).findFirst().orElseThrow());
      SharedState.Hit locked = hits.stream().filter(h -> !h.access().held().isEmpty() && h.access().isWrite()).findFirst().orElseThrow();
      LockId lock = locked.access().held().locks().get(0);
      long lockedSites = distinct(hits, true);
      long total = lockedSites + distinct(hits, false);
      var b = ctx.finding(unlocked.access().node(),
              "Field '" + f.name() + "' is guarded by " + lock.display() + " in " + lockedSites + " of " + total + " accesses but "
                  + unlocked.access().verb() + " in " + RaceSupport.where(unlocked) + " holds no lock")
          .evidence(RaceSupport.evidence(unlocked))
          .evidence(RaceSupport.evidence(locked))
          .suggestion(RaceSupport.ownerSketch(ctx, f, "Hold " + lock.display() + " here too (or annotate '" + f.name() + "' @GuardedBy and let one owner thread touch it)"));
      Optional<SharedState.Race> race = state.race(f, a -> !a.kind().isContents());
      if (race.isEmpty() || race.get().confidence() != Confidence.HIGH) {
        b.atMost(Severity.WARNING);
      }
      if (hits.stream().noneMatch(h -> h.access().isWrite() && ownLocked(h, f))) {
        // the only locks are callers' own (another class synchronizing on its state): weak evidence
        // of how this field is meant to be guarded, and often a hand-off the lock does not cover
        b.evidence(locked.access().node(), lock.display() + " belongs to another class: callers hold it, '" + f.owner().simpleName() + "' itself never locks");
        b.atMost(Severity.INFO);
      }
      b.report();
    }
  }

  private static boolean ownLocked(SharedState.Hit h, FieldModel f) {
    return h.access().held().locks().stream().anyMatch(l -> ownLock(l, f));
  }

  /** A lock of the field's class: its monitor, class object or lock field, or those of an enclosing or super class. */
  static boolean ownLock(LockId l, FieldModel f) {
    if (f.owner() == null) {
      return true;
    }
    String owner = l.kind() == LockId.Kind.PARAMETER ? l.owner().substring(0, Math.max(0, l.owner().lastIndexOf('.'))) : l.owner();
    for (TypeModel t = f.owner(); t != null; t = t.outer().orElse(null)) {
      if (related(t, owner)) {
        return true;
      }
    }
    return false;
  }

  private static boolean related(TypeModel t, String qualified) {
    if (t.qualifiedName().equals(qualified)) {
      return true;
    }
    return t.supertypes().stream().anyMatch(s -> related(s, qualified));
  }

  private static List<SharedState.Hit> fieldHits(SharedState state, FieldModel f) {
    return state.hits(f).stream().filter(h -> !h.access().kind().isContents()).toList();
  }

  private static long distinct(List<SharedState.Hit> hits, boolean locked) {
    Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Node> lockedNodes = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SharedState.Hit h : hits) {
      if (!h.access().held().isEmpty()) {
        lockedNodes.add(h.access().node());
      }
    }
    for (SharedState.Hit h : hits) {
      boolean isLocked = !h.access().held().isEmpty();
      if (isLocked == locked && (locked || !lockedNodes.contains(h.access().node()))) {
        nodes.add(h.access().node());
      }
    }
    return nodes.size();
  }

  /**
   * True when {@code f} is written under a lock, accessed under a lock at least twice, and
   * accessed without any lock at fewer sites than with one, from code that may run concurrently.
   */
  static boolean applies(SharedState state, FieldModel f) {
    if (RaceSupport.skipFieldLevel(f) || DoubleCheckedLocking.isDoubleChecked(state.program(), f)) {
      return false;
    }
    List<SharedState.Hit> hits = fieldHits(state, f);
    if (hits.stream().noneMatch(h -> !h.access().held().isEmpty() && h.access().isWrite())) {
      return false;
    }
    if (hits.stream().noneMatch(h -> h.access().held().isEmpty())) {
      return false;
    }
    long locked = distinct(hits, true);
    long unlocked = distinct(hits, false);
    if (locked < 2 || unlocked == 0 || unlocked > locked) {
      return false;
    }
    // an unlocked access must be able to meet a locked write
    Optional<SharedState.Race> race = state.race(f, a -> !a.kind().isContents());
    return race.isPresent();
  }
}
