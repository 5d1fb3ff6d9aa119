package dev.threadlint.core.program;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.resolution.types.ResolvedType;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JarTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Symbol resolution through JavaParser's symbol solver: the JDK by reflection (JDK classes only —
 * never the analysed project's), the scanned sources through our own index (no second parse), and
 * classpath jars read as bytecode. Every answer is cached per node; every failure degrades to
 * "unknown" and never propagates. The solver is not thread-safe, so calls are serialized.
 */
public final class Resolver {
  private final ProgramTypeSolver sources = new ProgramTypeSolver();
  private final CombinedTypeSolver solver;
  private final JavaSymbolSolver symbolSolver;
  private final Map<Node, Optional<String>> declaringTypeCache = new IdentityHashMap<>();
  private final Map<Node, Optional<String>> typeCache = new IdentityHashMap<>();
  private final Map<String, Optional<Boolean>> subtypeByName = new HashMap<>();
  private final AtomicLong calls = new AtomicLong();
  /** Declaring-type queries per file of the call: the call graph budgets them per scan (read by the incremental cache). */
  private final Map<Path, Integer> declaringTypeQueries = new HashMap<>();
  private final AtomicLong nanos = new AtomicLong();

  /** Creates a resolver over the given classpath jars; entries that cannot be opened are reported to {@code onBadEntry}. */
  public Resolver(List<Path> classpathJars, java.util.function.BiConsumer<Path, String> onBadEntry) {
    this.solver = new CombinedTypeSolver();
    solver.add(new ReflectionTypeSolver(true));
    solver.add(sources);
    for (Path jar : classpathJars) {
      try {
        solver.add(new JarTypeSolver(jar));
      } catch (IOException | RuntimeException e) {
        onBadEntry.accept(jar, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
    }
    this.symbolSolver = new JavaSymbolSolver(solver);
  }

  /** The symbol resolver to install in the parser configuration. */
  public JavaSymbolSolver symbolSolver() {
    return symbolSolver;
  }

  /** Makes the scanned types resolvable. Called once, after parsing. */
  void index(List<SourceFile> files) {
    Map<String, TypeDeclaration<?>> byName = new HashMap<>();
    for (SourceFile f : files) {
      for (TypeDeclaration<?> t : f.unit().findAll(TypeDeclaration.class)) {
        t.getFullyQualifiedName().ifPresent(n -> byName.putIfAbsent(n, t));
      }
    }
    sources.types = byName;
  }

  /** The qualified name of the type declaring the method a call invokes. */
  public synchronized Optional<String> declaringTypeOf(MethodCallExpr call) {
    call.findCompilationUnit().flatMap(cu -> cu.getStorage())
        .ifPresent(st -> declaringTypeQueries.merge(st.getPath(), 1, Integer::sum));
    return declaringTypeCache.computeIfAbsent(call, c -> timed(() -> {
      ResolvedMethodDeclaration m = call.resolve();
      return m.declaringType().getQualifiedName();
    }));
  }

  /** The qualified erased type of an expression, e.g. {@code java.util.concurrent.locks.ReentrantLock}. */
  public synchronized Optional<String> typeOf(Expression e) {
    return typeCache.computeIfAbsent(e, x -> timed(() -> {
      ResolvedType t = JavaParserFacade.get(solver).getType(e);
      if (t.isReferenceType()) {
        return t.asReferenceType().getQualifiedName();
      }
      return t.describe();
    }));
  }

  /** Whether the resolved type of {@code e} is {@code qualifiedName} or a subtype of it. */
  public synchronized boolean isSubtypeOf(Expression e, String qualifiedName) {
    Optional<Boolean> r = timed(() -> {
      ResolvedType t = JavaParserFacade.get(solver).getType(e);
      if (!t.isReferenceType()) {
        return false;
      }
      if (t.asReferenceType().getQualifiedName().equals(qualifiedName)) {
        return true;
      }
      return t.asReferenceType().getAllAncestors().stream().anyMatch(a -> a.getQualifiedName().equals(qualifiedName));
    });
    return r.orElse(false);
  }

  /**
   * Whether the type named {@code typeName} where {@code context} uses it is {@code qualifiedSuper}
   * or a subtype of it. Resolves the name through the file's imports, {@code java.lang} and its
   * package with the type solver alone (no expression typing), so it is cheap enough to ask for
   * every declared library type a rule meets. Unknown names answer false.
   */
  public synchronized boolean isSubtypeOfName(String typeName, Node context, String qualifiedSuper) {
    Optional<com.github.javaparser.ast.CompilationUnit> cu = context.findCompilationUnit();
    if (cu.isEmpty()) {
      return false;
    }
    for (String candidate : candidates(typeName, cu.get())) {
      Optional<Boolean> answer = subtypeByName.computeIfAbsent(candidate + "<:" + qualifiedSuper, k -> timed(() -> {
        SymbolReference<ResolvedReferenceTypeDeclaration> ref = solver.tryToSolveType(candidate);
        if (!ref.isSolved()) {
          return null;
        }
        ResolvedReferenceTypeDeclaration d = ref.getCorrespondingDeclaration();
        return d.getQualifiedName().equals(qualifiedSuper)
            || d.getAllAncestors().stream().anyMatch(a -> a.getQualifiedName().equals(qualifiedSuper));
      }));
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    return false;
  }

  private static java.util.List<String> candidates(String typeName, com.github.javaparser.ast.CompilationUnit cu) {
    String name = typeName.contains("<") ? typeName.substring(0, typeName.indexOf('<')) : typeName;
    java.util.List<String> out = new java.util.ArrayList<>();
    if (name.contains(".")) {
      out.add(name);
    }
    String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    String rest = name.contains(".") ? name.substring(name.indexOf('.')) : "";
    for (var imp : cu.getImports()) {
      if (!imp.isAsterisk() && !imp.isStatic() && imp.getName().getIdentifier().equals(first)) {
        out.add(imp.getNameAsString() + rest);
      }
    }
    out.add("java.lang." + name);
    cu.getPackageDeclaration().ifPresent(p -> out.add(p.getNameAsString() + "." + name));
    for (var imp : cu.getImports()) {
      if (imp.isAsterisk() && !imp.isStatic()) {
        out.add(imp.getNameAsString() + "." + name);
      }
    }
    return out;
  }

  /** How many times {@link #declaringTypeOf} was asked about a call in each file. */
  public synchronized Map<Path, Integer> declaringTypeQueries() {
    return Map.copyOf(declaringTypeQueries);
  }

  /** Number of solver queries and the time they took, for timings. */
  public long queries() {
    return calls.get();
  }

  public long millis() {
    return nanos.get() / 1_000_000;
  }

  private interface Query<T> {
    T run() throws Exception;
  }

  private <T> Optional<T> timed(Query<T> q) {
    long start = System.nanoTime();
    calls.incrementAndGet();
    try {
      return Optional.ofNullable(q.run());
    } catch (Exception | StackOverflowError | LinkageError e) {
      return Optional.empty();
    } finally {
      nanos.addAndGet(System.nanoTime() - start);
    }
  }

  /** Resolves names of scanned types from the already-parsed ASTs. */
  private static final class ProgramTypeSolver implements TypeSolver {
    private TypeSolver parent;
    private volatile Map<String, TypeDeclaration<?>> types = Map.of();

    @Override
    public TypeSolver getParent() {
      return parent;
    }

    @Override
    public void setParent(TypeSolver parent) {
      this.parent = parent;
    }

    @Override
    public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveType(String name) {
      TypeDeclaration<?> t = types.get(name);
      if (t == null) {
        return SymbolReference.unsolved();
      }
      return SymbolReference.solved(JavaParserFacade.get(getRoot()).getTypeDeclaration(t));
    }

    @Override
    public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveTypeInModule(String module, String name) {
      return tryToSolveType(name);
    }
  }
}
