package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The program's lock-order graph: an edge L1 → L2 wherever L2 is acquired by a blocking
 * acquisition ({@code synchronized}, {@code lock()}, {@code lockInterruptibly()}; not
 * {@code tryLock}, timed or not) while L1 is held, directly or in any callee, as computed by
 * {@link LockSummaries}. Re-entrant acquisition (the same lock, either side) is not an edge, and
 * neither is a nested acquisition inside an {@code if/else} that orders the two locks by a
 * comparison (see {@link LockSummaries#isInOrderingBranch}). Locks known only by their source text
 * ({@link LockId.Kind#EXPRESSION}) are left out: two equal texts need not be one object.
 *
 * <p>{@link #cycles()} lists the elementary cycles, each once, rotated to start at its least lock,
 * among code that can run concurrently (see {@link Concurrency}). A method that takes the locks of
 * two of its parameters of one type in a fixed order (or its own monitor and then a parameter's of
 * its own type) forms a cycle with itself when called with swapped arguments: such an edge is
 * reported as a one-edge {@link Cycle#swapped() swapped} cycle.
 */
public final class LockOrderGraph {
  /** Bounds on cycle enumeration: longest cycle and total cycles kept. */
  public static final int MAX_CYCLE_LENGTH = 6;

  public static final int MAX_CYCLES = 200;
  public static final int MAX_STEPS = 200_000;

  /**
   * The seam for "can this code run concurrently with other code?". The default criterion is
   * deliberately simple: a body counts when other threads can reach it — a lambda, a member of an
   * anonymous or local class, or a non-private method (any caller, on any thread, may call it).
   * A shared concurrency model (thread entries, executors) can be plugged in here instead.
   */
  public interface Concurrency {
    boolean mayRunConcurrently(MethodModel body);

    Concurrency DEFAULT = body -> body.isLambda() || !body.isPrivate() || body.owner().isAnonymous();
  }

  /**
   * An edge {@code from → to}: {@code first} is where {@code from} was taken, {@code second} the
   * acquisition of {@code to} (its site and the calls from {@code body} down to it).
   */
  public record Edge(LockId from, LockId to, MethodModel body, LockSet.Held first, LockSummaries.Acquisition second) {}

  /** An elementary cycle, as its edges in order; {@code swapped}: one edge closed by calling the method with swapped arguments. */
  public record Cycle(List<Edge> edges, boolean swapped) {
    public List<LockId> locks() {
      return edges.stream().map(Edge::from).toList();
    }
  }

  private final Map<String, LockId> nodes = new TreeMap<>();
  private final Map<String, Map<String, Edge>> edges = new TreeMap<>();
  private final List<Cycle> cycles;

  private LockOrderGraph(Program program, LockSummaries summaries, Concurrency concurrency) {
    List<MethodModel> bodies = new ArrayList<>(program.bodies());
    bodies.sort(Comparator.comparing(MethodModel::signature));
    for (MethodModel body : bodies) {
      if (!concurrency.mayRunConcurrently(body)) {
        continue;
      }
      for (LockSummaries.Acquisition a : summaries.of(body).acquisitions()) {
        if (a.how() != Locks.Acquisition.BLOCKING || a.lock().kind() == LockId.Kind.EXPRESSION) {
          continue;
        }
        LockId to = a.lock().base();
        if (a.heldBefore().containsBase(to)) {
          continue; // re-entrant
        }
        for (LockSet.Held h : a.heldBefore().held()) {
          LockId from = h.lock().base();
          if (from.kind() == LockId.Kind.EXPRESSION || LockSummaries.isInOrderingBranch(h.acquiredAt())) {
            continue;
          }
          addEdge(new Edge(from, to, body, h, a));
        }
      }
    }
    this.cycles = findCycles();
  }

  /** The shared graph with the default concurrency criterion. */
  public static LockOrderGraph of(Program program) {
    return program.analysis(LockOrderGraph.class, p -> new LockOrderGraph(p, LockSummaries.of(p), Concurrency.DEFAULT));
  }

  public static LockOrderGraph build(Program program, LockSummaries summaries, Concurrency concurrency) {
    return new LockOrderGraph(program, summaries, concurrency);
  }

  private static final Comparator<Edge> EVIDENCE_ORDER = Comparator
      .comparingInt((Edge e) -> e.second().path().size())
      .thenComparing(e -> position(e.first().acquiredAt()))
      .thenComparing(e -> position(e.second().site()))
      .thenComparing(e -> e.body().signature());

  private void addEdge(Edge e) {
    String f = LockSummaries.key(e.from());
    String t = LockSummaries.key(e.to());
    nodes.put(f, e.from());
    nodes.put(t, e.to());
    Map<String, Edge> out = edges.computeIfAbsent(f, k -> new TreeMap<>());
    Edge old = out.get(t);
    if (old == null || EVIDENCE_ORDER.compare(e, old) < 0) {
      out.put(t, e);
    }
  }

  /** A sortable position: file path, line, column. */
  static String position(Node n) {
    String file = n.findCompilationUnit().flatMap(cu -> cu.getStorage()).map(s -> s.getPath().toString()).orElse("");
    return n.getRange().map(r -> String.format("%s:%08d:%05d", file, r.begin.line, r.begin.column)).orElse(file);
  }

  public List<Edge> edges() {
    List<Edge> out = new ArrayList<>();
    edges.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  public List<Cycle> cycles() {
    return cycles;
  }

  // ---- cycles

  private List<Cycle> findCycles() {
    List<String> order = new ArrayList<>(nodes.keySet()); // sorted
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      rank.put(order.get(i), i);
    }
    List<Cycle> out = new ArrayList<>();
    Set<String> seenSites = new HashSet<>();
    // swapped-argument self-cycles
    for (Map<String, Edge> m : edges.values()) {
      for (Edge e : m.values()) {
        if (out.size() >= MAX_CYCLES) {
          break;
        }
        if (isSwappable(e) && !hasEdge(e.to(), e.from()) && seenSites.add(siteKey(List.of(e)))) {
          out.add(new Cycle(List.of(e), true));
        }
      }
    }
    int[] steps = {0};
    for (String start : order) {
      if (out.size() >= MAX_CYCLES || steps[0] > MAX_STEPS) {
        break;
      }
      List<String> path = new ArrayList<>();
      path.add(start);
      dfs(start, start, path, new HashSet<>(Set.of(start)), rank, out, seenSites, steps);
    }
    return List.copyOf(out);
  }

  private void dfs(String start, String v, List<String> path, Set<String> onPath, Map<String, Integer> rank,
      List<Cycle> out, Set<String> seenSites, int[] steps) {
    Map<String, Edge> succ = edges.getOrDefault(v, Map.of());
    for (String w : succ.keySet()) {
      if (++steps[0] > MAX_STEPS || out.size() >= MAX_CYCLES) {
        return;
      }
      if (w.equals(start)) {
        List<Edge> cyc = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
          String a = path.get(i);
          String b = i + 1 < path.size() ? path.get(i + 1) : start;
          cyc.add(edges.get(a).get(b));
        }
        if (seenSites.add(siteKey(cyc))) {
          out.add(new Cycle(List.copyOf(cyc), false));
        }
        continue;
      }
      if (rank.get(w) < rank.get(start) || onPath.contains(w) || path.size() >= MAX_CYCLE_LENGTH) {
        continue;
      }
      onPath.add(w);
      path.add(w);
      dfs(start, w, path, onPath, rank, out, seenSites, steps);
      path.remove(path.size() - 1);
      onPath.remove(w);
    }
  }

  /** The set of (first site, second site) pairs: two cycles made of the same code are one report. */
  private static String siteKey(List<Edge> cycle) {
    TreeSet<String> k = new TreeSet<>();
    for (Edge e : cycle) {
      k.add(position(e.first().acquiredAt()) + ">" + position(e.second().site()));
    }
    return String.join(";", k);
  }

  private boolean hasEdge(LockId from, LockId to) {
    return edges.getOrDefault(LockSummaries.key(from), Map.of()).containsKey(LockSummaries.key(to));
  }

  /** Both locks are the same method's parameters of one type, or its own monitor and a parameter of its own type. */
  private static boolean isSwappable(Edge e) {
    LockId a = e.from();
    LockId b = e.to();
    if (b.kind() != LockId.Kind.PARAMETER || b.type().isEmpty()) {
      return false;
    }
    if (a.kind() == LockId.Kind.PARAMETER) {
      return a.owner().equals(b.owner()) && a.index() != b.index() && a.type().equals(b.type());
    }
    if (a.kind() == LockId.Kind.MONITOR) {
      return b.owner().startsWith(a.owner() + ".") && b.owner().indexOf('.', a.owner().length() + 1) < 0 && a.owner().equals(b.type());
    }
    return false;
  }

  /** Edges by source, for tests and reports. */
  public Map<LockId, List<LockId>> adjacency() {
    Map<LockId, List<LockId>> out = new LinkedHashMap<>();
    edges.forEach((f, m) -> out.put(nodes.get(f), m.keySet().stream().map(nodes::get).toList()));
    return out;
  }
}
