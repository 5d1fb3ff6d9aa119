package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.nodeTypes.NodeWithArguments;
import com.github.javaparser.ast.nodeTypes.NodeWithParameters;
import com.github.javaparser.ast.stmt.ForEachStmt;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Per code body, every access to shared state it performs itself or through its callees: reads
 * and writes of fields ({@code this.f}, {@code other.f}, static fields), array elements, the
 * contents of non-thread-safe collections ({@code map.put}, {@code list.add}, iteration...) and
 * uses of non-thread-safe objects ({@code SimpleDateFormat.format}), each with the locks held
 * (the caller's locks are added at each call site) and the call path from the body down to the
 * access. Lambdas and anonymous classes that run now (see {@link ConcurrencyModel#execution}) are
 * part of the enclosing body, under its locks; those that run later are not.
 *
 * <p>Ownership: accesses to the object under construction inside its constructor, and to objects
 * freshly allocated by the body into a local variable, are not recorded. Summaries are bounded
 * ({@link #MAX_ACCESSES}, {@link #MAX_DEPTH}) and computed in a deterministic order.
 */
public final class AccessSummaries {
  /** Accesses kept per body. */
  public static final int MAX_ACCESSES = 250;
  /** Longest call path kept below a body. */
  public static final int MAX_DEPTH = 5;
  /** Call targets followed per call site; a call with more (class-hierarchy dispatch) is not followed. */
  public static final int MAX_TARGETS = 6;

  public enum Kind {
    READ,
    WRITE,
    CONTAINER_READ,
    CONTAINER_WRITE,
    /** A call on a non-thread-safe object (formatter, digest, builder): it mutates hidden state. */
    OBJECT_USE;

    public boolean isWrite() {
      return this == WRITE || this == CONTAINER_WRITE || this == OBJECT_USE;
    }

    public boolean isContents() {
      return this != READ && this != WRITE;
    }
  }

  /** Whose field: the body's own object, a static field, or some other object. */
  public enum Receiver {
    THIS,
    STATIC,
    OTHER
  }

  /** How the summarized body got hold of the object an {@link Receiver#OTHER} access is on. */
  public enum RootKind {
    /** Not an access on another object ({@link Receiver#THIS}, {@link Receiver#STATIC}). */
    NONE,
    /** Read from a field (of the body's own object, of an outer instance, or static). */
    FIELD,
    /** A parameter of the summarized body. */
    PARAM,
    /** A call result, a captured variable, an array element...: not known. */
    UNKNOWN,
    /**
     * A variable a task captured from a loop around the code that launched it (the loop's
     * variable, or a local declared in its body): every run of the task has its own object.
     */
    PER_RUN
  }

  /**
   * The handle through which the summarized body reaches the object of an {@link Receiver#OTHER}
   * access: the outermost one, so that two thread entries reaching a class through two different
   * fields of their own objects can be told apart from two entries sharing one object.
   */
  public record Root(RootKind kind, FieldModel field, int param) {
    public static final Root NONE = new Root(RootKind.NONE, null, -1);
    public static final Root UNKNOWN = new Root(RootKind.UNKNOWN, null, -1);
    public static final Root PER_RUN = new Root(RootKind.PER_RUN, null, -1);

    static Root field(FieldModel f) {
      return new Root(RootKind.FIELD, f, -1);
    }

    static Root param(int i) {
      return new Root(RootKind.PARAM, null, i);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case NONE -> "";
        case FIELD -> "field " + field.owner().simpleName() + "." + field.name();
        case PARAM -> "param " + param;
        case UNKNOWN -> "unknown";
        case PER_RUN -> "per run";
      };
    }
  }

  /**
   * One access. {@code node} is where it happens (possibly in a callee), {@code site} the node in
   * the summarized body that leads to it (the access itself, or the call), {@code path} the bodies
   * called from the summarized body down to the one containing {@code node} (empty when direct),
   * {@code root} how the body reached the object when the receiver is {@link Receiver#OTHER}.
   */
  public record Access(FieldModel field, Kind kind, Receiver receiver, LockSet held, Node node, Node site,
      List<MethodModel> path, String method, Root root) {
    public Access {
      path = List.copyOf(path);
      root = receiver == Receiver.OTHER ? (root == null ? Root.UNKNOWN : root) : Root.NONE;
    }

    public Access(FieldModel field, Kind kind, Receiver receiver, LockSet held, Node node, Node site, List<MethodModel> path, String method) {
      this(field, kind, receiver, held, node, site, path, method, Root.UNKNOWN);
    }

    public boolean isWrite() {
      return kind.isWrite();
    }

    /** Line of the access. */
    public int line() {
      return node.getRange().map(r -> r.begin.line).orElse(0);
    }

    /** Identity of the access within a summary: the same field, kind, receiver, root and locks at the same node. */
    Key key() {
      return new Key(field, kind, receiver, root, held.locks(), new Site(node));
    }

    /** What the access does, for messages: "write", "read", "put(..) on", "use of". */
    public String verb() {
      return switch (kind) {
        case READ -> "read";
        case WRITE -> "write";
        case CONTAINER_READ -> method == null ? "read of the contents of" : method + "(..) on";
        case CONTAINER_WRITE -> method == null ? "write to the contents of" : method + "(..) on";
        case OBJECT_USE -> method == null ? "use of" : method + "(..) on";
      };
    }
  }

  /** What makes two accesses the same; compares the node by identity (cheap, and stable within a scan). */
  record Key(FieldModel field, Kind kind, Receiver receiver, Root root, List<LockId> locks, Site node) {}

  /** A node compared by identity. */
  static final class Site {
    private final Node node;

    Site(Node node) {
      this.node = node;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Site s && s.node == node;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(node);
    }
  }

  /** A body's accesses, compared by content so that recursive components reach a fixpoint. */
  public static final class Summary {
    private final List<Access> accesses;
    private final List<Key> keys;

    Summary(List<Access> accesses, List<Key> keys) {
      this.accesses = List.copyOf(accesses);
      this.keys = List.copyOf(keys);
    }

    public List<Access> accesses() {
      return accesses;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Summary s && keys.equals(s.keys);
    }

    @Override
    public int hashCode() {
      return keys.hashCode();
    }
  }

  private static final Summary EMPTY = new Summary(List.of(), List.of());

  private final Program program;
  private final ConcurrencyModel model;
  private final Ownership ownership;
  private final Summaries<Summary> summaries;

  private AccessSummaries(Program program) {
    this.program = program;
    this.model = ConcurrencyModel.of(program);
    this.ownership = Ownership.of(program);
    this.summaries = Summaries.compute(program, EMPTY, this::summarize);
  }

  /** The summaries of a program, computed once. */
  public static AccessSummaries of(Program program) {
    return program.analysis(AccessSummaries.class, AccessSummaries::new);
  }

  /** Every access {@code body} performs itself or through its callees. */
  public List<Access> of(MethodModel body) {
    Summary s = summaries.of(body);
    return s == null ? List.of() : s.accesses();
  }

  /** The locks held on entry to a body: its own monitor when synchronized, Lombok's {@code @Synchronized}, and the lock its {@code @GuardedBy} names. */
  public static LockSet entryLocks(Program program, MethodModel m) {
    LockSet s = Locks.entryLocks(m);
    Optional<String> g = GuardedByLocks.value(m);
    if (g.isPresent()) {
      s = s.plus(GuardedByLocks.lockOf(program, m.owner(), g.get()), m.node());
    }
    return s;
  }

  private Summary summarize(MethodModel body, Function<MethodModel, Summary> callee) {
    Map<Key, Access> out = new LinkedHashMap<>();
    boolean constructing = body.kind() == MethodModel.Kind.CONSTRUCTOR || body.kind() == MethodModel.Kind.INITIALIZER
        || model.isConstructionHelper(body);
    boolean classInit = body.kind() == MethodModel.Kind.STATIC_INITIALIZER;
    BodyWalker.Visitor v = new Collector(body, callee, out, constructing, classInit);
    BodyWalker.walk(program, body, entryLocks(program, body), v);
    List<Access> list = new ArrayList<>(out.values());
    return new Summary(list, new ArrayList<>(out.keySet()));
  }

  private final class Collector implements BodyWalker.Visitor {
    private final MethodModel body;
    private final Function<MethodModel, Summary> callee;
    private final Map<Key, Access> out;
    private final boolean constructing;
    private final boolean classInit;

    Collector(MethodModel body, Function<MethodModel, Summary> callee, Map<Key, Access> out, boolean constructing, boolean classInit) {
      this.body = body;
      this.callee = callee;
      this.out = out;
      this.constructing = constructing;
      this.classInit = classInit;
    }

    private void add(Access a) {
      if (a.receiver() == Receiver.THIS && constructing) {
        return;
      }
      if (a.receiver() == Receiver.STATIC && classInit && a.field().owner() == body.owner()) {
        return;
      }
      Key key = a.key();
      if (out.size() >= MAX_ACCESSES && !out.containsKey(key)) {
        return;
      }
      Access old = out.get(key);
      if (old == null || a.path().size() < old.path().size()) {
        out.put(key, a); // keep the shortest trace; the position stays that of the first sighting
      }
    }

    @Override
    public void fieldAccess(Expression node, FieldModel field, boolean read, boolean write, LockSet held) {
      Optional<Receiver> r = receiver(node, field);
      if (r.isEmpty()) {
        return;
      }
      Root root = r.get() == Receiver.OTHER ? accessRoot(node) : Root.NONE;
      // contents of a collection or object held in the field
      Node parent = node.getParentNode().orElse(null);
      if (read && !write && parent instanceof MethodCallExpr mc && mc.getScope().orElse(null) == node) {
        String name = mc.getNameAsString();
        if (ThreadSafety.isUnsafeCollectionField(field)) {
          if (ThreadSafety.CONTAINER_WRITES.contains(name)) {
            add(new Access(field, Kind.CONTAINER_WRITE, r.get(), held, mc, mc, List.of(), name, root));
          } else if (ThreadSafety.CONTAINER_READS.contains(name)) {
            add(new Access(field, Kind.CONTAINER_READ, r.get(), held, mc, mc, List.of(), name, root));
          }
        } else if (ThreadSafety.isUnsafeObjectField(field) && !name.equals("getClass")) {
          add(new Access(field, Kind.OBJECT_USE, r.get(), held, mc, mc, List.of(), name, root));
        }
      } else if (read && !write && parent instanceof ForEachStmt fe && fe.getIterable() == node && ThreadSafety.isUnsafeCollectionField(field)) {
        add(new Access(field, Kind.CONTAINER_READ, r.get(), held, node, node, List.of(), "iteration", root));
      }
      if (field.isFinal() || isThreadLocal(field)) {
        return;
      }
      if (read) {
        add(new Access(field, Kind.READ, r.get(), held, node, node, List.of(), null, root));
      }
      if (write) {
        add(new Access(field, Kind.WRITE, r.get(), held, node, node, List.of(), null, root));
      }
    }

    @Override
    public void arrayAccess(ArrayAccessExpr node, boolean write, LockSet held) {
      Expression array = Locks.unwrap(node.getName());
      if (!(array instanceof NameExpr) && !(array instanceof FieldAccessExpr)) {
        return;
      }
      Optional<FieldModel> f = program.localTypes().fieldOf(array);
      if (f.isEmpty()) {
        return;
      }
      Optional<Receiver> r = receiver(array, f.get());
      r.ifPresent(rec -> add(new Access(f.get(), write ? Kind.CONTAINER_WRITE : Kind.CONTAINER_READ, rec, held, node, node, List.of(), null,
          rec == Receiver.OTHER ? accessRoot(array) : Root.NONE)));
    }

    @Override
    public void call(Node callNode, LockSet held) {
      if (callNode instanceof MethodReferenceExpr ref && !runsNow(ref)) {
        return;
      }
      if (callsFunctionalInterface(callNode)) {
        // task.run(), supplier.get() on a Runnable/Supplier value: the code is whatever was handed
        // in (usually a lambda, judged where it is written), not every scanned implementation
        return;
      }
      List<MethodModel> targets = program.callGraph().targetsOf(callNode);
      if (targets.size() > MAX_TARGETS) {
        // a megamorphic call (Runnable.run(), Set.contains() on an interface-typed value): which
        // implementation runs is not known, and following an arbitrary few of them is no evidence
        return;
      }
      for (MethodModel t : targets) {
        if (t == body) {
          continue;
        }
        CallReceiver cr = callReceiver(callNode);
        Root scopeRoot = cr == CallReceiver.OTHER ? scopeRoot(callNode) : Root.NONE;
        for (Access a : callee.apply(t).accesses()) {
          if (a.path().size() >= MAX_DEPTH || a.path().contains(body)) {
            continue;
          }
          Receiver rec = a.receiver();
          Root root = a.root();
          if (rec == Receiver.THIS) {
            if (cr == CallReceiver.FRESH) {
              continue;
            }
            if (cr == CallReceiver.OTHER) {
              rec = Receiver.OTHER;
              root = scopeRoot;
            }
          } else if (rec == Receiver.OTHER) {
            if (root.kind() == RootKind.PARAM) {
              // the callee works on an object this body passed in: a fresh one is owned by this call
              Expression arg = argument(callNode, root.param());
              if (arg != null && isFresh(arg)) {
                continue;
              }
              root = arg == null ? Root.UNKNOWN : rootOf(arg, 0);
            } else if (cr == CallReceiver.OTHER) {
              root = scopeRoot; // the outermost handle names the object graph
            }
          }
          List<MethodModel> path = new ArrayList<>(a.path().size() + 1);
          path.add(t);
          path.addAll(a.path());
          add(new Access(a.field(), a.kind(), rec, held.plusAll(a.held()), a.node(), callNode, path, a.method(), root));
        }
      }
    }

    @Override
    public void nestedBody(MethodModel nested, Node at, LockSet held) {
      if (model.execution(nested) != ConcurrencyModel.Execution.NOW) {
        return;
      }
      BodyWalker.walk(program, nested, held.plusAll(callbackLocks(at)).plusAll(entryLocks(program, nested)), this);
    }

    private boolean runsNow(MethodReferenceExpr ref) {
      Node parent = ref.getParentNode().orElse(null);
      return parent instanceof MethodCallExpr mc && program.callGraph().targetsOf(mc).isEmpty()
          && ConcurrencyModel.RUN_NOW_METHODS.contains(mc.getNameAsString()) && !model.isLaunch(mc)
          && !mc.toString().contains("parallel");
    }

    private Optional<Receiver> receiver(Expression node, FieldModel field) {
      if (field.isStatic()) {
        return Optional.of(Receiver.STATIC);
      }
      if (node instanceof NameExpr) {
        return Optional.of(Receiver.THIS);
      }
      if (node instanceof FieldAccessExpr fa) {
        Expression scope = Locks.unwrap(fa.getScope());
        if (scope instanceof ThisExpr || scope instanceof SuperExpr) {
          return Optional.of(Receiver.THIS);
        }
        if (isFresh(scope)) {
          return Optional.empty();
        }
        return Optional.of(Receiver.OTHER);
      }
      return Optional.of(Receiver.OTHER);
    }

    private CallReceiver callReceiver(Node callNode) {
      if (callNode instanceof ObjectCreationExpr) {
        return CallReceiver.FRESH;
      }
      if (callNode instanceof MethodCallExpr mc) {
        if (mc.getScope().isEmpty()) {
          return CallReceiver.SAME;
        }
        Expression s = Locks.unwrap(mc.getScope().get());
        if (s instanceof ThisExpr || s instanceof SuperExpr) {
          return CallReceiver.SAME;
        }
        return isFresh(s) ? CallReceiver.FRESH : CallReceiver.OTHER;
      }
      if (callNode instanceof MethodReferenceExpr ref) {
        return ref.getScope() instanceof ThisExpr || ref.getScope() instanceof SuperExpr ? CallReceiver.SAME : CallReceiver.OTHER;
      }
      return CallReceiver.SAME;
    }

    private boolean isFresh(Expression scope) {
      return ownership.isOwned(scope);
    }

    /**
     * True when this body is a lambda that captured {@code decl} from the code around it, and
     * {@code decl} is declared inside a loop that also contains the lambda (a for-each variable, a
     * local of the loop body): each time the loop launches the lambda, it captures another object.
     */
    private boolean capturedFromLaunchLoop(Node decl) {
      if (!body.isLambda() || ThreadLifecycle.contains(body.node(), decl)) {
        return false;
      }
      for (Node p = body.node().getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
        if (p instanceof com.github.javaparser.ast.stmt.ForEachStmt fe) {
          return ThreadLifecycle.contains(fe, decl);
        }
        if (p instanceof com.github.javaparser.ast.stmt.ForStmt || p instanceof com.github.javaparser.ast.stmt.WhileStmt
            || p instanceof com.github.javaparser.ast.stmt.DoStmt) {
          Node loopBody = p instanceof com.github.javaparser.ast.stmt.ForStmt f ? f.getBody()
              : p instanceof com.github.javaparser.ast.stmt.WhileStmt w ? w.getBody() : ((com.github.javaparser.ast.stmt.DoStmt) p).getBody();
          return ThreadLifecycle.contains(loopBody, decl);
        }
        if (p instanceof com.github.javaparser.ast.body.CallableDeclaration<?>) {
          return false;
        }
      }
      return false;
    }

    /** The root of the object a field access {@code x.f} (or array {@code x.a}) is on. */
    private Root accessRoot(Expression node) {
      if (node instanceof FieldAccessExpr fa) {
        return rootOf(fa.getScope(), 0);
      }
      return Root.UNKNOWN;
    }

    /** The root of the receiver of a call on another object. */
    private Root scopeRoot(Node callNode) {
      if (callNode instanceof MethodCallExpr mc && mc.getScope().isPresent()) {
        return rootOf(mc.getScope().get(), 0);
      }
      if (callNode instanceof MethodReferenceExpr ref) {
        return rootOf(ref.getScope(), 0);
      }
      return Root.UNKNOWN;
    }

    /** How this body got hold of the object {@code e} evaluates to. */
    private Root rootOf(Expression e, int depth) {
      Expression x = Locks.unwrap(e);
      if (x instanceof NameExpr n) {
        Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
        if (b.isPresent() && b.get() instanceof LocalTypes.FieldRef f) {
          return Root.field(f.field());
        }
        if (b.isPresent() && b.get() instanceof LocalTypes.Local l) {
          if (l.declaration() instanceof Parameter p && p.getParentNode().orElse(null) == body.node()
              && body.node() instanceof NodeWithParameters<?> withParams) {
            int i = withParams.getParameters().indexOf(p);
            return i >= 0 ? Root.param(i) : Root.UNKNOWN;
          }
          if (capturedFromLaunchLoop(l.declaration())) {
            return Root.PER_RUN;
          }
          if (l.declaration() instanceof VariableDeclarator v && v.getInitializer().isPresent() && depth < 3) {
            return rootOf(v.getInitializer().get(), depth + 1);
          }
        }
        return Root.UNKNOWN;
      }
      if (x instanceof FieldAccessExpr) {
        return program.localTypes().fieldOf(x).map(Root::field).orElse(Root.UNKNOWN);
      }
      if (x instanceof com.github.javaparser.ast.expr.TypeExpr te
          && program.localTypes().bindReferenceScope(te).orElse(null) instanceof LocalTypes.FieldRef f) {
        return Root.field(f.field()); // helper::flush on a field
      }
      return Root.UNKNOWN;
    }
  }

  /** JDK functional interfaces: a call on a value of one of these runs code handed in from elsewhere. */
  static final java.util.Set<String> FUNCTIONAL_INTERFACES = java.util.Set.of(
      "Runnable", "Callable", "Supplier", "Consumer", "BiConsumer", "Function", "BiFunction", "Predicate", "BiPredicate",
      "UnaryOperator", "BinaryOperator", "IntSupplier", "LongSupplier", "BooleanSupplier", "IntConsumer", "LongConsumer",
      // execute(r) runs whatever executor the caller handed in; the task itself is a thread entry of its own
      "Executor");

  private boolean callsFunctionalInterface(Node callNode) {
    if (!(callNode instanceof MethodCallExpr mc) || mc.getScope().isEmpty()) {
      return false;
    }
    Expression scope = Locks.unwrap(mc.getScope().get());
    if (!(scope instanceof NameExpr) && !(scope instanceof FieldAccessExpr)) {
      return false;
    }
    return program.localTypes().typeName(scope).map(FUNCTIONAL_INTERFACES::contains).orElse(false);
  }

  /** The {@code i}-th argument of a call, or null (method references, varargs tails). */
  private static Expression argument(Node callNode, int i) {
    if (callNode instanceof NodeWithArguments<?> c && i >= 0 && i < c.getArguments().size()) {
      return c.getArguments().get(i);
    }
    return null;
  }

  /**
   * The locks a scanned callee holds where it invokes a functional argument: for
   * {@code runLocked(() -> x++)} with {@code synchronized void runLocked(Runnable r) { r.run(); }},
   * the callback runs under the callee's monitor. Locks common to every target are kept.
   */
  private LockSet callbackLocks(Node fn) {
    Node parent = fn.getParentNode().orElse(null);
    if (!(parent instanceof MethodCallExpr mc)) {
      return LockSet.EMPTY;
    }
    int index = -1;
    for (int i = 0; i < mc.getArguments().size(); i++) {
      if (mc.getArgument(i) == fn) {
        index = i;
      }
    }
    List<MethodModel> targets = program.callGraph().targetsOf(mc);
    if (index < 0 || targets.isEmpty() || targets.size() > MAX_TARGETS) {
      return LockSet.EMPTY;
    }
    LockSet common = null;
    for (MethodModel t : targets) {
      LockSet l = locksAtParameterUse(t, index);
      common = common == null ? l : common.intersect(l);
    }
    return common == null ? LockSet.EMPTY : common;
  }

  private LockSet locksAtParameterUse(MethodModel callee, int index) {
    if (index >= callee.parameterNames().size()) {
      return LockSet.EMPTY;
    }
    String name = callee.parameterNames().get(index);
    LockSet[] found = {null};
    BodyWalker.walk(program, callee, entryLocks(program, callee), new BodyWalker.Visitor() {
      @Override
      public void call(Node callNode, LockSet held) {
        if (callNode instanceof MethodCallExpr c && c.getScope().isPresent() && c.getScope().get() instanceof NameExpr n
            && n.getNameAsString().equals(name)) {
          found[0] = found[0] == null ? held : found[0].intersect(held);
        }
      }
    });
    return found[0] == null ? LockSet.EMPTY : found[0];
  }

  private enum CallReceiver {
    SAME,
    FRESH,
    OTHER
  }

  static boolean isThreadLocal(FieldModel f) {
    return f.typeName().endsWith("ThreadLocal");
  }

  /** Every summarized body (for tests and diagnostics). */
  public Map<MethodModel, Summary> all() {
    return Collections.unmodifiableMap(summaries.all());
  }

  @SuppressWarnings("unused")
  private static boolean sameType(TypeModel a, TypeModel b) {
    return a == b;
  }
}
