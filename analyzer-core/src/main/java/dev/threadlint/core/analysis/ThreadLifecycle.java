package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a task handed to another thread starts and when its starter knows it has ended: the
 * happens-before edges of JLS §17.4.5 and of {@code java.util.concurrent} that bound the window in
 * which a starter's own code overlaps the task.
 *
 * <ul>
 *   <li>{@code Thread.start()}: everything the starter did before is visible to the thread. A
 *       thread is tied to the {@code start()} call that runs it — on the object itself
 *       ({@code new Thread(r).start()}), on the local or field that holds it, in the same body or in
 *       another method of the class (a {@code start()} lifecycle method) — not to where it is built.
 *   <li>{@code Thread.join()}, {@code Future.get()/join()}, {@code invokeAll/invokeAny},
 *       {@code ExecutorService.awaitTermination/close} (and the end of a try-with-resources block
 *       that owns the executor), {@code CountDownLatch.await()} on a latch the task counts down:
 *       everything the task did is visible after them.
 *   <li>Executor {@code execute/submit}: the submitter's earlier writes are visible to the task.
 * </ul>
 *
 * <p>It also names the <em>lane</em> of a task: the single thread that runs every task of a
 * single-thread executor or of a {@code java.util.Timer}. Tasks of one lane never overlap each
 * other, and a periodic task never overlaps its own next run.
 */
final class ThreadLifecycle {
  /** Where a task starts running: the starter body and the node (a start() call, a submit, or the construction when unknown). */
  record Start(MethodModel starter, Node node) {}

  /** A local variable or a field that holds an object (a thread, a future, an executor, a latch). */
  record Holder(Node local, FieldModel field) {
    boolean isField() {
      return field != null;
    }

    String key() {
      return field != null ? field.qualifiedName() : "local@" + System.identityHashCode(local);
    }
  }

  private static final Set<String> JOIN_FUTURE = Set.of("get", "join", "getNow", "resultNow");
  private static final Set<String> AWAIT_EXECUTOR = Set.of("awaitTermination", "close", "invokeAll", "invokeAny");
  private static final Set<String> SINGLE_THREAD_FACTORIES = Set.of("newSingleThreadExecutor", "newSingleThreadScheduledExecutor");
  private static final Set<String> SIZED_FACTORIES = Set.of("newFixedThreadPool", "newScheduledThreadPool");
  /** Executor methods whose task runs periodically: one run never overlaps the next (ScheduledExecutorService, Timer). */
  static final Set<String> PERIODIC = Set.of("scheduleAtFixedRate", "scheduleWithFixedDelay");

  private final Program program;

  ThreadLifecycle(Program program) {
    this.program = program;
  }

  // ---- holders

  /** The local or field the value of {@code created} is stored in, if it is stored directly. */
  Optional<Holder> holderOf(Node created) {
    Node parent = created.getParentNode().orElse(null);
    while (parent instanceof com.github.javaparser.ast.expr.EnclosedExpr || parent instanceof com.github.javaparser.ast.expr.CastExpr) {
      parent = parent.getParentNode().orElse(null);
    }
    if (parent instanceof VariableDeclarator v) {
      if (v.getParentNode().orElse(null) instanceof FieldDeclaration) {
        return program.enclosingType(v).flatMap(t -> t.field(v.getNameAsString())).map(f -> new Holder(null, f));
      }
      return Optional.of(new Holder(v, null));
    }
    if (parent instanceof AssignExpr a && a.getOperator() == AssignExpr.Operator.ASSIGN) {
      return holderOfName(a.getTarget());
    }
    return Optional.empty();
  }

  /** The holder a name or field access refers to. */
  Optional<Holder> holderOfName(Expression e) {
    Expression x = Locks.unwrap(e);
    if (x instanceof NameExpr n) {
      Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
      if (b.isPresent() && b.get() instanceof LocalTypes.Local l) {
        return Optional.of(new Holder(l.declaration(), null));
      }
      if (b.isPresent() && b.get() instanceof LocalTypes.FieldRef f) {
        return Optional.of(new Holder(null, f.field()));
      }
      return Optional.empty();
    }
    if (x instanceof FieldAccessExpr fa && Locks.unwrap(fa.getScope()) instanceof ThisExpr) {
      return program.localTypes().fieldOf(x).map(f -> new Holder(null, f));
    }
    return Optional.empty();
  }

  /** Calls named one of {@code names} made on the object {@code h} holds, within {@code scope}. */
  private List<MethodCallExpr> callsOn(Holder h, Node scope, Set<String> names) {
    List<MethodCallExpr> out = new ArrayList<>();
    for (MethodCallExpr mc : scope.findAll(MethodCallExpr.class, c -> names.contains(c.getNameAsString()) && c.getScope().isPresent())) {
      Optional<Holder> on = holderOfName(mc.getScope().get());
      if (on.isPresent() && on.get().key().equals(h.key())) {
        out.add(mc);
      }
    }
    return out;
  }

  // ---- starts

  /**
   * Where a thread built at {@code created} (in {@code body}) starts: {@code created.start()},
   * {@code t.start()} on the local that holds it, or {@code this.t.start()} in any body of the
   * class that holds it in a field. The construction itself when no start is found (conservative:
   * the thread may start at once).
   */
  List<Start> threadStarts(Node created, MethodModel body) {
    Node parent = created.getParentNode().orElse(null);
    if (parent instanceof MethodCallExpr mc && mc.getScope().orElse(null) == created) {
      return List.of(new Start(body, mc.getNameAsString().equals("start") ? mc : created));
    }
    Optional<Holder> h = holderOf(created);
    if (h.isEmpty()) {
      return List.of(new Start(body, created));
    }
    if (!h.get().isField()) {
      Node code = body.body().orElse(null);
      if (code == null) {
        return List.of(new Start(body, created));
      }
      Optional<MethodCallExpr> start = callsOn(h.get(), code, Set.of("start")).stream().filter(c -> after(c, created)).findFirst();
      return List.of(new Start(body, start.isPresent() ? start.get() : created));
    }
    FieldModel f = h.get().field();
    List<Start> out = new ArrayList<>();
    for (MethodModel m : bodiesOf(topLevel(f.owner()))) {
      Node code = m.body().orElse(null);
      if (code == null) {
        continue;
      }
      for (MethodCallExpr c : callsOn(h.get(), code, Set.of("start"))) {
        if (program.enclosingBody(c).orElse(null) == m) {
          out.add(new Start(m, c));
        }
      }
    }
    return out.isEmpty() ? List.of(new Start(body, created)) : out;
  }

  private List<MethodModel> bodiesOf(TypeModel top) {
    List<MethodModel> out = new ArrayList<>();
    for (MethodModel m : program.bodies()) {
      if (topLevel(m.owner()) == top) {
        out.add(m);
      }
    }
    return out;
  }

  static TypeModel topLevel(TypeModel t) {
    TypeModel x = t;
    while (x.outer().isPresent()) {
      x = x.outer().get();
    }
    return x;
  }

  // ---- ends

  /**
   * Nodes of {@code starter} after which the task started at {@code start} has ended, as far as
   * the starter can tell: joins of the thread, gets of its future, awaiting its executor, awaiting a
   * latch the task counts down ({@code task} is the task's body, or null).
   */
  List<Node> joins(Start start, Node launchCall, MethodModel task) {
    List<Node> out = new ArrayList<>();
    Node code = start.starter().body().orElse(null);
    if (code == null) {
      return out;
    }
    Node s = start.node();
    // the thread object or the future the launch returned, through a chain of stages: supplyAsync(..).thenApply(..).join()
    Node created = launchCall;
    for (Node parent = created.getParentNode().orElse(null); parent instanceof MethodCallExpr chained && chained.getScope().orElse(null) == created;
        parent = created.getParentNode().orElse(null)) {
      if (JOIN_FUTURE.contains(chained.getNameAsString())) {
        out.add(chained);
        break;
      }
      if (!ConcurrencyModel.FUTURE_STAGES.contains(chained.getNameAsString()) && !chained.getNameAsString().endsWith("Async")) {
        break;
      }
      created = chained;
    }
    if (launchCall instanceof MethodCallExpr lc && (lc.getNameAsString().equals("invokeAll") || lc.getNameAsString().equals("invokeAny"))) {
      out.add(lc);
    }
    Optional<Holder> h = holderOf(created);
    if (h.isEmpty() && s instanceof MethodCallExpr startCall && startCall.getScope().isPresent()) {
      h = holderOfName(startCall.getScope().get());
    }
    if (h.isPresent()) {
      for (MethodCallExpr c : callsOn(h.get(), code, Set.of("join", "get"))) {
        if (after(c, s)) {
          out.add(c);
        }
      }
      out.addAll(allOfJoins(code, h.get(), s));
    }
    // futures gathered in a collection, then each waited for: fs.add(pool.submit(..)); for (Future<?> f : fs) f.get();
    Optional<Holder> collection = collectionOf(created, h, code);
    if (collection.isPresent()) {
      for (com.github.javaparser.ast.stmt.ForEachStmt fe : code.findAll(com.github.javaparser.ast.stmt.ForEachStmt.class)) {
        if (!after(fe, s) || !holderOfName(fe.getIterable()).map(x -> x.key().equals(collection.get().key())).orElse(false)) {
          continue;
        }
        String v = fe.getVariable().getVariable(0).getNameAsString();
        boolean waits = fe.getBody().findFirst(MethodCallExpr.class, c -> JOIN_FUTURE.contains(c.getNameAsString()) && c.getScope().isPresent()
            && Locks.unwrap(c.getScope().get()) instanceof NameExpr n && n.getNameAsString().equals(v)).isPresent();
        if (waits) {
          out.add(fe);
        }
      }
      out.addAll(allOfJoins(code, collection.get(), s));
    }
    // the executor the task was handed to: awaited, closed, or owned by a try-with-resources
    if (launchCall instanceof MethodCallExpr lc && lc.getScope().isPresent()) {
      Optional<Holder> ex = holderOfName(lc.getScope().get());
      if (ex.isPresent()) {
        for (MethodCallExpr c : callsOn(ex.get(), code, AWAIT_EXECUTOR)) {
          if (after(c, s)) {
            out.add(c);
          }
        }
        for (Node p = lc.getParentNode().orElse(null); p != null && p != code; p = p.getParentNode().orElse(null)) {
          if (p instanceof TryStmt ts && ownsResource(ts, ex.get())) {
            out.add(ts);
          }
        }
      }
    }
    // a latch the task counts down and the starter awaits
    if (task != null && task.body().isPresent()) {
      for (MethodCallExpr down : task.body().get().findAll(MethodCallExpr.class, c -> c.getNameAsString().equals("countDown") && c.getScope().isPresent())) {
        Optional<Holder> latch = holderOfName(down.getScope().get());
        if (latch.isPresent()) {
          for (MethodCallExpr c : callsOn(latch.get(), code, Set.of("await"))) {
            if (after(c, s)) {
              out.add(c);
            }
          }
        }
      }
    }
    return out;
  }

  /** {@code CompletableFuture.allOf(a, b).get()} (or {@code join()}) naming the holder among its arguments, after the start. */
  private List<Node> allOfJoins(Node code, Holder h, Node start) {
    List<Node> out = new ArrayList<>();
    for (MethodCallExpr all : code.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals("allOf"))) {
      boolean names = all.getArguments().stream().anyMatch(a -> a.findAll(Expression.class).stream()
          .anyMatch(x -> (x instanceof NameExpr || x instanceof FieldAccessExpr) && holderOfName(x).map(y -> y.key().equals(h.key())).orElse(false)));
      if (!names || !after(all, start)) {
        continue;
      }
      Node p = all.getParentNode().orElse(null);
      if (p instanceof MethodCallExpr chained && chained.getScope().orElse(null) == all && JOIN_FUTURE.contains(chained.getNameAsString())) {
        out.add(chained);
      } else {
        Optional<Holder> whole = holderOf(all);
        whole.ifPresent(w -> callsOn(w, code, Set.of("join", "get")).stream().filter(c -> after(c, all)).forEach(out::add));
      }
    }
    return out;
  }

  /** The local collection a future is added to, directly ({@code fs.add(pool.submit(..))}) or through its holder ({@code fs.add(f)}). */
  private Optional<Holder> collectionOf(Node created, Optional<Holder> h, Node code) {
    Node p = created.getParentNode().orElse(null);
    if (p instanceof MethodCallExpr add && isAdd(add) && add.getArguments().stream().anyMatch(a -> a == created)) {
      return holderOfName(add.getScope().get());
    }
    if (h.isPresent()) {
      for (MethodCallExpr add : code.findAll(MethodCallExpr.class, this::isAdd)) {
        if (add.getArguments().size() == 1 && holderOfName(add.getArgument(0)).map(x -> x.key().equals(h.get().key())).orElse(false)) {
          return holderOfName(add.getScope().get());
        }
      }
    }
    return Optional.empty();
  }

  private boolean isAdd(MethodCallExpr c) {
    return (c.getNameAsString().equals("add") || c.getNameAsString().equals("offer")) && c.getScope().isPresent() && c.getArguments().size() == 1;
  }

  private boolean ownsResource(TryStmt ts, Holder h) {
    for (Expression r : ts.getResources()) {
      if (r instanceof VariableDeclarationExpr vde) {
        for (VariableDeclarator v : vde.getVariables()) {
          if (!h.isField() && h.local() == v) {
            return true;
          }
        }
      } else if (holderOfName(r).map(x -> x.key().equals(h.key())).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  // ---- lanes

  /**
   * The single thread that runs every task handed to the executor {@code launchCall} is made on,
   * when it is one: a {@code java.util.Timer}, or an executor built by
   * {@code newSingleThreadExecutor()}, {@code newFixedThreadPool(1)}, {@code new ThreadPoolExecutor(1, 1, ..)}
   * and stored in a field or local that is never assigned anything else.
   */
  Optional<String> laneOf(MethodCallExpr launchCall) {
    if (launchCall.getScope().isEmpty()) {
      return Optional.empty();
    }
    Optional<Holder> h = holderOfName(launchCall.getScope().get());
    if (h.isEmpty()) {
      return Optional.empty();
    }
    List<Expression> values = assignedValues(h.get());
    if (values.isEmpty()) {
      boolean timer = program.localTypes().typeName(Locks.unwrap(launchCall.getScope().get())).map(n -> n.equals("Timer")).orElse(false);
      return timer ? Optional.of(h.get().key()) : Optional.empty();
    }
    for (Expression v : values) {
      if (!isSingleThread(Locks.unwrap(v))) {
        return Optional.empty();
      }
    }
    return Optional.of(h.get().key());
  }

  private boolean isSingleThread(Expression v) {
    if (v instanceof MethodCallExpr mc) {
      String n = mc.getNameAsString();
      if (SINGLE_THREAD_FACTORIES.contains(n)) {
        return true;
      }
      if (SIZED_FACTORIES.contains(n) && !mc.getArguments().isEmpty() && isOne(mc.getArgument(0))) {
        return true;
      }
      // Executors.unconfigurableExecutorService(Executors.newSingleThreadExecutor()) and similar wrappers
      return n.startsWith("unconfigurable") && mc.getArguments().size() == 1 && isSingleThread(Locks.unwrap(mc.getArgument(0)));
    }
    if (v instanceof ObjectCreationExpr oce) {
      String t = oce.getType().getNameAsString();
      if (t.equals("Timer")) {
        return true;
      }
      if ((t.equals("ThreadPoolExecutor") || t.equals("ScheduledThreadPoolExecutor")) && !oce.getArguments().isEmpty() && isOne(oce.getArgument(0))
          && (t.equals("ScheduledThreadPoolExecutor") || oce.getArguments().size() > 1 && isOne(oce.getArgument(1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOne(Expression e) {
    return Locks.unwrap(e) instanceof IntegerLiteralExpr i && i.getValue().equals("1");
  }

  /** Every value stored in the holder (initializer and assignments); empty when not all are visible. */
  private List<Expression> assignedValues(Holder h) {
    LocalTypes.Binding b = h.isField() ? new LocalTypes.FieldRef(h.field()) : null;
    if (!h.isField() && h.local() instanceof VariableDeclarator v) {
      b = new LocalTypes.Local(v.getNameAsString(), v, Optional.empty());
    }
    return b == null ? List.of() : program.localTypes().storedValues(b).orElse(List.of());
  }

  // ---- order within a body

  /** True when {@code a} starts after {@code b} ends (same file). */
  static boolean after(Node a, Node b) {
    var ra = a.getRange();
    var rb = b.getRange();
    if (ra.isEmpty() || rb.isEmpty()) {
      return false;
    }
    return ra.get().begin.isAfter(rb.get().end);
  }

  /** True when {@code a} ends before {@code b} begins (same file). */
  static boolean before(Node a, Node b) {
    var ra = a.getRange();
    var rb = b.getRange();
    if (ra.isEmpty() || rb.isEmpty()) {
      return false;
    }
    return ra.get().end.isBefore(rb.get().begin);
  }

  /** The innermost loop around {@code n} inside {@code stop} (exclusive), if any. */
  static Optional<Node> loopAround(Node n, Node stop) {
    for (Node p = n.getParentNode().orElse(null); p != null && p != stop; p = p.getParentNode().orElse(null)) {
      if (p instanceof ForStmt || p instanceof WhileStmt || p instanceof DoStmt || p instanceof ForEachStmt) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** True when {@code a} and {@code b} lie in the two branches of one if/else (or ?:): one run executes at most one of them. */
  static boolean exclusiveBranches(Node a, Node b) {
    for (Node p = b.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof com.github.javaparser.ast.stmt.IfStmt ifs && ifs.getElseStmt().isPresent()) {
        Node then = ifs.getThenStmt();
        Node other = ifs.getElseStmt().get();
        if (contains(then, b) && contains(other, a) || contains(other, b) && contains(then, a)) {
          return true;
        }
      } else if (p instanceof com.github.javaparser.ast.expr.ConditionalExpr ce) {
        if (contains(ce.getThenExpr(), b) && contains(ce.getElseExpr(), a) || contains(ce.getElseExpr(), b) && contains(ce.getThenExpr(), a)) {
          return true;
        }
      } else if (p instanceof com.github.javaparser.ast.body.CallableDeclaration<?> || p instanceof com.github.javaparser.ast.expr.LambdaExpr) {
        return false;
      }
    }
    return false;
  }

  static boolean contains(Node outer, Node inner) {
    for (Node p = inner; p != null; p = p.getParentNode().orElse(null)) {
      if (p == outer) {
        return true;
      }
    }
    return false;
  }
}
