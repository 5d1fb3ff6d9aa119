package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadlint.core.program.Annotations;
import dev.threadlint.core.program.CallGraph;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which code bodies may run concurrently with which. Three sources of concurrency:
 *
 * <ul>
 *   <li><b>thread entries</b>: code handed to another thread — {@code run()} of Thread subclasses,
 *       tasks given to {@code new Thread}, thread builders, executors, {@code CompletableFuture.*Async},
 *       timers, fork/join tasks, lambdas of parallel streams. The code that started the task keeps
 *       running concurrently with it (after the launch point), and a task handed to a pool may run
 *       concurrently with itself;
 *   <li><b>API methods</b> of a class that owns a thread entry: other threads may call them while
 *       the entry runs;
 *   <li><b>classes concurrent by contract</b>: {@code @ThreadSafe}, servlets, singleton components,
 *       and classes that use {@code synchronized} or locks themselves. Their non-private methods may
 *       run concurrently with each other and with themselves.
 * </ul>
 *
 * <p>Whether a lambda runs <i>now</i> on this thread (under the caller's locks) or <i>later</i>
 * on another thread is decided from tables of methods ({@link #RUN_NOW_METHODS},
 * {@link #LAUNCH_METHODS}), not scattered conditionals.
 */
public final class ConcurrencyModel {

  /** Library methods whose functional arguments run now, on the calling thread, under its locks. */
  public static final Set<String> RUN_NOW_METHODS = Set.of(
      "forEach", "forEachOrdered", "forEachRemaining", "computeIfAbsent", "computeIfPresent", "compute", "merge",
      "removeIf", "replaceAll", "sort", "map", "mapToInt", "mapToLong", "mapToDouble", "mapToObj", "flatMap", "filter",
      "reduce", "collect", "anyMatch", "allMatch", "noneMatch", "min", "max", "sorted", "peek", "takeWhile", "dropWhile",
      "ifPresent", "ifPresentOrElse", "orElseGet", "orElseThrow", "or", "comparing", "comparingInt", "comparingLong",
      "comparingDouble", "thenComparing", "toMap", "groupingBy", "partitioningBy", "mapping", "filtering", "iterate",
      "generate", "accept", "apply", "test", "get", "run", "call", "withLock", "doPrivileged", "runInLock", "synchronizedRun",
      "requireNonNullElseGet", "setAll", "getOrCompute", "transform", "transformValues", "filterKeys", "filterValues");

  /** Library methods that hand their functional or Runnable arguments to another thread. */
  public static final Set<String> LAUNCH_METHODS = Set.of(
      "execute", "submit", "invokeAll", "invokeAny", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay",
      "runAsync", "supplyAsync", "startVirtualThread", "newThread", "unstarted", "addShutdownHook", "submitTask");

  /** Supertypes whose {@code run/compute} bodies run on a thread of their own. */
  public static final Map<String, String> TASK_SUPERTYPES = Map.of(
      "Thread", "run", "TimerTask", "run", "RecursiveTask", "compute", "RecursiveAction", "compute", "CountedCompleter", "compute");

  /** What kind of concurrency an entry stands for. */
  public enum EntryKind {
    /** A body that runs on a thread of its own (a started thread, a pool task, a parallel-stream lambda). */
    THREAD,
    /** The code that started a thread entry; its accesses after the launch point overlap the entry. */
    STARTER,
    /** A non-private method of a class that owns a thread entry: other threads may call it meanwhile. */
    API,
    /** A non-private method of a class that is concurrent by contract. */
    CONTRACT
  }

  /** How strongly concurrency between two entries is evidenced. */
  public enum Confidence {
    NONE,
    /** Both run in a class concurrent by contract. */
    CONTRACT,
    /** One side is a thread entry, the other an API method of a class that may be called meanwhile. */
    MEDIUM,
    /** Both are thread entries (or an entry and the code that started it). */
    HIGH
  }

  /**
   * Where and how a thread entry's task is started by one starter: {@code start} is the node where
   * it begins to run (a {@code start()} call, a submit; the construction when no start is found),
   * {@code joins} the nodes of the starter after which it has ended ({@code join()}, {@code get()},
   * awaiting its executor or a latch it counts down).
   */
  public record Window(MethodModel starter, Node start, List<Node> joins) {
    public Window {
      joins = List.copyOf(joins);
    }
  }

  /**
   * One entry. {@code launch} is the node that started a thread entry (null when inferred from a
   * supertype); for a STARTER, the node where the task begins to run (its window's start);
   * {@code related} links a STARTER or API entry to its thread entry. {@code windows}: for a
   * THREAD entry every place it is started, for a STARTER its own. {@code lane}: the single
   * thread (single-thread executor, Timer) that runs a task, or null.
   */
  public record Entry(MethodModel body, EntryKind kind, Node launch, boolean selfConcurrent, String description, Entry related,
      List<Window> windows, String lane) {
    public Entry {
      windows = List.copyOf(windows);
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }

    @Override
    public String toString() {
      return kind + " " + description;
    }
  }

  /** When a nested body (lambda, anonymous class member) runs. */
  public enum Execution {
    /** Now, on this thread, under the caller's locks (forEach, computeIfAbsent, sort comparators...). */
    NOW,
    /** Later on another thread: it is a thread entry. */
    LATER,
    /** Stored or returned: it runs later, on a thread not known here. */
    UNKNOWN
  }

  private final Program program;
  private final Set<String> threadSafeAnnotations;
  private final Set<String> singletonAnnotations;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<MethodModel, Entry> threadEntries = new IdentityHashMap<>();
  private final Map<TypeModel, String> contractReasons = new IdentityHashMap<>();
  private final Map<Node, Execution> nestedExecution = new IdentityHashMap<>();
  private final Map<Entry, List<MethodModel>> starters = new IdentityHashMap<>();
  private final ThreadLifecycle lifecycle;
  private final Set<TypeModel> threadOwners = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The model for a program, computed once with the built-in annotation lists. */
  public static ConcurrencyModel of(Program program) {
    // the project's configuration (threadlint.yml) may name more thread-safe and singleton annotations
    return program.analysis(ConcurrencyModel.class,
        p -> new ConcurrencyModel(p, p.knowledge().threadSafeAnnotations(), p.knowledge().singletonAnnotations()));
  }

  /**
   * @param extraThreadSafeAnnotations simple names of more annotations that declare a class thread-safe (from configuration)
   * @param extraSingletonAnnotations simple names of more annotations that make a class a shared singleton
   */
  public ConcurrencyModel(Program program, Set<String> extraThreadSafeAnnotations, Set<String> extraSingletonAnnotations) {
    this.program = program;
    this.threadSafeAnnotations = union(ThreadSafety.THREAD_SAFE_ANNOTATIONS, extraThreadSafeAnnotations);
    this.singletonAnnotations = union(ThreadSafety.SINGLETON_ANNOTATIONS, extraSingletonAnnotations);
    this.lifecycle = new ThreadLifecycle(program);
    for (TypeModel t : program.types()) {
      contractReason(t).ifPresent(r -> contractReasons.put(t, r));
    }
    findThreadEntries();
    addApiAndContractEntries();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  public List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** The thread entry whose body is {@code body}, if any. */
  public Optional<Entry> threadEntry(MethodModel body) {
    return Optional.ofNullable(threadEntries.get(body));
  }

  /** Why a type is concurrent by contract ("annotated @ThreadSafe", "a servlet"...), if it is. */
  public Optional<String> contractReason(TypeModel t) {
    if (contractReasons.containsKey(t)) {
      return Optional.of(contractReasons.get(t));
    }
    for (String a : t.annotations()) {
      if (threadSafeAnnotations.contains(a)) {
        return Optional.of("annotated @" + a);
      }
    }
    if (isSingleton(t)) {
      return Optional.of("a singleton component");
    }
    if (isServlet(t)) {
      return Optional.of("a servlet");
    }
    if (usesLocks(t)) {
      return Optional.of("a class that uses locks");
    }
    return Optional.empty();
  }

  /** True when a class is annotated with one of the thread-safe annotations. */
  public boolean isDeclaredThreadSafe(TypeModel t) {
    return t.annotations().stream().anyMatch(threadSafeAnnotations::contains);
  }

  public boolean isServlet(TypeModel t) {
    return !ThreadSafety.SERVLET_TYPES.contains(t.simpleName()) && ThreadSafety.SERVLET_TYPES.stream().anyMatch(t::isSubtypeOf);
  }

  /** A container singleton: Spring stereotype without a non-singleton scope, Jakarta @Singleton/@ApplicationScoped. */
  public boolean isSingleton(TypeModel t) {
    if (t.annotations().stream().noneMatch(singletonAnnotations::contains)) {
      return false;
    }
    for (AnnotationExpr a : t.annotationExprs()) {
      String n = Annotations.simpleName(a);
      if (n.equals("Scope") || n.endsWith("Scope") && !n.equals("ApplicationScoped")) {
        List<String> values = new ArrayList<>(Annotations.stringValues(a, "value"));
        values.addAll(Annotations.stringValues(a, "scopeName"));
        Optional<Expression> v = Annotations.member(a, "value");
        v.ifPresent(e -> values.add(e.toString()));
        for (String s : values) {
          String low = s.toLowerCase(Locale.ROOT);
          if (ThreadSafety.NON_SINGLETON_SCOPES.stream().anyMatch(low::contains)) {
            return false;
          }
        }
        if (n.equals("RequestScoped") || n.equals("SessionScoped") || n.equals("Dependent")) {
          return false;
        }
      }
      if (n.equals("RequestScoped") || n.equals("SessionScoped") || n.equals("Dependent") || n.equals("Prototype")) {
        return false;
      }
    }
    return true;
  }

  /** The class's author expected concurrency: it has synchronized methods or blocks, or lock fields. */
  public boolean usesLocks(TypeModel t) {
    for (MethodModel m : t.methods()) {
      if (m.isSynchronized() || m.annotations().contains("Synchronized")) {
        return true;
      }
    }
    for (FieldModel f : t.fields()) {
      if (Locks.LOCK_TYPES.contains(f.typeName()) || Locks.READ_WRITE_LOCK_TYPES.contains(f.typeName()) || f.typeName().equals(Locks.STAMPED_LOCK)) {
        return true;
      }
    }
    if (t.declaration().isPresent()) {
      for (BodyDeclaration<?> m : t.members()) {
        if (!(m instanceof com.github.javaparser.ast.body.TypeDeclaration<?>)
            && m.findFirst(SynchronizedStmt.class, s -> program.enclosingType(s).orElse(null) == t).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when some thread entry's body belongs to {@code t} (its lambdas, its run method). */
  public boolean ownsThreadEntry(TypeModel t) {
    return threadOwners.contains(t);
  }

  /** How strongly it is evidenced that {@code a} and {@code b} may run at the same time. */
  public Confidence concurrency(Entry a, Entry b) {
    if (a == b) {
      if (!a.selfConcurrent() || a.kind() == EntryKind.THREAD && scoped(a)) {
        return Confidence.NONE;
      }
      return a.kind() == EntryKind.THREAD ? Confidence.HIGH : a.kind() == EntryKind.CONTRACT ? Confidence.CONTRACT : Confidence.NONE;
    }
    EntryKind ka = a.kind();
    EntryKind kb = b.kind();
    if (ka == EntryKind.THREAD && kb == EntryKind.THREAD) {
      if (a.lane() != null && a.lane().equals(b.lane())) {
        return Confidence.NONE; // one thread runs both, one after the other
      }
      if (sequential(a, b) || sequential(b, a)) {
        return Confidence.NONE;
      }
      if (bounded(a) && bounded(b) && !sameStarters(a, b)) {
        return Confidence.NONE; // each ends before its starter returns: they overlap only if their starters do
      }
      return Confidence.HIGH;
    }
    if (ka == EntryKind.STARTER && a.related() == b || kb == EntryKind.STARTER && b.related() == a) {
      return Confidence.HIGH;
    }
    if (ka == EntryKind.API && a.related() == b || kb == EntryKind.API && b.related() == a) {
      return Confidence.MEDIUM;
    }
    if (ka == EntryKind.THREAD && kb == EntryKind.CONTRACT || kb == EntryKind.THREAD && ka == EntryKind.CONTRACT) {
      return Confidence.MEDIUM;
    }
    if (ka == EntryKind.CONTRACT && kb == EntryKind.CONTRACT) {
      return Confidence.CONTRACT;
    }
    return Confidence.NONE;
  }

  /**
   * A task its starter waits for before it goes on (structured concurrency): every start is
   * followed on every path by a join, and no start repeats in a loop without its join. Two runs of
   * such a task overlap only if its starter runs twice at once.
   */
  static boolean scoped(Entry e) {
    return joinedBy(e, true);
  }

  /**
   * A task that ends before its starter goes on past its join, though runs started in one loop may
   * overlap each other until the join after the loop ({@code fs.add(pool.submit(..))}, then every
   * {@code f.get()}): it lives within one execution of its starter.
   */
  static boolean bounded(Entry e) {
    return joinedBy(e, false);
  }

  private static boolean joinedBy(Entry e, boolean withinLoop) {
    if (e.windows().isEmpty()) {
      return false;
    }
    for (Window w : e.windows()) {
      Node code = w.starter().body().orElse(null);
      Optional<Node> loop = withinLoop ? ThreadLifecycle.loopAround(w.start(), code) : Optional.empty();
      boolean joined = w.joins().stream().anyMatch(j -> isMustJoin(j, w) && loop.map(l -> ThreadLifecycle.contains(l, j)).orElse(true));
      if (!joined) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameStarters(Entry a, Entry b) {
    for (Window wa : a.windows()) {
      for (Window wb : b.windows()) {
        if (wa.starter() == wb.starter()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True when every run of {@code a} has ended before {@code b} starts: both are started once, by
   * the same body, and that body joins {@code a} (on every path) before it starts {@code b}.
   */
  private static boolean sequential(Entry a, Entry b) {
    if (a.windows().size() != 1 || b.windows().size() != 1 || a.selfConcurrent() && inLoop(a.windows().get(0).start(), a.windows().get(0).starter())) {
      return false;
    }
    Window wa = a.windows().get(0);
    Window wb = b.windows().get(0);
    if (wa.starter() != wb.starter()) {
      return false;
    }
    for (Node j : wa.joins()) {
      if (isMustJoin(j, wa) && ThreadLifecycle.before(j, wb.start()) && ThreadLifecycle.loopAround(wb.start(), wb.starter().node())
          .map(loop -> ThreadLifecycle.contains(loop, j)).orElse(true)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the code of a STARTER at {@code site} (a node of the starter's own body) may run
   * while the task it started runs: after the start, and before any join that every path to
   * {@code site} passes; or before the start, inside a loop that starts the task again later.
   */
  public boolean overlapsStarter(Entry starter, Node site) {
    if (starter.kind() != EntryKind.STARTER || starter.windows().isEmpty()) {
      return true;
    }
    Window w = starter.windows().get(0);
    Node start = w.start();
    if (start == null || site == null) {
      return true;
    }
    Node code = w.starter().body().orElse(null);
    if (ThreadLifecycle.exclusiveBranches(site, start)) {
      return false; // the other branch of an if/else: never in the same run as the start
    }
    if (!ThreadLifecycle.after(site, start)) {
      // before the start: the task of an earlier iteration may still run
      Optional<Node> loop = ThreadLifecycle.loopAround(start, code);
      if (loop.isEmpty() || !ThreadLifecycle.contains(loop.get(), site)) {
        return false;
      }
      return w.joins().stream().noneMatch(j -> ThreadLifecycle.contains(loop.get(), j) && isMustJoin(j, w));
    }
    for (Node j : w.joins()) {
      if (isMustJoin(j, w) && ThreadLifecycle.after(site, j)) {
        return false;
      }
    }
    return true;
  }

  /** A join on every path after the start: not inside a branch, catch or lambda the start is not in. */
  private static boolean isMustJoin(Node join, Window w) {
    Node stop = w.starter().body().orElse(null);
    for (Node p = join.getParentNode().orElse(null); p != null && p != stop; p = p.getParentNode().orElse(null)) {
      boolean conditional = p instanceof com.github.javaparser.ast.stmt.IfStmt || p instanceof com.github.javaparser.ast.expr.ConditionalExpr
          || p instanceof com.github.javaparser.ast.stmt.SwitchEntry || p instanceof com.github.javaparser.ast.stmt.CatchClause
          || p instanceof LambdaExpr || p instanceof ForStmt || p instanceof WhileStmt || p instanceof DoStmt || p instanceof ForEachStmt;
      if (conditional && !ThreadLifecycle.contains(p, w.start())) {
        return false;
      }
    }
    return true;
  }

  /** When the lambda or anonymous-class member {@code body} runs, judged from where it is written. */
  public Execution execution(MethodModel body) {
    Node n = body.isLambda() ? body.node() : body.owner().node();
    Execution known = nestedExecution.get(n);
    if (known != null) {
      return known;
    }
    return classify(n);
  }

  private Execution classify(Node fn) {
    Node parent = fn.getParentNode().orElse(null);
    if (parent instanceof MethodCallExpr mc && mc.getArguments().stream().anyMatch(a -> a == fn)) {
      String name = mc.getNameAsString();
      List<MethodModel> targets = program.callGraph().targetsOf(mc);
      if (targets.isEmpty()) {
        if (isLaunch(mc)) {
          return Execution.LATER;
        }
        if (RUN_NOW_METHODS.contains(name)) {
          return inParallelPipeline(mc) ? Execution.LATER : Execution.NOW;
        }
        return Execution.UNKNOWN;
      }
      int index = mc.getArguments().indexOf((Expression) fn);
      for (MethodModel t : targets) {
        if (storesParameter(t, index)) {
          return Execution.UNKNOWN;
        }
      }
      return Execution.NOW;
    }
    if (parent instanceof ObjectCreationExpr oce && oce.getArguments().stream().anyMatch(a -> a == fn)) {
      return oce.getType().getNameAsString().equals("Thread") ? Execution.LATER : Execution.UNKNOWN;
    }
    if (fn instanceof ObjectCreationExpr oce) {
      // an anonymous class: judged by where the instance goes
      if (TASK_SUPERTYPES.containsKey(oce.getType().getNameAsString())) {
        return Execution.LATER;
      }
      return parent instanceof MethodCallExpr || parent instanceof ObjectCreationExpr ? classifyAnonymousArgument(oce, parent) : Execution.UNKNOWN;
    }
    return Execution.UNKNOWN;
  }

  private Execution classifyAnonymousArgument(ObjectCreationExpr oce, Node parent) {
    if (parent instanceof MethodCallExpr mc && mc.getArguments().stream().anyMatch(a -> a == oce)) {
      if (program.callGraph().targetsOf(mc).isEmpty()) {
        if (isLaunch(mc)) {
          return Execution.LATER;
        }
        return RUN_NOW_METHODS.contains(mc.getNameAsString()) ? Execution.NOW : Execution.UNKNOWN;
      }
      return Execution.NOW;
    }
    if (parent instanceof ObjectCreationExpr p && p.getType().getNameAsString().equals("Thread")) {
      return Execution.LATER;
    }
    return Execution.UNKNOWN;
  }

  /** True when method {@code m} stores its {@code index}-th parameter in a field (a callback run later). */
  private boolean storesParameter(MethodModel m, int index) {
    if (index < 0 || index >= m.parameterNames().size() || m.body().isEmpty()) {
      return false;
    }
    String name = m.parameterNames().get(index);
    return m.body().get().findFirst(AssignExpr.class, a -> a.getValue() instanceof NameExpr v && v.getNameAsString().equals(name)
        && program.localTypes().fieldOf(Locks.unwrap(a.getTarget())).isPresent()).isPresent()
        || m.body().get().findFirst(MethodCallExpr.class, c -> c.getNameAsString().startsWith("add") && c.getScope().isPresent()
            && c.getArguments().stream().anyMatch(x -> x instanceof NameExpr v && v.getNameAsString().equals(name))
            && program.localTypes().fieldOf(Locks.unwrap(c.getScope().get())).isPresent()).isPresent();
  }

  /** A library call that hands a task to another thread. */
  public boolean isLaunch(MethodCallExpr mc) {
    String name = mc.getNameAsString();
    if (!program.callGraph().targetsOf(mc).isEmpty()) {
      return false;
    }
    if (LAUNCH_METHODS.contains(name)) {
      return mc.getScope().isPresent() || name.equals("execute") || name.equals("submit");
    }
    if (name.endsWith("Async") && name.length() > 5) {
      return true;
    }
    if ((name.equals("start") || name.equals("unstarted")) && mc.getScope().isPresent()
        && mc.getScope().get().findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("ofVirtual") || c.getNameAsString().equals("ofPlatform")).isPresent()) {
      return true;
    }
    return false;
  }

  private static boolean inParallelPipeline(MethodCallExpr mc) {
    Expression scope = mc.getScope().orElse(null);
    while (scope instanceof MethodCallExpr inner) {
      String n = inner.getNameAsString();
      if (n.equals("parallel") || n.equals("parallelStream")) {
        return true;
      }
      if (n.equals("sequential")) {
        return false;
      }
      scope = inner.getScope().orElse(null);
    }
    return false;
  }

  // ---- entries

  private void findThreadEntries() {
    CallGraph graph = program.callGraph();
    for (MethodModel m : program.bodies()) {
      for (CallGraph.CallSite site : graph.callsFrom(m)) {
        Node call = site.node();
        if (call instanceof ObjectCreationExpr oce && oce.getType().getNameAsString().equals("Thread") && oce.getAnonymousClassBody().isEmpty()) {
          List<ThreadLifecycle.Start> starts = lifecycle.threadStarts(oce, m);
          for (Expression arg : oce.getArguments()) {
            launch(m, oce, arg, inLoop(oce, m), "new Thread(..)", starts, null);
          }
        } else if (call instanceof ObjectCreationExpr oce && oce.getAnonymousClassBody().isEmpty()
            && program.lookupType(oce.getType().getNameAsString(), m.owner()).map(t -> t.isSubtypeOf("Thread")).orElse(false)) {
          // new Worker(..) where Worker extends Thread: its run() is the entry, this body the starter
          launch(m, oce, oce, inLoop(oce, m), "new " + oce.getType().getNameAsString() + "(..)", lifecycle.threadStarts(oce, m), null);
        } else if (call instanceof MethodCallExpr mc && isLaunch(mc)) {
          String name = mc.getNameAsString();
          boolean thread = name.equals("startVirtualThread") || name.equals("start") || name.equals("unstarted") || name.equals("addShutdownHook")
              || name.equals("newThread");
          Optional<String> lane = thread ? Optional.empty() : lifecycle.laneOf(mc);
          boolean periodic = ThreadLifecycle.PERIODIC.contains(name) || name.equals("schedule") && mc.getArguments().size() == 3
              && mc.getScope().flatMap(sc -> program.localTypes().typeName(Locks.unwrap(sc))).map("Timer"::equals).orElse(false);
          // a pool may run a task while its previous submission still runs; one lane, or one periodic schedule, never overlaps itself
          boolean self = !thread && lane.isEmpty() && !periodic || inLoop(mc, m) && lane.isEmpty();
          List<ThreadLifecycle.Start> starts = name.equals("unstarted") || name.equals("newThread")
              ? lifecycle.threadStarts(mc, m) : List.of(new ThreadLifecycle.Start(m, mc));
          for (Expression arg : taskArguments(mc, m)) {
            launch(m, mc, arg, self, name + "(..)", starts, lane.orElse(null));
          }
        } else if (call instanceof MethodCallExpr mc && RUN_NOW_METHODS.contains(mc.getNameAsString()) && inParallelPipeline(mc)
            && graph.targetsOf(mc).isEmpty()) {
          for (Expression arg : mc.getArguments()) {
            launch(m, mc, arg, true, "parallel stream " + mc.getNameAsString() + "(..)", List.of(new ThreadLifecycle.Start(m, mc)), null);
          }
        }
      }
    }
    futureStages();
    frameworkEntries();
    // Thread subclasses, timer tasks and fork/join tasks run their body on a thread of their own
    for (TypeModel t : program.types()) {
      for (Map.Entry<String, String> e : TASK_SUPERTYPES.entrySet()) {
        if (t.supertypeNames().stream().anyMatch(s -> s.equals(e.getKey()) || s.endsWith("." + e.getKey())) || t.isSubtypeOf(e.getKey()) && !t.simpleName().equals(e.getKey())) {
          for (MethodModel m : t.methods()) {
            if (m.name().equals(e.getValue()) && m.arity() == 0 && !m.isAbstract() && !threadEntries.containsKey(m)) {
              boolean self = !e.getKey().equals("Thread");
              MethodModel starter = t.isAnonymous() ? program.enclosingBody(t.node()).orElse(null) : null;
              Node launch = t.isAnonymous() ? t.node() : null;
              List<ThreadLifecycle.Start> starts = starter == null ? List.of()
                  : e.getKey().equals("Thread") ? lifecycle.threadStarts(launch, starter) : List.of(new ThreadLifecycle.Start(starter, launch));
              addThreadEntry(m, launch, starts, self, m.displayName() + "() (" + e.getKey() + ")", null);
            }
          }
        }
      }
    }
  }

  /** Non-async stages of a CompletableFuture: their functions run on the thread that completes the previous stage. */
  public static final Set<String> FUTURE_STAGES = Set.of(
      "thenApply", "thenAccept", "thenRun", "thenCompose", "thenCombine", "thenAcceptBoth", "runAfterBoth", "applyToEither",
      "acceptEither", "runAfterEither", "whenComplete", "handle", "exceptionally", "exceptionallyCompose");

  /**
   * Stages registered on a future that another thread completes run on that thread: a stage of a
   * {@code *Async} call (directly in the chain, or through the local or field holding it), or of a
   * future some thread entry completes ({@code done.complete(x)} in a pool task).
   */
  private void futureStages() {
    Set<String> completedByThreads = new HashSet<>();
    for (Entry e : List.copyOf(entries)) {
      if (e.kind() != EntryKind.THREAD || e.body().body().isEmpty()) {
        continue;
      }
      for (MethodCallExpr c : e.body().body().get().findAll(MethodCallExpr.class,
          x -> (x.getNameAsString().equals("complete") || x.getNameAsString().equals("completeExceptionally")) && x.getScope().isPresent())) {
        lifecycle.holderOfName(c.getScope().get()).ifPresent(h -> completedByThreads.add(h.key()));
      }
    }
    for (MethodModel m : program.bodies()) {
      Node code = m.body().orElse(null);
      if (code == null) {
        continue;
      }
      for (CallGraph.CallSite site : program.callGraph().callsFrom(m)) {
        if (site.node() instanceof MethodCallExpr mc && FUTURE_STAGES.contains(mc.getNameAsString()) && mc.getScope().isPresent()
            && site.targets().isEmpty() && completedElsewhere(mc.getScope().get(), completedByThreads, 0)) {
          for (Expression arg : mc.getArguments()) {
            Expression a = Locks.unwrap(arg);
            if (a instanceof LambdaExpr || a instanceof MethodReferenceExpr) {
              launch(m, mc, arg, true, mc.getNameAsString() + "(..)", List.of(new ThreadLifecycle.Start(m, mc)), null);
            }
          }
        }
      }
    }
  }

  private boolean completedElsewhere(Expression scope, Set<String> completedByThreads, int depth) {
    Expression x = Locks.unwrap(scope);
    if (depth > 4) {
      return false;
    }
    if (x instanceof MethodCallExpr mc) {
      String n = mc.getNameAsString();
      if (n.endsWith("Async") && n.length() > 5) {
        return true;
      }
      if (FUTURE_STAGES.contains(n) && mc.getScope().isPresent()) {
        return completedElsewhere(mc.getScope().get(), completedByThreads, depth + 1);
      }
      return false;
    }
    Optional<ThreadLifecycle.Holder> h = lifecycle.holderOfName(x);
    if (h.isEmpty()) {
      return false;
    }
    if (completedByThreads.contains(h.get().key())) {
      return true;
    }
    Optional<LocalTypes.Binding> b = program.localTypes().bindingOf(x);
    List<Expression> values = b.flatMap(v -> program.localTypes().storedValues(v)).orElse(List.of());
    for (Expression v : values) {
      if (completedElsewhere(v, completedByThreads, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Methods a framework runs on threads of its own: Spring's {@code @Async} (a task executor; calls
   * may overlap), {@code @Scheduled} (the scheduler, one thread by default: every scheduled method
   * on one lane), event and message listeners (the publisher's or the listener container's threads).
   */
  private void frameworkEntries() {
    for (TypeModel t : program.types()) {
      for (MethodModel m : t.methods()) {
        if (m.isLambda() || m.kind() != MethodModel.Kind.METHOD || threadEntries.containsKey(m)) {
          continue;
        }
        Set<String> a = m.annotations();
        if (a.contains("Async")) {
          addThreadEntry(m, null, List.of(), true, m.displayName() + "() (@Async)", null);
        } else if (a.contains("Scheduled") || a.contains("Schedules")) {
          addThreadEntry(m, null, List.of(), false, m.displayName() + "() (@Scheduled)", "@Scheduled");
        } else {
          for (String l : LISTENER_ANNOTATIONS) {
            if (a.contains(l)) {
              addThreadEntry(m, null, List.of(), true, m.displayName() + "() (@" + l + ")", null);
              break;
            }
          }
        }
      }
    }
  }

  /** Annotations of methods a framework calls from its own threads, possibly several at once. */
  static final List<String> LISTENER_ANNOTATIONS = List.of(
      "EventListener", "TransactionalEventListener", "KafkaListener", "JmsListener", "RabbitListener", "SqsListener", "StreamListener");

  private void addCallerWindows(MethodModel starter, int depth, List<Window> windows, Set<MethodModel> seen) {
    if (depth > CALLER_DEPTH || starter.isLambda()) {
      return;
    }
    for (CallGraph.CallSite c : program.callGraph().callsTo(starter)) {
      if (windows.size() >= MAX_CALLER_WINDOWS) {
        return;
      }
      MethodModel caller = c.caller();
      if (c.targets().size() != 1 || c.isMethodReference() || !seen.add(caller)) {
        continue;
      }
      windows.add(new Window(caller, c.node(), List.of()));
      addCallerWindows(caller, depth + 1, windows, seen);
    }
  }

  /**
   * The task arguments of a launch call: its arguments, and for {@code invokeAll/invokeAny} on a
   * local collection, the tasks put into that collection ({@code tasks.add(() -> ..)},
   * {@code List.of(a, b)}).
   */
  private List<Expression> taskArguments(MethodCallExpr mc, MethodModel m) {
    List<Expression> out = new ArrayList<>(mc.getArguments());
    if (!mc.getNameAsString().equals("invokeAll") && !mc.getNameAsString().equals("invokeAny") || mc.getArguments().isEmpty()) {
      return out;
    }
    Expression tasks = Locks.unwrap(mc.getArgument(0));
    if (tasks instanceof MethodCallExpr of && (of.getNameAsString().equals("of") || of.getNameAsString().equals("asList"))) {
      out.addAll(of.getArguments());
      return out;
    }
    Optional<ThreadLifecycle.Holder> h = lifecycle.holderOfName(tasks);
    Node code = m.body().orElse(null);
    if (h.isEmpty() || h.get().isField() || code == null) {
      return out;
    }
    if (h.get().local() instanceof VariableDeclarator v && v.getInitializer().isPresent()
        && Locks.unwrap(v.getInitializer().get()) instanceof MethodCallExpr of
        && (of.getNameAsString().equals("of") || of.getNameAsString().equals("asList"))) {
      out.addAll(of.getArguments());
    }
    for (MethodCallExpr add : code.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals("add") && c.getScope().isPresent() && c.getArguments().size() == 1)) {
      if (lifecycle.holderOfName(add.getScope().get()).map(x -> x.key().equals(h.get().key())).orElse(false)) {
        out.add(add.getArgument(0));
      }
    }
    return out;
  }

  private static boolean inLoop(Node n, MethodModel body) {
    Node stop = body.node();
    for (Node p = n.getParentNode().orElse(null); p != null && p != stop; p = p.getParentNode().orElse(null)) {
      if (p instanceof ForStmt || p instanceof WhileStmt || p instanceof DoStmt || p instanceof ForEachStmt) {
        return true;
      }
    }
    return false;
  }

  private void launch(MethodModel starter, Node launchNode, Expression arg, boolean self, String how, List<ThreadLifecycle.Start> starts, String lane) {
    Expression a = Locks.unwrap(arg);
    for (MethodModel task : taskBodies(a, 0)) {
      if (!threadEntries.containsKey(task)) {
        String where = launchNode.getRange().map(r -> " at line " + r.begin.line).orElse("");
        addThreadEntry(task, launchNode, starts, self, describe(task) + " (started by " + how + " in " + starter.displayName() + where + ")", lane);
      }
    }
    if (a instanceof LambdaExpr || a instanceof ObjectCreationExpr) {
      nestedExecution.put(a, Execution.LATER);
    }
  }

  private static String describe(MethodModel m) {
    return display(m);
  }

  /** How a body is named to users: {@code Type.method()}, or {@code lambda in Type.method()}. */
  public static String display(MethodModel m) {
    if (m.isLambda()) {
      return "lambda in " + m.enclosing().map(ConcurrencyModel::display).orElse(m.owner().simpleName());
    }
    if (m.owner().isAnonymous()) {
      TypeModel outer = m.owner();
      String base = outer.supertypeNames().isEmpty() ? "" : outer.supertypeNames().get(0);
      return "new " + base + "(){}." + m.name() + "()";
    }
    return m.displayName() + "()";
  }

  /** How far up the callers of a starter the continuation of a still-running task is followed. */
  private static final int CALLER_DEPTH = 2;
  /** Caller windows kept per task (a start() called from many places). */
  private static final int MAX_CALLER_WINDOWS = 24;

  private void addThreadEntry(MethodModel body, Node launch, List<ThreadLifecycle.Start> starts, boolean self, String description, String lane) {
    List<Window> windows = new ArrayList<>();
    for (ThreadLifecycle.Start s : starts) {
      windows.add(new Window(s.starter(), s.node(), lifecycle.joins(s, launch, body)));
    }
    // a task its starter does not wait for outlives the starter: the starter's callers go on while it runs
    List<Window> direct = List.copyOf(windows);
    Set<MethodModel> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    direct.forEach(w -> seen.add(w.starter()));
    for (Window w : direct) {
      if (w.joins().stream().noneMatch(j -> isMustJoin(j, w))) {
        addCallerWindows(w.starter(), 1, windows, seen);
      }
    }
    Entry e = new Entry(body, EntryKind.THREAD, launch, self, description, null, windows, lane);
    entries.add(e);
    threadEntries.put(body, e);
    threadOwners.add(body.owner());
    for (Window w : windows) {
      starters.computeIfAbsent(e, k -> new ArrayList<>()).add(w.starter());
      entries.add(new Entry(w.starter(), EntryKind.STARTER, w.start(), false, w.starter().displayName() + "() after starting " + describe(body), e,
          List.of(w), null));
    }
  }

  /** The bodies a task expression runs: a lambda, a method reference's targets, a Runnable object's run(). */
  private List<MethodModel> taskBodies(Expression a, int depth) {
    List<MethodModel> out = new ArrayList<>();
    if (depth > 2) {
      return out;
    }
    if (a instanceof LambdaExpr l) {
      program.bodyOf(l).ifPresent(out::add);
    } else if (a instanceof MethodReferenceExpr ref) {
      out.addAll(program.callGraph().targetsOf(ref));
    } else if (a instanceof ObjectCreationExpr oce) {
      if (oce.getAnonymousClassBody().isPresent()) {
        program.typeOf(oce).ifPresent(t -> out.addAll(taskMethods(t)));
      } else if (oce.getType().getNameAsString().equals("Thread") || oce.getType().getNameAsString().equals("FutureTask")) {
        for (Expression inner : oce.getArguments()) {
          out.addAll(taskBodies(Locks.unwrap(inner), depth + 1));
        }
      } else {
        Optional<TypeModel> t = program.lookupType(oce.getType().getNameAsString(), program.enclosingType(oce).orElse(null));
        t.ifPresent(type -> out.addAll(taskMethods(type)));
        if (out.isEmpty() && t.isPresent() && t.get().isSubtypeOf("Thread")) {
          // a Thread subclass that does not override run() (new NamedThread(name, task)): it runs the task it is given
          for (Expression inner : oce.getArguments()) {
            out.addAll(taskBodies(Locks.unwrap(inner), depth + 1));
          }
        }
      }
    } else if (a instanceof NameExpr n) {
      Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
      if (b.isPresent() && b.get() instanceof LocalTypes.Local local && local.declaration() instanceof VariableDeclarator v
          && v.getInitializer().isPresent()) {
        out.addAll(taskBodies(Locks.unwrap(v.getInitializer().get()), depth + 1));
      } else if (b.isPresent() && b.get() instanceof LocalTypes.FieldRef f && f.field().variable().getInitializer().isPresent()) {
        out.addAll(taskBodies(Locks.unwrap(f.field().variable().getInitializer().get()), depth + 1));
      }
      if (out.isEmpty()) {
        program.localTypes().typeOf(n).ifPresent(t -> out.addAll(taskMethods(t)));
      }
    } else if (a instanceof com.github.javaparser.ast.expr.ThisExpr) {
      program.enclosingType(a).ifPresent(t -> out.addAll(taskMethods(t)));
    } else {
      program.localTypes().typeOf(a).ifPresent(t -> out.addAll(taskMethods(t)));
    }
    return out;
  }

  private static List<MethodModel> taskMethods(TypeModel t) {
    List<MethodModel> out = new ArrayList<>();
    for (MethodModel m : t.methods()) {
      if (!m.isLambda() && m.arity() == 0 && !m.isAbstract() && (m.name().equals("run") || m.name().equals("call") || m.name().equals("compute"))) {
        out.add(m);
      }
    }
    return out;
  }

  private void addApiAndContractEntries() {
    // API methods of classes owning thread entries, related to each of their thread entries
    List<Entry> threads = new ArrayList<>(threadEntries.values());
    threads.sort((x, y) -> Integer.compare(entries.indexOf(x), entries.indexOf(y)));
    Map<TypeModel, List<Entry>> byOwner = new LinkedHashMap<>();
    for (Entry e : threads) {
      if (bounded(e)) {
        continue; // a task its starter waits for overlaps other methods only if they run at the same time as the starter
      }
      TypeModel owner = e.body().owner();
      while (owner.isAnonymous() && owner.outer().isPresent() && !TASK_SUPERTYPES.containsKey(owner.supertypeNames().get(0))) {
        owner = owner.outer().get();
      }
      byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<TypeModel, List<Entry>> o : byOwner.entrySet()) {
      for (MethodModel m : o.getKey().methods()) {
        if (isApi(m) && !threadEntries.containsKey(m)) {
          for (Entry t : o.getValue()) {
            if (starters.getOrDefault(t, List.of()).contains(m)) {
              continue; // the starter is concurrent only after the launch: its STARTER entry covers that
            }
            if (calledOnlyBeforeStart(m, t)) {
              continue; // configuration: every call in the program happens before the thread starts
            }
            entries.add(new Entry(m, EntryKind.API, null, false, m.displayName() + "() (may be called while " + t.description() + " runs)", t,
                List.of(), null));
          }
        }
      }
    }
    for (TypeModel t : program.types()) {
      String reason = contractReasons.get(t);
      if (reason == null) {
        continue;
      }
      for (MethodModel m : t.methods()) {
        if (isApi(m) && !isInjectionPoint(m) && !threadEntries.containsKey(m) && !calledOnlyOnOwnedObjects(m)) {
          // a thread entry's body (run() of a started Runnable) is modelled by its THREAD entry,
          // with its own self-concurrency; as a contract method it would race with itself
          entries.add(new Entry(m, EntryKind.CONTRACT, null, true, m.displayName() + "() (" + t.simpleName() + " is " + reason + ")", null,
              List.of(), null));
        }
      }
    }
  }

  /**
   * The phase model: {@code m} has callers in the program, and every call happens before thread
   * entry {@code t} is started — in a constructor of the object (when the thread is started after
   * construction), earlier in the body that starts it, or earlier in a body that then calls the
   * method that starts it on the same object. Such a method configures the object before its
   * thread runs (JLS 17.4.5: {@code start()} orders everything before it), so it is not an entry
   * concurrent with the thread. A method nobody in the program calls stays an entry: code outside
   * may call it at any time.
   */
  private boolean calledOnlyBeforeStart(MethodModel m, Entry t) {
    List<CallGraph.CallSite> callers = program.callGraph().callsTo(m);
    if (callers.isEmpty() || t.windows().isEmpty()) {
      return false;
    }
    for (CallGraph.CallSite c : callers) {
      if (!callBeforeStart(c, t)) {
        return false;
      }
    }
    return true;
  }

  private boolean callBeforeStart(CallGraph.CallSite c, Entry t) {
    MethodModel caller = c.caller();
    boolean startedInConstructor = t.windows().stream().anyMatch(w -> w.starter().kind() == MethodModel.Kind.CONSTRUCTOR
        || w.starter().kind() == MethodModel.Kind.INITIALIZER);
    boolean construction = caller.kind() == MethodModel.Kind.CONSTRUCTOR || caller.kind() == MethodModel.Kind.INITIALIZER
        || isConstructionHelper(caller);
    if (construction && !startedInConstructor && onThis(c.node())) {
      return true;
    }
    if (!startedInConstructor && onOwnedObject(c.node())) {
      return true; // the object is still the caller's alone: built and configured before anyone can start its thread
    }
    for (Window w : t.windows()) {
      if (w.starter() == caller) {
        if (!ThreadLifecycle.before(c.node(), w.start()) || startsAgainInLoop(c.node(), w)) {
          return false;
        }
        continue;
      }
      // a later call on the same object, in the same body, that starts the thread
      if (!laterCallStarts(c, w)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsAgainInLoop(Node call, Window w) {
    Optional<Node> loop = ThreadLifecycle.loopAround(w.start(), w.starter().body().orElse(null));
    return loop.isPresent() && ThreadLifecycle.contains(loop.get(), call);
  }

  private boolean laterCallStarts(CallGraph.CallSite c, Window w) {
    Node code = c.caller().body().orElse(null);
    if (code == null || !(c.node() instanceof MethodCallExpr call)) {
      return false;
    }
    String receiver = call.getScope().map(x -> Locks.unwrap(x).toString()).orElse("this");
    for (CallGraph.CallSite later : program.callGraph().callsFrom(c.caller())) {
      if (!(later.node() instanceof MethodCallExpr lc) || !ThreadLifecycle.after(lc, call)) {
        continue;
      }
      String r = lc.getScope().map(x -> Locks.unwrap(x).toString()).orElse("this");
      if (!r.equals(receiver) || ThreadLifecycle.loopAround(lc, code).map(l -> ThreadLifecycle.contains(l, call)).orElse(false)) {
        continue;
      }
      if (reachesOnThis(later.targets(), w.starter(), 0)) {
        return true;
      }
    }
    return false;
  }

  /** True when one of {@code targets} is {@code starter}, or calls it on its own object (a few calls deep). */
  private boolean reachesOnThis(List<MethodModel> targets, MethodModel starter, int depth) {
    if (targets.size() != 1 || depth > 3) {
      return false;
    }
    MethodModel t = targets.get(0);
    if (t == starter) {
      return true;
    }
    for (CallGraph.CallSite s : program.callGraph().callsFrom(t)) {
      if (onThis(s.node()) && reachesOnThis(s.targets(), starter, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /** A call on an object the calling body owns at that point (allocated there, not yet handed to anyone). */
  private boolean onOwnedObject(Node call) {
    return call instanceof MethodCallExpr mc && mc.getScope().isPresent() && Ownership.of(program).isOwned(mc.getScope().get());
  }

  /**
   * True when the program calls {@code m}, and only on objects their callers still own (a builder
   * filling the object it will return, setters called before the object is handed over): the
   * object is not shared while {@code m} runs, so {@code m} is not a concurrent entry.
   */
  private boolean calledOnlyOnOwnedObjects(MethodModel m) {
    List<CallGraph.CallSite> callers = program.callGraph().callsTo(m);
    if (callers.isEmpty()) {
      return false;
    }
    for (CallGraph.CallSite c : callers) {
      MethodModel caller = c.caller();
      boolean construction = caller.owner() == m.owner() && (caller.kind() == MethodModel.Kind.CONSTRUCTOR
          || caller.kind() == MethodModel.Kind.INITIALIZER || isConstructionHelper(caller));
      if (!(construction && onThis(c.node())) && !onOwnedObject(c.node())) {
        return false;
      }
    }
    return true;
  }

  private static boolean onThis(Node call) {
    return call instanceof MethodCallExpr mc
        && (mc.getScope().isEmpty() || Locks.unwrap(mc.getScope().get()) instanceof com.github.javaparser.ast.expr.ThisExpr);
  }

  private boolean isApi(MethodModel m) {
    return m.kind() == MethodModel.Kind.METHOD && !m.isPrivate() && !m.isAbstract() && !m.owner().isAnonymous() && !isInternalHelper(m)
        && !isConstructionHelper(m);
  }

  private final Map<MethodModel, Boolean> constructionHelpers = new IdentityHashMap<>();

  /**
   * A helper of construction: an instance method that cannot be overridden (private or final, or
   * in a final class) whose only callers, at least one, are constructors, instance initializers
   * or other such helpers of its own class, calling it on {@code this}. Its accesses to
   * {@code this} happen while the object is being built, before any other thread can see it.
   */
  public synchronized boolean isConstructionHelper(MethodModel m) {
    return constructionHelper(m, new HashSet<>());
  }

  private boolean constructionHelper(MethodModel m, Set<MethodModel> visiting) {
    Boolean known = constructionHelpers.get(m);
    if (known != null) {
      return known;
    }
    if (m.kind() != MethodModel.Kind.METHOD || m.isStatic() || m.isAbstract() || m.isOverridable()) {
      return false;
    }
    if (!visiting.add(m)) {
      return true; // a cycle among helpers: decided by the callers outside it
    }
    List<CallGraph.CallSite> callers = program.callGraph().callsTo(m);
    boolean result = !callers.isEmpty();
    for (CallGraph.CallSite c : callers) {
      MethodModel caller = c.caller();
      boolean onThis = c.node() instanceof MethodCallExpr mc
          && (mc.getScope().isEmpty() || Locks.unwrap(mc.getScope().get()) instanceof com.github.javaparser.ast.expr.ThisExpr);
      boolean constructing = caller.owner() == m.owner()
          && (caller.kind() == MethodModel.Kind.CONSTRUCTOR || caller.kind() == MethodModel.Kind.INITIALIZER
              || caller == m || constructionHelper(caller, visiting));
      if (!onThis || !constructing) {
        result = false;
        break;
      }
    }
    visiting.remove(m);
    if (visiting.isEmpty()) {
      constructionHelpers.put(m, result);
    }
    return result;
  }

  /**
   * A method other classes do not call: package-private (or {@code @VisibleForTesting}) and called
   * in the program only from its own top-level class. It is a helper, not an entry: its accesses
   * are reached through its callers, under the locks they hold ({@code trySend()} "visible for
   * testing", called only inside {@code lock.lock()} by the class's own methods).
   */
  private boolean isInternalHelper(MethodModel m) {
    boolean notPublic = m.node() instanceof MethodDeclaration d && !d.isPublic() && !m.owner().isInterface();
    if (!notPublic && !m.annotations().contains("VisibleForTesting")) {
      return false;
    }
    List<CallGraph.CallSite> callers = program.callGraph().callsTo(m);
    if (callers.isEmpty()) {
      return false;
    }
    TypeModel top = topLevel(m.owner());
    boolean ownClass = callers.stream().allMatch(c -> topLevel(c.caller().owner()) == top);
    if (m.node() instanceof MethodDeclaration d && d.isProtected()) {
      // a protected step of a template method: a helper when its class and subclasses call it only under a lock
      return callers.stream().allMatch(c -> sameHierarchy(c.caller().owner(), m.owner()) && lockedAt(c));
    }
    // package-private (or visible for testing): a helper when only its own class calls it, or every call holds a lock
    return ownClass || callers.stream().allMatch(this::lockedAt);
  }

  private final Map<MethodModel, Map<Node, LockSet>> heldAtCalls = new IdentityHashMap<>();

  /** True when the call holds some lock where it is made (its caller's synchronized, a lock() before it...). */
  private boolean lockedAt(CallGraph.CallSite c) {
    Map<Node, LockSet> held = heldAtCalls.computeIfAbsent(c.caller(), body -> {
      Map<Node, LockSet> out = new IdentityHashMap<>();
      BodyWalker.walk(program, body, AccessSummaries.entryLocks(program, body), new BodyWalker.Visitor() {
        @Override
        public void call(Node callNode, LockSet h) {
          out.putIfAbsent(callNode, h);
        }
      });
      return out;
    });
    LockSet h = held.get(c.node());
    return h != null && !h.isEmpty();
  }

  private static boolean sameHierarchy(TypeModel a, TypeModel b) {
    TypeModel ta = topLevel(a);
    TypeModel tb = topLevel(b);
    return ta == tb || a == b || a.isSubtypeOf(b.simpleName()) || b.isSubtypeOf(a.simpleName())
        || ta.isSubtypeOf(tb.simpleName()) || tb.isSubtypeOf(ta.simpleName());
  }

  private static TypeModel topLevel(TypeModel t) {
    TypeModel x = t;
    while (x.outer().isPresent()) {
      x = x.outer().get();
    }
    return x;
  }

  /** Methods the container calls once at start-up (setter injection, init callbacks). */
  public static boolean isInjectionPoint(MethodModel m) {
    if (m.annotations().stream().anyMatch(ThreadSafety.INJECTION_ANNOTATIONS::contains)) {
      return true;
    }
    return (m.name().equals("init") || m.name().equals("destroy")) && m.owner().isSubtypeOf("Servlet")
        || m.name().equals("init") && ThreadSafety.SERVLET_TYPES.stream().anyMatch(m.owner()::isSubtypeOf)
        || m.name().equals("afterPropertiesSet") || m.name().equals("setApplicationContext");
  }

  /** The thread-safe annotations in effect (built-in plus configured). */
  public Set<String> threadSafeAnnotations() {
    return threadSafeAnnotations;
  }

  /** True when the declaration of {@code m} is a field declaration annotated for injection. */
  public static boolean isInjectedField(FieldModel f) {
    FieldDeclaration d = f.declaration();
    return Annotations.simpleNames(d.getAnnotations()).stream().anyMatch(ThreadSafety.INJECTION_ANNOTATIONS::contains);
  }

  /** True when {@code m} is a method declaration with an annotation of this simple name. */
  static boolean hasAnnotation(MethodModel m, String simpleName) {
    return m.node() instanceof MethodDeclaration d && d.getAnnotations().stream().anyMatch(a -> Annotations.simpleName(a).equals(simpleName));
  }
}
