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
  private final AtomicLong calls = new AtomicLong();
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
