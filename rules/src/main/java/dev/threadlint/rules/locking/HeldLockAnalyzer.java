package dev.threadlint.rules.locking;

import com.github.javaparser.ast.Node;
import dev.threadlint.core.analysis.LockSet;
import dev.threadlint.core.analysis.LockSummaries;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Helpers shared by the rules that report something done while a lock is held (blocking calls,
 * alien calls, pinning): which body to report in, where, and the evidence trail.
 */
final class HeldLockAnalyzer {
  private HeldLockAnalyzer() {}

  /** One candidate report: in {@code body}, with {@code locks} taken in that body, reaching {@code site} through {@code path}. */
  record Candidate(MethodModel body, Node site, List<LockSet.Held> locks, List<LockSummaries.Hop> path, Object item) {
    Node reportNode() {
      return path.isEmpty() ? site : path.get(0).callNode();
    }
  }

  /** True when {@code n} is {@code body}'s node or inside it. */
  static boolean within(MethodModel body, Node n) {
    Node b = body.node();
    for (Node x = n; x != null; x = x.getParentNode().orElse(null)) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }

  /** The held locks that {@code body} itself took (its synchronized modifier included), filtered. */
  static List<LockSet.Held> ownLocks(MethodModel body, LockSet held, Predicate<LockSet.Held> filter) {
    List<LockSet.Held> out = new ArrayList<>();
    for (LockSet.Held h : held.held()) {
      if (within(body, h.acquiredAt()) && filter.test(h)) {
        out.add(h);
      }
    }
    return out;
  }

  /** One candidate per site: the one nearest to the site (shortest path), ties by position. */
  static List<Candidate> onePerSite(List<Candidate> all) {
    Map<Node, Candidate> best = new IdentityHashMap<>();
    Comparator<Candidate> order = Comparator.comparingInt((Candidate c) -> c.path().size())
        .thenComparing(c -> position(c.reportNode()))
        .thenComparing(c -> c.body().signature());
    for (Candidate c : all) {
      best.merge(c.site(), c, (a, b) -> order.compare(a, b) <= 0 ? a : b);
    }
    List<Candidate> out = new ArrayList<>(best.values());
    out.sort(Comparator.comparing((Candidate c) -> position(c.site())).thenComparing(c -> position(c.reportNode())));
    return out;
  }

  /**
   * One candidate per (report location, description): two sites of the same call (e.g. both
   * branches of an if in a callee) reached through one call in the reporting body are one finding.
   */
  static List<Candidate> onePerReport(List<Candidate> sorted, java.util.function.Function<Candidate, String> description) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : sorted) {
      if (seen.add(position(c.reportNode()) + "|" + description.apply(c) + "|" + locksText(c.locks()))) {
        out.add(c);
      }
    }
    return out;
  }

  static String describe(Candidate c) {
    if (c.item() instanceof LockSummaries.Blocking b) {
      return b.description();
    }
    if (c.item() instanceof LockSummaries.AlienCall a) {
      return a.description();
    }
    return String.valueOf(c.item());
  }

  static String position(Node n) {
    String file = n.findCompilationUnit().flatMap(cu -> cu.getStorage()).map(s -> s.getPath().toString()).orElse("");
    return n.getRange().map(r -> String.format("%s:%08d:%05d", file, r.begin.line, r.begin.column)).orElse(file);
  }

  static List<String> pathNames(MethodModel body, List<LockSummaries.Hop> path) {
    List<String> out = new ArrayList<>();
    out.add(body.displayName());
    for (LockSummaries.Hop h : path) {
      out.add(h.callee().displayName());
    }
    return out;
  }

  static String locksText(List<LockSet.Held> locks) {
    List<String> names = new ArrayList<>();
    for (LockSet.Held h : locks) {
      names.add(h.lock().display());
    }
    return String.join(", ", names);
  }

  /** Evidence: where each lock was taken, then the site with the call path. */
  static void addEvidence(RuleContext.FindingBuilder b, Candidate c, String siteText) {
    for (LockSet.Held h : c.locks()) {
      b.evidence(h.acquiredAt(), h.lock().display() + " taken here");
    }
    List<String> names = pathNames(c.body(), c.path());
    Evidence e = RuleContext.evidence(c.site(), siteText + (c.path().isEmpty() ? "" : " (via " + String.join(" -> ", names) + ")"));
    b.evidence(new Evidence(e.location(), e.message(), null, names));
  }

  static List<MethodModel> sortedBodies(Program p) {
    List<MethodModel> bodies = new ArrayList<>(p.bodies());
    bodies.sort(Comparator.comparing(MethodModel::signature));
    return bodies;
  }
}
