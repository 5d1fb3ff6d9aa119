package dev.threadlint.core.program;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls between scanned code bodies. Targets are found by name and arity in the receiver's
 * declared type and its scanned supertypes; virtual dispatch is approximated by the class
 * hierarchy (overrides in scanned subtypes are targets too). Where the receiver's type is not
 * evident from declarations, the symbol solver is asked — but only when some scanned type
 * declares a method of that name, since calls into libraries have no scanned target anyway.
 */
// The maps are filled by build(), which runs once under the program's monitor before the graph is
// published through Program's volatile field; afterwards they are only read.
@SuppressWarnings("threadlint:unsafe-shared-collection")
public final class CallGraph {

  /** A call (method call, constructor call, {@code this(...)}/{@code super(...)}, or method reference). */
  public record CallSite(MethodModel caller, Node node, List<MethodModel> targets) {
    public CallSite {
      targets = List.copyOf(targets);
    }

    public boolean isMethodReference() {
      return node instanceof MethodReferenceExpr;
    }
  }

  /**
   * Symbol-solver queries allowed while building the graph. The solver can take milliseconds per
   * call on large code bases; past this budget, unresolved receivers simply give no target. The
   * graph is built on one thread in program order, so the cut-off is deterministic.
   */
  public static final int SOLVER_BUDGET = 1000;

  private final Program program;
  private final java.util.concurrent.atomic.AtomicInteger solverCalls = new java.util.concurrent.atomic.AtomicInteger();
  private final Map<MethodModel, List<CallSite>> callsFrom = new IdentityHashMap<>();
  private final Map<MethodModel, List<CallSite>> callsTo = new IdentityHashMap<>();
  private final Map<Node, CallSite> byNode = new IdentityHashMap<>();
  private final Map<String, List<MethodModel>> methodsByName = new HashMap<>();
  /** Calls resolved by this thread (recursion guard and cache through receiver chains); per thread, so no lock. */
  private final ThreadLocal<Map<Node, List<MethodModel>>> resolving = ThreadLocal.withInitial(IdentityHashMap::new);
  private final Map<String, List<TypeModel>> implementorsByName = new HashMap<>();
  /** Bodies directly nested in a body (its lambdas, members of its anonymous and local classes). */
  private final Map<MethodModel, List<MethodModel>> nested = new IdentityHashMap<>();

  CallGraph(Program program) {
    this.program = program;
    for (MethodModel m : program.bodies()) {
      methodsByName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
      m.enclosing().ifPresent(e -> nested.computeIfAbsent(e, k -> new ArrayList<>()).add(m));
    }
    for (TypeModel t : program.types()) {
      for (String s : t.supertypeNames()) {
        String simple = TypeNames.simpleOf(s);
        if (program.typesBySimpleName(simple).isEmpty()) {
          implementorsByName.computeIfAbsent(simple, k -> new ArrayList<>()).add(t);
        }
      }
    }
  }

  void build() {
    for (MethodModel m : program.bodies()) {
      List<CallSite> sites = new ArrayList<>();
      for (Node call : callNodes(m)) {
        CallSite site = new CallSite(m, call, targets(call));
        sites.add(site);
        byNode.put(call, site);
        for (MethodModel t : site.targets()) {
          callsTo.computeIfAbsent(t, k -> new ArrayList<>()).add(site);
        }
      }
      callsFrom.put(m, sites);
    }
    resolving.remove();
  }

  public List<CallSite> callsFrom(MethodModel m) {
    return Collections.unmodifiableList(callsFrom.getOrDefault(m, List.of()));
  }

  public List<CallSite> callsTo(MethodModel m) {
    return Collections.unmodifiableList(callsTo.getOrDefault(m, List.of()));
  }

  public Optional<CallSite> site(Node callNode) {
    return Optional.ofNullable(byNode.get(callNode));
  }

  /** The scanned methods a call may invoke (empty for library calls). */
  public List<MethodModel> targetsOf(Node callNode) {
    CallSite s = byNode.get(callNode);
    if (s != null) {
      return s.targets();
    }
    // a call outside every body's own code (e.g. a field initializer's): resolved now, on this thread
    return targets(callNode);
  }

  /**
   * The nodes of {@code m}'s own code that are calls: nested lambdas, anonymous and local classes
   * are bodies of their own and are not included.
   */
  public static List<Node> callNodes(MethodModel m) {
    List<Node> out = new ArrayList<>();
    Optional<Node> body = m.body();
    if (body.isEmpty()) {
      return out;
    }
    Deque<Node> stack = new ArrayDeque<>();
    stack.push(body.get());
    List<Node> preorder = new ArrayList<>();
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      preorder.add(n);
      List<Node> children = n.getChildNodes();
      for (int i = children.size() - 1; i >= 0; i--) {
        Node c = children.get(i);
        if (isOwnBody(c, n)) {
          continue;
        }
        stack.push(c);
      }
    }
    for (Node n : preorder) {
      if (n instanceof MethodCallExpr
          || n instanceof ObjectCreationExpr
          || n instanceof ExplicitConstructorInvocationStmt
          || n instanceof MethodReferenceExpr) {
        out.add(n);
      }
    }
    return out;
  }

  /** True for a child node that starts a code body of its own (lambda, class body member, local class). */
  public static boolean isOwnBody(Node child, Node parent) {
    if (child instanceof LambdaExpr || child instanceof LocalClassDeclarationStmt || child instanceof LocalRecordDeclarationStmt || child instanceof TypeDeclaration<?>) {
      return true;
    }
    // members of an anonymous class body
    return parent instanceof ObjectCreationExpr oce
        && oce.getAnonymousClassBody().map(b -> b.stream().anyMatch(x -> x == child)).orElse(false);
  }

  private List<MethodModel> targets(Node call) {
    Map<Node, List<MethodModel>> resolving = this.resolving.get();
    List<MethodModel> cached = resolving.get(call);
    if (cached != null) {
      return cached;
    }
    resolving.put(call, List.of()); // guards recursion through receiver chains
    List<MethodModel> result = computeTargets(call);
    resolving.put(call, result);
    return result;
  }

  private List<MethodModel> computeTargets(Node call) {
    if (call instanceof ObjectCreationExpr oce) {
      TypeModel ctx = program.enclosingType(oce).orElse(null);
      Optional<TypeModel> t = program.lookupType(oce.getType().getNameAsString(), ctx);
      return t.map(type -> byArity(type.methods(), "<init>", oce.getArguments().size())).orElse(List.of());
    }
    if (call instanceof ExplicitConstructorInvocationStmt eci) {
      Optional<TypeModel> self = program.enclosingType(eci);
      if (self.isEmpty()) {
        return List.of();
      }
      List<TypeModel> where = eci.isThis() ? List.of(self.get()) : self.get().supertypes();
      List<MethodModel> out = new ArrayList<>();
      for (TypeModel t : where) {
        out.addAll(byArity(t.methods(), "<init>", eci.getArguments().size()));
      }
      return out;
    }
    if (call instanceof MethodReferenceExpr ref) {
      String name = ref.getIdentifier().equals("new") ? "<init>" : ref.getIdentifier();
      if (!methodsByName.containsKey(name)) {
        return List.of();
      }
      Optional<TypeModel> t = receiverType(ref.getScope(), ref);
      return t.map(type -> dispatch(type, name, -1, ref.getScope() instanceof SuperExpr)).orElse(List.of());
    }
    MethodCallExpr mc = (MethodCallExpr) call;
    String name = mc.getNameAsString();
    if (!methodsByName.containsKey(name)) {
      return List.of();
    }
    int arity = mc.getArguments().size();
    if (mc.getScope().isEmpty()) {
      // unqualified: the enclosing type and its supertypes, then the outer types
      for (TypeModel t = program.enclosingType(mc).orElse(null); t != null; t = t.outer().orElse(null)) {
        List<MethodModel> found = dispatch(t, name, arity, false);
        if (!found.isEmpty()) {
          return found;
        }
      }
      return List.of(); // an inherited library method or a static import
    }
    Expression scope = mc.getScope().get();
    Optional<TypeModel> receiver = receiverType(scope, mc);
    if (receiver.isPresent()) {
      return dispatch(receiver.get(), name, arity, scope instanceof SuperExpr);
    }
    Optional<String> libraryType = receiverTypeName(scope);
    if (libraryType.isPresent()) {
      // a library type: the call reaches scanned code only through scanned implementations, and only
      // when the program shows the receiver is one (it was allocated from a scanned class); a
      // DataSource, Connection or Iterator handed in from outside is the library's or the caller's
      return allocatedImplementations(scope, TypeNames.simpleOf(libraryType.get()), name, arity);
    }
    if (scope instanceof MethodCallExpr inner && returnsLibraryType(inner, mc)) {
      // the solver would name a library type here, and a library type declares no scanned method
      return List.of();
    }
    return fromSolver(mc);
  }

  private Optional<TypeModel> receiverType(Expression scope, Node at) {
    TypeModel ctx = program.enclosingType(at).orElse(null);
    if (scope instanceof ThisExpr) {
      return program.localTypes().typeOf(scope);
    }
    if (scope instanceof SuperExpr) {
      return program.enclosingType(at);
    }
    if (scope instanceof TypeExpr te) {
      if (program.localTypes().bindReferenceScope(te).isPresent()) {
        return program.localTypes().typeOf(te); // helper::flush with helper a local or a field
      }
      return program.lookupType(te.getType().asString(), ctx);
    }
    if (scope instanceof MethodCallExpr inner) {
      return targets(inner).stream()
          .map(MethodModel::node)
          .filter(MethodDeclaration.class::isInstance)
          .map(n -> ((MethodDeclaration) n).getType())
          .map(TypeNames::erasedSimpleName)
          .findFirst()
          .flatMap(n -> program.lookupType(n, ctx));
    }
    if (scope instanceof NameExpr || scope instanceof com.github.javaparser.ast.expr.FieldAccessExpr
        || scope instanceof ObjectCreationExpr || scope instanceof com.github.javaparser.ast.expr.EnclosedExpr
        || scope instanceof com.github.javaparser.ast.expr.CastExpr) {
      return program.localTypes().typeOf(scope);
    }
    return Optional.empty();
  }

  /** The declared type name of a receiver that is not a scanned type, when evident. */
  private Optional<String> receiverTypeName(Expression scope) {
    if (scope instanceof MethodCallExpr) {
      return Optional.empty();
    }
    return program.localTypes().typeName(scope).filter(n -> !n.equals("var"));
  }

  /**
   * The methods a call on a library-typed receiver reaches when every value the receiver can hold
   * is an allocation ({@code new Impl(..)}, an anonymous class) of a scanned type that implements
   * the library type; nothing otherwise.
   */
  private List<MethodModel> allocatedImplementations(Expression scope, String libraryType, String name, int arity) {
    Expression x = scope;
    while (x instanceof com.github.javaparser.ast.expr.EnclosedExpr en) {
      x = en.getInner();
    }
    List<Expression> values;
    if (x instanceof ObjectCreationExpr) {
      values = List.of(x);
    } else {
      Optional<List<Expression>> stored = program.localTypes().bindingOf(x).flatMap(b -> program.localTypes().storedValues(b));
      if (stored.isEmpty() || stored.get().isEmpty()) {
        return List.of();
      }
      values = stored.get();
    }
    Set<TypeModel> implementors = new HashSet<>(implementorsByName.getOrDefault(libraryType, List.of()));
    Set<MethodModel> out = new LinkedHashSet<>();
    for (Expression v : values) {
      Expression e = v;
      while (e instanceof com.github.javaparser.ast.expr.EnclosedExpr en) {
        e = en.getInner();
      }
      if (!(e instanceof ObjectCreationExpr oce)) {
        return List.of();
      }
      Optional<TypeModel> t = oce.getAnonymousClassBody().isPresent() ? program.typeOf(oce)
          : program.lookupType(oce.getType().getNameAsString(), program.enclosingType(oce).orElse(null));
      if (t.isEmpty()) {
        return List.of(); // a library class: its own code runs
      }
      if (implementors.stream().noneMatch(i -> i == t.get() || t.get().isSubtypeOf(i.simpleName())) && !t.get().isSubtypeOf(libraryType)) {
        return List.of();
      }
      out.addAll(dispatchExact(t.get(), name, arity));
    }
    return new ArrayList<>(out);
  }

  /** The method a call on an object of exactly {@code type} runs: the nearest declaration up the hierarchy. */
  private List<MethodModel> dispatchExact(TypeModel type, String name, int arity) {
    Deque<TypeModel> up = new ArrayDeque<>(List.of(type));
    Set<TypeModel> seen = new HashSet<>();
    while (!up.isEmpty()) {
      TypeModel t = up.poll();
      if (!seen.add(t)) {
        continue;
      }
      List<MethodModel> here = byArity(t.methods(), name, arity);
      if (!here.isEmpty()) {
        return here;
      }
      up.addAll(t.supertypes());
    }
    return List.of();
  }

  /**
   * Methods named {@code name} with {@code arity} (−1: any) that a call on a receiver of static
   * type {@code type} may reach: the nearest declaration up the hierarchy, plus overrides in
   * subtypes unless the call is {@code super.m()}.
   */
  private List<MethodModel> dispatch(TypeModel type, String name, int arity, boolean superCall) {
    Set<MethodModel> out = new LinkedHashSet<>();
    Deque<TypeModel> up = new ArrayDeque<>();
    Set<TypeModel> seen = new HashSet<>();
    if (superCall) {
      up.addAll(type.supertypes());
    } else {
      up.add(type);
    }
    while (!up.isEmpty()) {
      TypeModel t = up.poll();
      if (!seen.add(t)) {
        continue;
      }
      List<MethodModel> here = byArity(t.methods(), name, arity);
      if (!here.isEmpty()) {
        out.addAll(here);
        continue; // the nearest declaration hides the ones above it
      }
      up.addAll(t.supertypes());
    }
    if (!superCall) {
      Deque<TypeModel> down = new ArrayDeque<>(type.subtypes());
      Set<TypeModel> seenDown = new HashSet<>();
      while (!down.isEmpty()) {
        TypeModel t = down.poll();
        if (!seenDown.add(t)) {
          continue;
        }
        for (MethodModel m : byArity(t.methods(), name, arity)) {
          if (!m.isStatic() && !m.isPrivate()) {
            out.add(m);
          }
        }
        down.addAll(t.subtypes());
      }
    }
    return new ArrayList<>(out);
  }

  private static List<MethodModel> byArity(List<MethodModel> methods, String name, int arity) {
    List<MethodModel> out = new ArrayList<>();
    for (MethodModel m : methods) {
      if (m.isLambda() || !m.name().equals(name)) {
        continue;
      }
      if (arity < 0 || m.arity() == arity || (m.isVarArgs() && arity >= m.arity() - 1)) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * True when every scanned method {@code inner} may call is declared to return a library type (not
   * a scanned type, not a type variable): a call on its result cannot reach scanned code directly.
   */
  private boolean returnsLibraryType(MethodCallExpr inner, Node at) {
    String innerName = inner.getNameAsString();
    if (LIBRARY_RESULTS.contains(innerName) && calledOnLibraryType(inner)) {
      // the static type of the result is the library method's: a library type, whatever overrides scanned types declare
      return true;
    }
    List<MethodModel> targets = targets(inner);
    if (targets.isEmpty()) {
      return false;
    }
    TypeModel ctx = program.enclosingType(at).orElse(null);
    for (MethodModel t : targets) {
      if (!(t.node() instanceof MethodDeclaration md)) {
        return false;
      }
      com.github.javaparser.ast.type.Type rt = md.getType();
      if (!(rt instanceof com.github.javaparser.ast.type.ClassOrInterfaceType) && !(rt instanceof com.github.javaparser.ast.type.ArrayType)) {
        return false;
      }
      String name = TypeNames.erasedSimpleName(rt);
      if (isTypeVariable(md, name) || program.lookupType(name, ctx).isPresent() || program.lookupType(name, t.owner()).isPresent()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Library methods whose result is a library type whatever their receiver's type arguments:
   * streams and their stages, collection views and iterators, strings, sizes and tests. Used only
   * for calls made on a library type (see {@link #calledOnLibraryType}).
   */
  static final Set<String> LIBRARY_RESULTS = Set.of(
      "stream", "parallelStream", "map", "filter", "flatMap", "mapToInt", "mapToLong", "mapToDouble", "mapToObj", "boxed",
      "sorted", "distinct", "limit", "skip", "takeWhile", "dropWhile", "sequential", "parallel", "unordered",
      "entrySet", "keySet", "values", "iterator", "listIterator", "spliterator", "descendingIterator", "descendingMap",
      "descendingKeySet", "navigableKeySet", "subList", "subMap", "headMap", "tailMap", "subSet", "headSet", "tailSet",
      "toString", "name", "getClass", "getName", "getSimpleName", "hashCode", "equals", "size", "length", "isEmpty",
      "contains", "containsKey", "containsValue", "count", "anyMatch", "allMatch", "noneMatch", "toArray", "chars",
      "trim", "strip", "toLowerCase", "toUpperCase", "substring", "split", "format", "lines", "asList", "append");

  /**
   * True when {@code call} is made on a receiver of a library type: no scanned method has its name,
   * or its receiver's declared type is neither scanned nor a type variable.
   */
  private boolean calledOnLibraryType(MethodCallExpr call) {
    if (!methodsByName.containsKey(call.getNameAsString())) {
      return true;
    }
    if (call.getScope().isEmpty() || call.getScope().get() instanceof MethodCallExpr) {
      return false;
    }
    Expression scope = call.getScope().get();
    if (receiverType(scope, call).isPresent()) {
      return false;
    }
    Optional<String> typeName = receiverTypeName(scope);
    return typeName.isPresent() && !isTypeVariable(call, TypeNames.simpleOf(typeName.get()));
  }

  /** True when {@code name} is a type parameter of a type or method around {@code from}. */
  private static boolean isTypeVariable(Node from, String name) {
    String base = name.endsWith("[]") ? name.substring(0, name.indexOf('[')) : name;
    for (Node n = from; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof com.github.javaparser.ast.nodeTypes.NodeWithTypeParameters<?> tp
          && tp.getTypeParameters().stream().anyMatch(p -> p.getNameAsString().equals(base))) {
        return true;
      }
    }
    return false;
  }

  /** How many calls were handed to the symbol solver so far (at most {@link #SOLVER_BUDGET} are answered). */
  public int solverCalls() {
    return solverCalls.get();
  }

  private List<MethodModel> fromSolver(MethodCallExpr mc) {
    int arity = mc.getArguments().size();
    boolean declared = methodsByName.getOrDefault(mc.getNameAsString(), List.of()).stream()
        .anyMatch(m -> m.arity() == arity || (m.isVarArgs() && arity >= m.arity() - 1));
    if (!declared || solverCalls.incrementAndGet() > SOLVER_BUDGET) {
      return List.of();
    }
    return program.resolver().declaringTypeOf(mc)
        .flatMap(program::typeByQualifiedName)
        .map(t -> dispatch(t, mc.getNameAsString(), mc.getArguments().size(), false))
        .orElse(List.of());
  }

  /**
   * Strongly connected components of the call graph in bottom-up order: every component comes
   * after the components it calls into (callees first), so summaries can be computed in one pass
   * with fixpoint iteration inside each component.
   */
  public List<List<MethodModel>> bottomUpComponents() {
    // iterative Tarjan
    Map<MethodModel, Integer> index = new IdentityHashMap<>();
    Map<MethodModel, Integer> low = new IdentityHashMap<>();
    Set<MethodModel> onStack = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<MethodModel> stack = new ArrayDeque<>();
    List<List<MethodModel>> out = new ArrayList<>();
    int[] counter = {0};
    for (MethodModel root : program.bodies()) {
      if (index.containsKey(root)) {
        continue;
      }
      Deque<Object[]> work = new ArrayDeque<>();
      work.push(new Object[] {root, 0, successors(root)});
      index.put(root, counter[0]);
      low.put(root, counter[0]++);
      stack.push(root);
      onStack.add(root);
      while (!work.isEmpty()) {
        Object[] frame = work.peek();
        MethodModel v = (MethodModel) frame[0];
        @SuppressWarnings("unchecked")
        List<MethodModel> succ = (List<MethodModel>) frame[2];
        int i = (Integer) frame[1];
        if (i < succ.size()) {
          frame[1] = i + 1;
          MethodModel w = succ.get(i);
          if (!index.containsKey(w)) {
            index.put(w, counter[0]);
            low.put(w, counter[0]++);
            stack.push(w);
            onStack.add(w);
            work.push(new Object[] {w, 0, successors(w)});
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
        } else {
          work.pop();
          if (!work.isEmpty()) {
            MethodModel parent = (MethodModel) work.peek()[0];
            low.put(parent, Math.min(low.get(parent), low.get(v)));
          }
          if (low.get(v).equals(index.get(v))) {
            List<MethodModel> comp = new ArrayList<>();
            MethodModel w;
            do {
              w = stack.pop();
              onStack.remove(w);
              comp.add(w);
            } while (w != v);
            out.add(comp);
          }
        }
      }
    }
    return out;
  }

  /**
   * Every body {@code m} may call, method references included, and the callees of the bodies
   * nested in it (a lambda run now is walked as part of its enclosing body): a summary computer may
   * look at any of them, so each must be computed first (or share {@code m}'s component).
   */
  public List<MethodModel> successors(MethodModel m) {
    List<MethodModel> out = new ArrayList<>();
    Deque<MethodModel> todo = new ArrayDeque<>();
    todo.push(m);
    while (!todo.isEmpty()) {
      MethodModel b = todo.pop();
      for (CallSite s : callsFrom(b)) {
        out.addAll(s.targets());
      }
      nested.getOrDefault(b, List.of()).forEach(todo::push);
    }
    return out;
  }
}
