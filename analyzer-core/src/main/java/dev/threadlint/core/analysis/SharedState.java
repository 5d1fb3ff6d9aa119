package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import dev.threadlint.core.analysis.AccessSummaries.Access;
import dev.threadlint.core.analysis.ConcurrencyModel.Confidence;
import dev.threadlint.core.analysis.ConcurrencyModel.Entry;
import dev.threadlint.core.analysis.ConcurrencyModel.EntryKind;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Joins the {@link ConcurrencyModel} with the {@link AccessSummaries}: for every field, the
 * accesses reached from each concurrency entry ("hits"), and the pairs of conflicting accesses
 * (one writes, different entries that may run at the same time, no common lock). Computed once
 * and shared by the shared-mutable-state rules.
 */
public final class SharedState {
  /** Hits kept per field (the pair search is quadratic in this bound, not in the program). */
  public static final int MAX_HITS_PER_FIELD = 300;

  /** An access reached from an entry. */
  public record Hit(Entry entry, Access access) {
    /** The call path from the entry down to the access, as method names, outermost first. */
    public List<String> callPath() {
      List<String> out = new ArrayList<>();
      out.add(ConcurrencyModel.display(entry.body()));
      for (MethodModel m : access.path()) {
        out.add(ConcurrencyModel.display(m));
      }
      return out;
    }
  }

  /** Two conflicting accesses on entries that may run concurrently. */
  public record Race(FieldModel field, Hit write, Hit other, Confidence confidence) {}

  private final Program program;
  private final ConcurrencyModel model;
  private final AccessSummaries summaries;
  private final Publication publication;
  private final FieldIdioms idioms;
  private final Map<FieldModel, List<Hit>> hits = new LinkedHashMap<>();

  private SharedState(Program program) {
    this.program = program;
    this.model = ConcurrencyModel.of(program);
    this.summaries = AccessSummaries.of(program);
    this.publication = Publication.of(program);
    this.idioms = FieldIdioms.of(program);
    Map<FieldModel, List<Hit>> byField = new IdentityHashMap<>();
    for (Entry e : model.entries()) {
      for (Access a : summaries.of(e.body())) {
        if (e.kind() == EntryKind.STARTER && !model.overlapsStarter(e, a.site())) {
          continue;
        }
        List<Hit> list = byField.computeIfAbsent(a.field(), k -> new ArrayList<>());
        if (list.size() < MAX_HITS_PER_FIELD) {
          list.add(new Hit(e, a));
        }
      }
    }
    // deterministic order: program order of fields
    for (var t : program.types()) {
      for (FieldModel f : t.fields()) {
        List<Hit> l = byField.get(f);
        if (l != null) {
          hits.put(f, l);
        }
      }
    }
  }

  public static SharedState of(Program program) {
    return program.analysis(SharedState.class, SharedState::new);
  }

  public ConcurrencyModel model() {
    return model;
  }

  public AccessSummaries summaries() {
    return summaries;
  }

  public Program program() {
    return program;
  }

  /** Fields with at least one access reached from an entry, in program order. */
  public List<FieldModel> fields() {
    return List.copyOf(hits.keySet());
  }

  public List<Hit> hits(FieldModel f) {
    return Collections.unmodifiableList(hits.getOrDefault(f, List.of()));
  }

  /**
   * The most strongly evidenced race on {@code f} among hits whose access passes {@code filter}:
   * one side writes, the entries may run concurrently, and no lock held at one excludes a lock
   * held at the other.
   */
  public Optional<Race> race(FieldModel f, Predicate<Access> filter) {
    List<Hit> all = hits(f).stream().filter(h -> filter.test(h.access())).toList();
    if (idioms.isCasManaged(f) || idioms.isBenignLazyInit(f)) {
      // updated by compare-and-set, or lazily set to an immutable value: plain reads and writes are by design
      all = all.stream().filter(h -> h.access().kind().isContents()).toList();
    }
    // report at an unguarded write when there is one: that is where the fix goes
    List<Hit> writes = new ArrayList<>(all);
    writes.sort((a, b) -> Boolean.compare(!a.access().held().isEmpty(), !b.access().held().isEmpty()));
    Race best = null;
    for (Hit w : writes) {
      if (!w.access().isWrite()) {
        continue;
      }
      for (Hit o : all) {
        if (w.access().held().excludes(o.access().held())) {
          continue;
        }
        // both on objects handed around between calls: same object only if they are not owned (RacerD's ownership caveat)
        Confidence c = concurrency(w, o);
        if (c == Confidence.NONE || (best != null && c.compareTo(best.confidence()) <= 0)) {
          continue;
        }
        if (w.access().kind() == AccessSummaries.Kind.WRITE && o.access().kind() == AccessSummaries.Kind.READ
            && publication.orderedByFlag(f, o.access().node())) {
          continue; // the read comes after a test of the volatile flag written after every write
        }
        if (w.access().kind().isContents() != o.access().kind().isContents()) {
          continue;
        }
        best = new Race(f, w, o, c);
        if (c == Confidence.HIGH) {
          return Optional.of(best);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * How strongly it is evidenced that two hits run at the same time on the same object: the
   * entries' concurrency, lowered when both reach the object through handles passed around, and
   * NONE when two runs of one entry work on different objects or the objects are per-instance
   * confined. Locks and field kinds are the caller's business.
   */
  public Confidence concurrency(Hit a, Hit b) {
    Confidence c = model.concurrency(a.entry(), b.entry());
    if (c == Confidence.NONE) {
      return c;
    }
    if (c == Confidence.HIGH && a.access().receiver() == AccessSummaries.Receiver.OTHER && b.access().receiver() == AccessSummaries.Receiver.OTHER) {
      c = Confidence.MEDIUM;
    }
    if (a.entry() == b.entry() && (!sameObjectAcrossRuns(a) || !sameObjectAcrossRuns(b))) {
      return Confidence.NONE;
    }
    if (distinctInstances(a, b)) {
      return Confidence.NONE;
    }
    return c;
  }

  /**
   * Two runs of one self-concurrent entry touch the same object: a static field, or state of the
   * instance a lambda captured (every submission of the lambda shares it). Two runs of a task
   * class's run() usually work on two task objects, so their instance state is not evidence.
   */
  private static boolean sameObjectAcrossRuns(Hit h) {
    if (h.access().receiver() == AccessSummaries.Receiver.STATIC) {
      return true;
    }
    if (h.access().root().kind() == AccessSummaries.RootKind.PER_RUN) {
      return false; // each run works on the object its own loop iteration captured
    }
    // a lambda's captured instance and captured objects are the same for every submission
    return h.entry().body().isLambda()
        || h.entry().kind() == ConcurrencyModel.EntryKind.CONTRACT && h.access().receiver() == AccessSummaries.Receiver.THIS;
  }

  /**
   * Per-instance confinement: both accesses are on objects the entries reached through fields of
   * their own object graphs, two different fields of two different types, neither of which may
   * hold the other entry's own object. Each thread then works on the instance its own graph holds
   * (a client per thread, a connection state per client); a shared object handed to two workers
   * arrives through fields of the same type, and stays reported.
   */
  boolean distinctInstances(Hit a, Hit b) {
    AccessSummaries.Root ra = a.access().root();
    AccessSummaries.Root rb = b.access().root();
    if (a.access().receiver() != AccessSummaries.Receiver.OTHER || b.access().receiver() != AccessSummaries.Receiver.OTHER
        || ra.kind() != AccessSummaries.RootKind.FIELD || rb.kind() != AccessSummaries.RootKind.FIELD) {
      return false;
    }
    FieldModel fa = ra.field();
    FieldModel fb = rb.field();
    if (fa == fb || fa.isStatic() || fb.isStatic()) {
      return false;
    }
    if (mayHold(fa, b.entry()) || mayHold(fb, a.entry())) {
      return false;
    }
    String ta = erasure(fa.typeName());
    String tb = erasure(fb.typeName());
    if (!ta.equals(tb)) {
      return true;
    }
    // two fields of one type: distinct when we see where both get their objects and no code
    // hands the same variable to both
    List<String> oa = origins(fa);
    List<String> ob = origins(fb);
    return oa != null && ob != null && oa.stream().noneMatch(ob::contains);
  }

  private final Map<FieldModel, Optional<List<String>>> origins = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Where the objects a field holds come from, as "body|expression" of the variable handed to the
   * constructor that stores it ({@code new Worker(counter)} in {@code Main.main} gives
   * "Main.main|counter"); objects created in place add nothing. Null when some assignment is not
   * of that form (a setter, a call result) or the class is not created in the program.
   */
  List<String> origins(FieldModel f) {
    return origins.computeIfAbsent(f, k -> Optional.ofNullable(computeOrigins(k, 0))).orElse(null);
  }

  private List<String> computeOrigins(FieldModel f, int depth) {
    List<String> out = new ArrayList<>();
    var init = f.variable().getInitializer();
    if (init.isPresent() && !(Locks.unwrap(init.get()) instanceof com.github.javaparser.ast.expr.ObjectCreationExpr)) {
      return null;
    }
    var decl = f.owner().declaration();
    if (decl.isEmpty()) {
      return null;
    }
    for (var assign : decl.get().findAll(com.github.javaparser.ast.expr.AssignExpr.class)) {
      if (program.localTypes().fieldOf(Locks.unwrap(assign.getTarget())).orElse(null) != f) {
        continue;
      }
      List<String> more = valueOrigins(assign.getValue(), depth);
      if (more == null) {
        return null;
      }
      out.addAll(more);
    }
    return out;
  }

  /** Origins of a value stored by a constructor: {@code new ..} (none), or a constructor parameter (its creation sites' arguments). */
  private List<String> valueOrigins(com.github.javaparser.ast.expr.Expression value, int depth) {
    var v = Locks.unwrap(value);
    if (v instanceof com.github.javaparser.ast.expr.ObjectCreationExpr) {
      return List.of();
    }
    if (!(v instanceof com.github.javaparser.ast.expr.NameExpr n) || depth > 2
        || !(program.localTypes().bind(n).orElse(null) instanceof dev.threadlint.core.program.LocalTypes.Local l)
        || !(l.declaration() instanceof com.github.javaparser.ast.body.Parameter p)
        || !(p.getParentNode().orElse(null) instanceof com.github.javaparser.ast.body.ConstructorDeclaration ctor)) {
      return null;
    }
    int index = ctor.getParameters().indexOf(p);
    MethodModel ctorModel = program.enclosingBody(p).orElse(null);
    if (ctorModel == null || ctorModel.node() != ctor) {
      ctorModel = program.bodies().stream().filter(b -> b.node() == ctor).findFirst().orElse(null);
    }
    if (ctorModel == null) {
      return null;
    }
    var sites = program.callGraph().callsTo(ctorModel);
    if (sites.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (var site : sites) {
      if (!(site.node() instanceof com.github.javaparser.ast.nodeTypes.NodeWithArguments<?> call) || index >= call.getArguments().size()) {
        return null;
      }
      var arg = Locks.unwrap(call.getArguments().get(index));
      if (arg instanceof com.github.javaparser.ast.expr.ObjectCreationExpr) {
        continue;
      }
      if (site.caller().isConstructor() && arg instanceof com.github.javaparser.ast.expr.NameExpr) {
        // this(..)/super(..) or a wrapper's constructor passing its own parameter on
        List<String> up = valueOrigins(arg, depth + 1);
        if (up != null) {
          out.addAll(up);
          continue;
        }
      }
      out.add(site.caller().signature() + "|" + arg);
    }
    return out;
  }

  /** True when field {@code f}'s type may be the class whose method {@code e} is: then {@code e}'s own object may be what {@code f} holds. */
  private static boolean mayHold(FieldModel f, Entry e) {
    String t = erasure(f.typeName());
    var owner = e.body().owner();
    return owner.simpleName().equals(t) || owner.isSubtypeOf(t);
  }

  private static String erasure(String type) {
    String t = type;
    int lt = t.indexOf('<');
    if (lt >= 0) {
      t = t.substring(0, lt);
    }
    int dot = t.lastIndexOf('.');
    return dot >= 0 ? t.substring(dot + 1) : t;
  }

  /** True when some thread entry (not only a contract) reaches an access of {@code f}. */
  public boolean reachedFromThread(FieldModel f) {
    return hits(f).stream().anyMatch(h -> h.entry().kind() == EntryKind.THREAD);
  }
}
