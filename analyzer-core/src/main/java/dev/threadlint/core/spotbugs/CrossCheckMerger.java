package dev.threadlint.core.spotbugs;

import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Folds SpotBugs findings into threadlint's own. A SpotBugs finding and one of ours describe the
 * same defect when they are in the same file, of the same defect class, and either their lines
 * overlap (ours' primary location or any of its evidence steps) or ours names the field SpotBugs
 * reports ({@code 'field'} in the message, or a symbol ending in {@code .field}). Then ours stays
 * the primary finding and gains an evidence step "also reported by SpotBugs as TYPE: message";
 * the SpotBugs finding is dropped. Works on generic finding data only: the defect class of our
 * rule ids comes from {@code defectClassOf} (the rule's metadata).
 */
public final class CrossCheckMerger {
  private CrossCheckMerger() {}

  /** Ours (with evidence added where merged) followed by the SpotBugs findings that matched none. */
  public static List<Finding> merge(List<Finding> ours, List<BugMapper.Mapped> theirs, Function<String, Optional<String>> defectClassOf) {
    List<Finding> sortedOurs = new ArrayList<>(ours);
    sortedOurs.sort(Finding.ORDER);
    Map<Finding, List<Evidence>> added = new IdentityHashMap<>();
    List<Finding> unmatched = new ArrayList<>();
    for (BugMapper.Mapped m : theirs) {
      String dc = PatternTable.of(m.bug().type()).defectClass();
      Finding target = null;
      if (!PatternTable.UNMAPPED.equals(dc)) {
        for (Finding o : sortedOurs) {
          if (o.ruleId().startsWith(BugMapper.RULE_PREFIX) || !o.location().file().equals(m.finding().location().file())) {
            continue;
          }
          if (defectClassOf.apply(o.ruleId()).filter(dc::equals).isPresent() && sameDefect(o, m)) {
            target = o;
            break;
          }
        }
      }
      if (target == null) {
        unmatched.add(m.finding());
      } else {
        added.computeIfAbsent(target, k -> new ArrayList<>()).add(new Evidence(m.finding().location(),
            "also reported by SpotBugs as " + m.bug().type() + ": " + m.finding().message()));
      }
    }
    List<Finding> out = new ArrayList<>(ours.size() + unmatched.size());
    for (Finding o : ours) {
      List<Evidence> extra = added.get(o);
      out.add(extra == null ? o : withEvidence(o, extra));
    }
    out.addAll(unmatched);
    return out;
  }

  private static boolean sameDefect(Finding ours, BugMapper.Mapped theirs) {
    var loc = theirs.finding().location();
    if (ours.location().overlapsLines(loc)) {
      return true;
    }
    for (Evidence e : ours.evidence()) {
      if (e.location() != null && e.location().overlapsLines(loc)) {
        return true;
      }
    }
    String field = theirs.bug().field();
    if (field != null) {
      return ours.message().contains("'" + field + "'") || (ours.symbol() != null && ours.symbol().endsWith("." + field));
    }
    return false;
  }

  private static Finding withEvidence(Finding f, List<Evidence> extra) {
    List<Evidence> ev = new ArrayList<>(f.evidence());
    ev.addAll(extra);
    return new Finding(f.ruleId(), f.severity(), f.message(), f.location(), f.symbol(), ev, f.suggestion(), f.fixes(), f.fingerprint(), f.suppression());
  }
}
