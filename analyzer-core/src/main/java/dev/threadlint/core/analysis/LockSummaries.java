package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Per code body, bottom-up over the call graph ({@link Summaries}): the locks it acquires, the
 * blocking calls it makes and the alien calls it makes — directly or in callees — each with the
 * locks held at that point (the body's own plus the callee's), the site, and the call path from
 * the body down to the site.
 *
 * <p>At a call site the caller's held locks are added and the callee's locks are mapped into the
 * caller's frame: a callee's {@link LockId.Kind#PARAMETER} lock becomes the lock of the caller's
 * argument ({@code transfer(a, b)} → the locks of {@code a} and {@code b}), and the callee's own
 * monitor becomes the monitor of the receiver ({@code this} for unqualified calls, the parameter's
 * lock when the receiver is a parameter, otherwise the monitor of the callee's type).
 *
 * <p>Summaries are bounded: at most {@link #MAX_ITEMS} items of each kind per body, de-duplicated
 * by (lock or site, locks held), keeping the first in a deterministic walk order.
 */
public final class LockSummaries {
  public static final int MAX_ITEMS = 96;
  private static final int MAX_PATH = 8;

  /** One call on a path from a body down to a site: the callee entered, and the call node in its caller. */
  public record Hop(MethodModel callee, Node callNode) {}

  /** A lock taken ({@code how}) at {@code site} with {@code heldBefore} already held, reached through {@code path}. */
  public record Acquisition(LockId lock, LockSet heldBefore, Node site, Locks.Acquisition how, List<Hop> path) {}

  /** A blocking call at {@code site} made with {@code held}, reached through {@code path}. */
  public record Blocking(String description, Optional<LockId> releases, Node site, LockSet held, List<Hop> path) {
    /** The locks that stay held while the call blocks ({@code wait()} releases its own monitor). */
    public LockSet effectivelyHeld() {
      return releases.map(held::minus).orElse(held);
    }
  }

  /** A call to code this program does not control (a listener, callback, hook) with {@code held}. */
  public record AlienCall(String description, Node site, LockSet held, List<Hop> path) {}

  /** The summary of one body. */
  public static final class Summary {
    private final List<Acquisition> acquisitions;
    private final List<Blocking> blocking;
    private final List<AlienCall> alien;
    private final Set<String> keys;

    Summary(List<Acquisition> acquisitions, List<Blocking> blocking, List<AlienCall> alien, Set<String> keys) {
      this.acquisitions = List.copyOf(acquisitions);
      this.blocking = List.copyOf(blocking);
      this.alien = List.copyOf(alien);
      this.keys = Set.copyOf(keys);
    }

    public List<Acquisition> acquisitions() {
      return acquisitions;
    }

    public List<Blocking> blocking() {
      return blocking;
    }

    public List<AlienCall> alienCalls() {
      return alien;
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

  static final Summary EMPTY = new Summary(List.of(), List.of(), List.of(), Set.of());

  private final Program program;
  private final BlockingCalls blockingCalls;
  private final Summaries<Summary> summaries;

  private LockSummaries(Program program, BlockingCalls blockingCalls) {
    this.program = program;
    this.blockingCalls = blockingCalls;
    this.summaries = Summaries.compute(program, EMPTY, this::summarize);
  }

  /**
   * The shared summaries (computed once per program), with the blocking table plus the project's
   * configured blocking methods ({@code ProjectKnowledge.blockingMethods}).
   */
  public static LockSummaries of(Program program) {
    return program.analysis(LockSummaries.class, p -> new LockSummaries(p, p.knowledge() == null || p.knowledge().blockingMethods().isEmpty()
        ? BlockingCalls.DEFAULT : new BlockingCalls(p.knowledge().blockingMethods())));
  }

  /** Summaries with extra blocking methods ({@code "pkg.Type#method"}); not shared when {@code extra} is non-empty. */
  public static LockSummaries of(Program program, Set<String> extraBlocking) {
    if (extraBlocking.isEmpty()) {
      return of(program);
    }
    Set<String> all = new java.util.TreeSet<>(extraBlocking);
    if (program.knowledge() != null) {
      all.addAll(program.knowledge().blockingMethods());
    }
    return new LockSummaries(program, new BlockingCalls(all));
  }

  public Program program() {
    return program;
  }

  public Summary of(MethodModel body) {
    Summary s = summaries.of(body);
    return s == null ? EMPTY : s;
  }

  public BlockingCalls blockingCalls() {
    return blockingCalls;
  }

  // ---- computing one body

  private Summary summarize(MethodModel body, Function<MethodModel, Summary> calleeSummary) {
    List<Acquisition> acq = new ArrayList<>();
    List<Blocking> blk = new ArrayList<>();
    List<AlienCall> ali = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    LockSet entry = Locks.entryLocks(body);
    if (!entry.isEmpty()) {
      LockSet.Held h = entry.held().get(0);
      addAcq(acq, keys, new Acquisition(h.lock(), LockSet.EMPTY, body.node(), Locks.Acquisition.BLOCKING, List.of()));
    }
    BodyWalker.walk(program, body, entry, new BodyWalker.Visitor() {
      @Override
      public void acquire(LockId lock, Node at, LockSet heldBefore, Locks.Acquisition how) {
        addAcq(acq, keys, new Acquisition(lock, heldBefore, at, how, List.of()));
      }

      @Override
      public void call(Node callNode, LockSet held) {
        if (callNode instanceof MethodReferenceExpr) {
          return; // a reference is not a call here
        }
        blockingCalls.classify(program, callNode)
            .ifPresent(b -> addBlk(blk, keys, new Blocking(b.description(), b.releases(), callNode, held, List.of())));
        alienCall(callNode).ifPresent(d -> addAlien(ali, keys, new AlienCall(d, callNode, held, List.of())));
        if (callNode instanceof MethodCallExpr mc && Locks.lockCall(program, mc).isPresent()) {
          return;
        }
        List<MethodModel> targets = program.callGraph().targetsOf(callNode);
        if (targets.size() != 1) {
          return; // a virtual call with several possible targets: which one runs is unknown, so assume none (precision first)
        }
        for (MethodModel target : targets) {
          if (target == body && held.isEmpty()) {
            continue;
          }
          Summary s = calleeSummary.apply(target);
          if (s == EMPTY) {
            continue;
          }
          Frame frame = new Frame(callNode, body, target, held);
          Hop hop = new Hop(target, callNode);
          for (Acquisition a : s.acquisitions) {
            if (a.path.size() >= MAX_PATH) {
              continue;
            }
            LockId l = frame.map(a.lock);
            addAcq(acq, keys, new Acquisition(l, held.plusAll(frame.map(a.heldBefore)), a.site, a.how, prepend(hop, a.path)));
          }
          for (Blocking b : s.blocking) {
            if (b.path.size() >= MAX_PATH) {
              continue;
            }
            addBlk(blk, keys, new Blocking(b.description, b.releases.map(frame::map), b.site, held.plusAll(frame.map(b.held)), prepend(hop, b.path)));
          }
          boolean sameClass = outermost(target.owner()) == outermost(body.owner());
          for (AlienCall c : s.alien) {
            if (c.path.size() >= MAX_PATH || !sameClass) {
              continue;
            }
            addAlien(ali, keys, new AlienCall(c.description, c.site, held.plusAll(frame.map(c.held)), prepend(hop, c.path)));
          }
        }
      }
    });
    return new Summary(acq, blk, ali, keys);
  }

  private static TypeModel outermost(TypeModel t) {
    TypeModel x = t;
    while (x.outer().isPresent()) {
      x = x.outer().get();
    }
    return x;
  }

  /**
   * True when {@code type} has implementations in the program and it and all of them are declared
   * inside {@code outer} (an abstract type with no known implementation is implemented elsewhere).
   */
  private static boolean closedWithin(TypeModel type, TypeModel outer) {
    if (type.subtypes().isEmpty()) {
      return false;
    }
    java.util.ArrayDeque<TypeModel> work = new java.util.ArrayDeque<>(List.of(type));
    Set<TypeModel> seen = new HashSet<>();
    while (!work.isEmpty()) {
      TypeModel t = work.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (outermost(t) != outer) {
        return false;
      }
      work.addAll(t.subtypes());
    }
    return true;
  }

  /**
   * A class with implementations in the program whose constructors are all package-private or
   * private: only its own package can extend it, so its abstract methods are not extension points.
   */
  private static boolean sealedByConstructors(TypeModel type) {
    if (type.isInterface() || type.subtypes().isEmpty() || type.declaration().isEmpty()) {
      return false;
    }
    List<com.github.javaparser.ast.body.ConstructorDeclaration> ctors = type.declaration().get().getConstructors();
    return !ctors.isEmpty() && ctors.stream().noneMatch(c -> c.isPublic() || c.isProtected());
  }

  private static final Set<String> OBJECT_METHODS = Set.of("hashCode", "equals", "toString", "getClass", "clone", "finalize");

  private static List<Hop> prepend(Hop hop, List<Hop> path) {
    List<Hop> out = new ArrayList<>(path.size() + 1);
    out.add(hop);
    out.addAll(path);
    return List.copyOf(out);
  }

  private static void addAcq(List<Acquisition> out, Set<String> keys, Acquisition a) {
    boolean ordered = a.heldBefore.held().stream().anyMatch(h -> isInOrderingBranch(h.acquiredAt()));
    if (out.size() < MAX_ITEMS && keys.add("A" + key(a.lock) + a.how + ordered + "|" + heldKey(a.heldBefore))) {
      out.add(a);
    }
  }

  private static void addBlk(List<Blocking> out, Set<String> keys, Blocking b) {
    if (out.size() < MAX_ITEMS && keys.add("B" + System.identityHashCode(b.site) + "|" + heldKey(b.held))) {
      out.add(b);
    }
  }

  private static void addAlien(List<AlienCall> out, Set<String> keys, AlienCall c) {
    if (out.size() < MAX_ITEMS && keys.add("C" + System.identityHashCode(c.site) + "|" + heldKey(c.held))) {
      out.add(c);
    }
  }

  /**
   * True when {@code site} lies in a branch of an {@code if/else} whose condition compares
   * (relational operator, {@code compareTo}/{@code compare}): the idiom of acquiring two locks in
   * a global order (by id, by {@code System.identityHashCode}), where each branch takes them in the
   * order the comparison chose.
   */
  public static boolean isInOrderingBranch(Node site) {
    Node child = site;
    Node p = site.getParentNode().orElse(null);
    while (p != null && !(p instanceof com.github.javaparser.ast.body.CallableDeclaration<?>) && !(p instanceof com.github.javaparser.ast.expr.LambdaExpr)) {
      if (p instanceof com.github.javaparser.ast.stmt.IfStmt ifs && child != ifs.getCondition() && ifs.getElseStmt().isPresent()
          && isOrderingTest(ifs.getCondition())) {
        return true;
      }
      child = p;
      p = p.getParentNode().orElse(null);
    }
    return false;
  }

  private static boolean isOrderingTest(Expression cond) {
    for (com.github.javaparser.ast.expr.BinaryExpr b : cond.findAll(com.github.javaparser.ast.expr.BinaryExpr.class)) {
      switch (b.getOperator()) {
        case LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> {
          return true;
        }
        default -> {}
      }
    }
    return cond.findAll(MethodCallExpr.class).stream().anyMatch(m -> m.getNameAsString().equals("compareTo") || m.getNameAsString().equals("compare"));
  }

  /** A stable string key for a lock (its record components). */
  public static String key(LockId l) {
    return l.kind() + ":" + l.owner() + ":" + l.name() + ":" + l.index() + ":" + l.side();
  }

  private static String heldKey(LockSet s) {
    List<String> k = new ArrayList<>();
    for (LockId l : s.locks()) {
      k.add(key(l));
    }
    k.sort(null);
    return String.join(",", k);
  }

  /** Maps a callee's locks into the caller's frame at one call site. */
  private final class Frame {
    private final Node call;
    private final MethodModel caller;
    private final MethodModel callee;
    private final String paramOwner;
    private final LockSet held;

    Frame(Node call, MethodModel caller, MethodModel callee, LockSet held) {
      this.held = held;
      this.call = call;
      this.caller = caller;
      this.callee = callee;
      this.paramOwner = callee.owner().qualifiedName() + "." + callee.name();
    }

    LockId map(LockId l) {
      if (l.kind() == LockId.Kind.PARAMETER && l.owner().equals(paramOwner)) {
        List<Expression> args = arguments();
        if (l.index() >= 0 && l.index() < args.size() && l.index() < callee.arity()) {
          return Locks.lockOf(program, args.get(l.index())).withSide(l.side());
        }
        return l;
      }
      if (l.kind() == LockId.Kind.MONITOR && !callee.isStatic() && !callee.isConstructor() && l.owner().equals(callee.owner().qualifiedName())) {
        Optional<Expression> scope = call instanceof MethodCallExpr mc ? mc.getScope() : Optional.empty();
        if (scope.isEmpty() || scope.get() instanceof ThisExpr t && t.getTypeName().isEmpty() || scope.get() instanceof SuperExpr) {
          TypeModel mine = caller.owner();
          if (mine == callee.owner() || mine.isSubtypeOf(callee.owner().simpleName())) {
            return LockId.monitor(mine.qualifiedName()).withSide(l.side());
          }
          return l;
        }
        Expression s = Locks.unwrap(scope.get());
        LockId receiver = Locks.lockOf(program, s);
        if (held.containsBase(receiver)) {
          return receiver.withSide(l.side()); // synchronized (x) { x.syncMethod(); }: the same monitor, re-entered
        }
        if (s instanceof NameExpr n) {
          Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
          if (b.isPresent() && b.get() instanceof LocalTypes.Local local && local.declaration() instanceof Parameter) {
            return Locks.lockOf(program, s).withSide(l.side());
          }
        }
        return l;
      }
      return l;
    }

    LockSet map(LockSet s) {
      LockSet out = LockSet.EMPTY;
      for (LockSet.Held h : s.held()) {
        out = out.plus(map(h.lock()), h.acquiredAt());
      }
      return out;
    }

    private List<Expression> arguments() {
      if (call instanceof MethodCallExpr mc) {
        return mc.getArguments();
      }
      if (call instanceof ObjectCreationExpr oce) {
        return oce.getArguments();
      }
      if (call instanceof ExplicitConstructorInvocationStmt e) {
        return e.getArguments();
      }
      return List.of();
    }
  }

  // ---- alien calls

  private static final Pattern ALIEN_TYPE = Pattern.compile(
      ".*(Listener|Callback|Observer|Handler|Hook|Subscriber|Visitor)|Runnable|Callable|Consumer|BiConsumer|Supplier|Function|BiFunction"
          + "|UnaryOperator|BinaryOperator|Predicate|BiPredicate");
  private static final Map<String, Set<String>> FUNCTIONAL_METHODS = Map.of(
      "Runnable", Set.of("run"), "Callable", Set.of("call"), "Consumer", Set.of("accept"), "BiConsumer", Set.of("accept"),
      "Supplier", Set.of("get"), "Function", Set.of("apply"), "BiFunction", Set.of("apply"), "UnaryOperator", Set.of("apply"),
      "BinaryOperator", Set.of("apply"), "Predicate", Set.of("test"));

  /**
   * A description when {@code callNode} calls code the program does not control: a method of a
   * listener/callback-typed field, parameter or loop variable, a functional-interface parameter, or
   * an abstract method of this object (an overridable hook).
   */
  Optional<String> alienCall(Node callNode) {
    if (!(callNode instanceof MethodCallExpr mc)) {
      return Optional.empty();
    }
    TypeModel here = program.enclosingType(mc).map(LockSummaries::outermost).orElse(null);
    if (mc.getScope().isEmpty() || mc.getScope().get() instanceof ThisExpr) {
      if (OBJECT_METHODS.contains(mc.getNameAsString())) {
        return Optional.empty();
      }
      for (MethodModel t : program.callGraph().targetsOf(mc)) {
        if (here != null && closedWithin(t.owner(), here) || sealedByConstructors(t.owner())) {
          continue; // every implementation is in this class, or in its package: not alien
        }
        if (t.isAbstract() && !t.owner().isInterface() || t.isAbstract() && t.owner().isInterface() && !t.isStatic()
            && t.body().isEmpty() && program.enclosingType(mc).map(e -> e == t.owner() || e.isSubtypeOf(t.owner().simpleName())).orElse(false)) {
          return Optional.of("abstract method '" + mc.getNameAsString() + "()' (an override runs here)");
        }
      }
      return Optional.empty();
    }
    Expression scope = Locks.unwrap(mc.getScope().get());
    if (!(scope instanceof NameExpr) && !(scope instanceof com.github.javaparser.ast.expr.FieldAccessExpr)) {
      return Optional.empty();
    }
    Optional<String> type = program.localTypes().typeName(scope);
    if (type.isEmpty() || !ALIEN_TYPE.matcher(type.get()).matches()) {
      return Optional.empty();
    }
    String t = type.get();
    Optional<TypeModel> scanned = program.localTypes().typeOf(scope);
    if (scanned.isPresent() && !scanned.get().isInterface() && !scanned.get().isAbstract()) {
      return Optional.empty(); // a concrete class of this program: its code is known
    }
    if (scanned.isPresent() && here != null && closedWithin(scanned.get(), here)) {
      return Optional.empty(); // an abstract type whose implementations all live in this class
    }
    Set<String> fm = FUNCTIONAL_METHODS.get(t);
    if (fm != null && !fm.contains(mc.getNameAsString())) {
      return Optional.empty(); // e.g. Function.andThen: composes, does not run foreign code
    }
    Optional<FieldModel> field = program.localTypes().fieldOf(scope);
    if (field.isPresent()) {
      return Optional.of("'" + scope + "." + mc.getNameAsString() + "()' on " + t + " field '" + field.get().name() + "'");
    }
    if (scope instanceof NameExpr n) {
      Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
      if (b.isPresent() && b.get() instanceof LocalTypes.Local local) {
        if (local.declaration() instanceof Parameter) {
          return Optional.of("'" + scope + "." + mc.getNameAsString() + "()' on " + t + " parameter '" + n + "'");
        }
        Node decl = local.declaration();
        Node p = decl.getParentNode().orElse(null);
        while (p != null && !(p instanceof ForEachStmt)) {
          if (p instanceof com.github.javaparser.ast.stmt.Statement && !(p instanceof com.github.javaparser.ast.stmt.ExpressionStmt)) {
            break;
          }
          p = p.getParentNode().orElse(null);
        }
        if (p instanceof ForEachStmt fe) {
          return Optional.of("'" + scope + "." + mc.getNameAsString() + "()' on each " + t + " of '" + fe.getIterable() + "'");
        }
      }
    }
    return Optional.empty();
  }
}
