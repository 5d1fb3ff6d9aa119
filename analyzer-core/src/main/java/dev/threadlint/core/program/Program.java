package dev.threadlint.core.program;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.ImportDeclaration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * The whole-program model: every scanned type, field and code body, linked by name, plus a call
 * graph and shared analyses computed on first use. Built once; read-only afterwards, and safe to
 * read from several threads. Analyses are memoized per program: {@link #analysis} computes each
 * at most once.
 */
public final class Program {
  private final List<SourceFile> files;
  private final List<TypeModel> types = new ArrayList<>();
  private final Map<String, TypeModel> byQualifiedName = new HashMap<>();
  private final Map<String, List<TypeModel>> bySimpleName = new HashMap<>();
  private final Map<Node, TypeModel> typeByNode = new IdentityHashMap<>();
  private final Map<Node, MethodModel> bodyByNode = new IdentityHashMap<>();
  private final List<MethodModel> bodies = new ArrayList<>();
  private final Resolver resolver;
  private final ConcurrentHashMap<Class<?>, FutureTask<Object>> analyses = new ConcurrentHashMap<>();
  private final LocalTypes localTypes;
  private volatile CallGraph callGraph;
  /** The call graph under construction; seen only by the building thread, which holds the lock. */
  private CallGraph building;
  private final ProjectKnowledge knowledge;
  private final int parallelism;

  public Program(List<SourceFile> files, Resolver resolver) {
    this(files, resolver, ProjectKnowledge.NONE);
  }

  public Program(List<SourceFile> files, Resolver resolver, ProjectKnowledge knowledge) {
    this(files, resolver, knowledge, 1);
  }

  /**
   * @param parallelism threads that whole-program analyses may use (summaries of independent parts
   *     of the call graph are computed in parallel); results do not depend on it
   */
  public Program(List<SourceFile> files, Resolver resolver, ProjectKnowledge knowledge, int parallelism) {
    this.parallelism = Math.max(1, parallelism);
    this.files = List.copyOf(files);
    this.resolver = resolver;
    this.knowledge = knowledge;
    for (SourceFile f : this.files) {
      index(f);
    }
    for (TypeModel t : types) {
      for (String s : t.supertypeNames()) {
        lookupType(s, t).ifPresent(st -> {
          if (st != t) {
            t.supertypes.add(st);
            st.subtypes.add(t);
          }
        });
      }
    }
    this.localTypes = new LocalTypes(this);
    resolver.index(this.files);
  }

  private void index(SourceFile file) {
    Map<TypeModel, Integer> anonymousCounters = new HashMap<>();
    Map<MethodModel, Integer> lambdaCounters = new HashMap<>();
    file.unit().walk(node -> {
      if (node instanceof TypeDeclaration<?> td) {
        TypeModel t = new TypeModel(file, td, enclosingType(td).orElse(null));
        register(t);
        for (FieldDeclaration fd : td.getFields()) {
          for (VariableDeclarator v : fd.getVariables()) {
            t.fields.add(new FieldModel(t, fd, v));
          }
        }
      } else if (node instanceof ObjectCreationExpr oce && oce.getAnonymousClassBody().isPresent()) {
        TypeModel outer = enclosingType(oce).orElse(null);
        int n = anonymousCounters.merge(outer, 1, Integer::sum);
        TypeModel t = new TypeModel(file, oce, outer, n);
        register(t);
        for (var member : oce.getAnonymousClassBody().get()) {
          if (member instanceof FieldDeclaration fd) {
            for (VariableDeclarator v : fd.getVariables()) {
              t.fields.add(new FieldModel(t, fd, v));
            }
          }
        }
      } else if (node instanceof MethodDeclaration || node instanceof ConstructorDeclaration) {
        CallableDeclaration<?> c = (CallableDeclaration<?>) node;
        enclosingType(c).ifPresent(owner -> {
          MethodModel.Kind kind = c instanceof ConstructorDeclaration ? MethodModel.Kind.CONSTRUCTOR : MethodModel.Kind.METHOD;
          String name = c instanceof ConstructorDeclaration ? "<init>" : c.getNameAsString();
          registerBody(owner, new MethodModel(owner, c, kind, name, null));
        });
      } else if (node instanceof InitializerDeclaration init) {
        enclosingType(init).ifPresent(owner -> {
          MethodModel.Kind kind = init.isStatic() ? MethodModel.Kind.STATIC_INITIALIZER : MethodModel.Kind.INITIALIZER;
          registerBody(owner, new MethodModel(owner, init, kind, init.isStatic() ? "<clinit>" : "<init-block>", null));
        });
      } else if (node instanceof LambdaExpr lambda) {
        enclosingType(lambda).ifPresent(owner -> {
          MethodModel encl = enclosingBody(lambda.getParentNode().orElse(null)).orElse(null);
          int n = lambdaCounters.merge(encl, 1, Integer::sum);
          String base = encl == null ? "init" : encl.name().replace("<", "").replace(">", "");
          registerBody(owner, new MethodModel(owner, lambda, MethodModel.Kind.LAMBDA, "lambda$" + base + "$" + n, encl));
        });
      }
    });
  }

  private void register(TypeModel t) {
    types.add(t);
    typeByNode.put(t.node(), t);
    byQualifiedName.putIfAbsent(t.qualifiedName(), t);
    bySimpleName.computeIfAbsent(t.simpleName(), k -> new ArrayList<>()).add(t);
  }

  private void registerBody(TypeModel owner, MethodModel m) {
    owner.methods.add(m);
    bodies.add(m);
    bodyByNode.put(m.node(), m);
  }

  public List<SourceFile> files() {
    return files;
  }

  public List<TypeModel> types() {
    return Collections.unmodifiableList(types);
  }

  /** Every code body: methods, constructors, initializers, lambdas. */
  public List<MethodModel> bodies() {
    return Collections.unmodifiableList(bodies);
  }

  /** Extra thread-safe/singleton annotations and blocking methods the project declared. */
  public ProjectKnowledge knowledge() {
    return knowledge;
  }

  public Resolver resolver() {
    return resolver;
  }

  public LocalTypes localTypes() {
    return localTypes;
  }

  public Optional<TypeModel> typeByQualifiedName(String qualifiedName) {
    return Optional.ofNullable(byQualifiedName.get(qualifiedName));
  }

  public List<TypeModel> typesBySimpleName(String simpleName) {
    return bySimpleName.getOrDefault(simpleName, List.of());
  }

  /** The model of a type declaration or anonymous class node. */
  public Optional<TypeModel> typeOf(Node typeNode) {
    return Optional.ofNullable(typeByNode.get(typeNode));
  }

  /** The model of a callable, initializer or lambda node. */
  public Optional<MethodModel> bodyOf(Node bodyNode) {
    return Optional.ofNullable(bodyByNode.get(bodyNode));
  }

  /** The innermost type (declared or anonymous) that contains {@code node}, excluding node itself. */
  public Optional<TypeModel> enclosingType(Node node) {
    Node n = node == null ? null : node.getParentNode().orElse(null);
    while (n != null) {
      TypeModel t = typeByNode.get(n);
      if (t != null) {
        // an anonymous class's constructor arguments belong to the enclosing code, not the class body
        if (t.isAnonymous() && !isInsideAnonymousBody((ObjectCreationExpr) n, node)) {
          n = n.getParentNode().orElse(null);
          continue;
        }
        return Optional.of(t);
      }
      n = n.getParentNode().orElse(null);
    }
    return Optional.empty();
  }

  private static boolean isInsideAnonymousBody(ObjectCreationExpr oce, Node node) {
    Node child = childOnPath(node, oce);
    return oce.getAnonymousClassBody().map(body -> body.stream().anyMatch(m -> m == child)).orElse(false);
  }

  /** The ancestor of {@code node} (or node itself) whose parent is {@code ancestor}. */
  private static Node childOnPath(Node node, Node ancestor) {
    Node n = node;
    while (n.getParentNode().isPresent() && n.getParentNode().get() != ancestor) {
      n = n.getParentNode().get();
    }
    return n;
  }

  /** The innermost code body (method, constructor, initializer, lambda) containing {@code node}, or node itself. */
  public Optional<MethodModel> enclosingBody(Node node) {
    Node n = node;
    while (n != null) {
      MethodModel m = bodyByNode.get(n);
      if (m != null) {
        return Optional.of(m);
      }
      if (typeByNode.containsKey(n) && n != node) {
        return Optional.empty();
      }
      n = n.getParentNode().orElse(null);
    }
    return Optional.empty();
  }

  /** Resolves a type name as written in {@code context}'s file to a scanned type. */
  public Optional<TypeModel> lookupType(String name, TypeModel context) {
    String erased = name.contains("<") ? name.substring(0, name.indexOf('<')) : name;
    TypeModel exact = byQualifiedName.get(erased);
    if (exact != null) {
      return Optional.of(exact);
    }
    String simple = TypeNames.simpleOf(erased);
    List<TypeModel> candidates = bySimpleName.getOrDefault(simple, List.of());
    if (context != null && !erased.contains(".")) {
      // a member type is named by its simple name only where it is in scope: java.lang.ref.Reference
      // in one class is not the nested Reference another class declares
      candidates = candidates.stream().filter(c -> memberTypeVisible(c, context)).toList();
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    if (candidates.size() == 1 || context == null) {
      return Optional.of(candidates.get(0));
    }
    // prefer the context or one of its outers, a nested type of them, the same file, the same package, then imports
    for (TypeModel outer = context; outer != null; outer = outer.outer().orElse(null)) {
      if (candidates.contains(outer)) {
        return Optional.of(outer);
      }
    }
    for (TypeModel outer = context; outer != null; outer = outer.outer().orElse(null)) {
      for (TypeModel c : candidates) {
        if (c.outer().orElse(null) == outer) {
          return Optional.of(c);
        }
      }
    }
    for (TypeModel c : candidates) {
      if (c.file() == context.file()) {
        return Optional.of(c);
      }
    }
    String pkg = packageOf(context);
    for (TypeModel c : candidates) {
      if (packageOf(c).equals(pkg)) {
        return Optional.of(c);
      }
    }
    for (ImportDeclaration imp : context.file().unit().getImports()) {
      for (TypeModel c : candidates) {
        if (!imp.isAsterisk() && imp.getNameAsString().equals(c.qualifiedName())) {
          return Optional.of(c);
        }
        if (imp.isAsterisk() && packageOf(c).equals(imp.getNameAsString())) {
          return Optional.of(c);
        }
      }
    }
    return Optional.of(candidates.get(0));
  }

  /** A top-level type, or a member type named from its file, from inside its outer class or a subclass of it, or imported. */
  private static boolean memberTypeVisible(TypeModel c, TypeModel context) {
    Optional<TypeModel> outer = c.outer();
    if (outer.isEmpty() || c.file() == context.file()) {
      return true;
    }
    for (TypeModel t = context; t != null; t = t.outer().orElse(null)) {
      if (t == outer.get() || t.isSubtypeOf(outer.get().simpleName())) {
        return true;
      }
    }
    for (ImportDeclaration imp : context.file().unit().getImports()) {
      String n = imp.getNameAsString();
      if (imp.isAsterisk() ? n.equals(outer.get().qualifiedName()) : n.equals(c.qualifiedName())) {
        return true;
      }
    }
    return false;
  }

  private static String packageOf(TypeModel t) {
    return t.file().unit().getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
  }

  /** Threads whole-program analyses may use. */
  public int parallelism() {
    return parallelism;
  }

  /**
   * The call graph, built on first use. While it is being built, name resolution may ask for call
   * targets (a receiver that is itself a call): the building thread then gets the graph under
   * construction, which resolves such calls on demand.
   */
  public CallGraph callGraph() {
    CallGraph g = callGraph;
    if (g != null) {
      return g;
    }
    synchronized (this) {
      if (callGraph != null) {
        return callGraph;
      }
      if (building != null) {
        return building;
      }
      building = new CallGraph(this);
      try {
        building.build();
        callGraph = building;
      } finally {
        building = null;
      }
      return callGraph;
    }
  }

  /**
   * A shared analysis, computed at most once per program with {@code factory} and then reused by
   * every rule. Safe to call from several threads: the first caller computes it, later callers
   * wait for it; an analysis may ask for another (not for itself), also from the threads it uses.
   */
  private static boolean interrupted(FutureTask<Object> task) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    try {
      task.get(0, java.util.concurrent.TimeUnit.NANOSECONDS);
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof InterruptedException || c instanceof java.util.concurrent.CancellationException) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.CancellationException e) {
      return true;
    }
  }

  public <T> T analysis(Class<T> key, Function<Program, T> factory) {
    FutureTask<Object> task = new FutureTask<>(() -> factory.apply(this));
    FutureTask<Object> existing = analyses.putIfAbsent(key, task);
    if (existing == null) {
      task.run();
      if (interrupted(task)) {
        // cut short by the caller's time bound: the next caller computes it afresh rather than inheriting the interrupt
        analyses.remove(key, task);
      }
    } else {
      task = existing;
    }
    return key.cast(Workers.join(task, key.getSimpleName()));
  }

}
