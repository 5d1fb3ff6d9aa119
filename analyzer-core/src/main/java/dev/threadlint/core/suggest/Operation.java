package dev.threadlint.core.suggest;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.type.ReferenceType;
import com.github.javaparser.ast.type.TypeParameter;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One operation on shared state, as a sketch needs it: the method's name, parameters, return type
 * ({@code "void"} for none), checked exceptions, type parameters, which state fields it reads and
 * writes, and its body as Java text (empty when unknown).
 */
public record Operation(
    String name,
    List<Param> params,
    String returnType,
    List<String> thrown,
    List<String> typeParameters,
    Set<String> reads,
    Set<String> writes,
    String body) {

  /** A parameter: type as written ({@code String...} for varargs) and name. */
  public record Param(String type, String name) {
    public Param {
      Objects.requireNonNull(type);
      Objects.requireNonNull(name);
    }

    boolean isVarArgs() {
      return type.endsWith("...");
    }

    /** The type a record component or field holds: varargs become arrays. */
    String storedType() {
      return isVarArgs() ? type.substring(0, type.length() - 3) + "[]" : type;
    }
  }

  private static final Set<String> MUTATORS = Set.of(
      "add", "addAll", "addFirst", "addLast", "put", "putAll", "putIfAbsent", "remove", "removeAll", "removeIf", "retainAll",
      "clear", "set", "offer", "poll", "push", "pop", "compute", "computeIfAbsent", "computeIfPresent", "merge",
      "replace", "replaceAll", "sort", "append", "insert", "delete", "setLength", "incrementAndGet", "getAndIncrement",
      "addAndGet", "getAndAdd", "decrementAndGet", "getAndDecrement", "getAndSet", "lazySet", "accumulateAndGet", "updateAndGet");

  public Operation {
    params = List.copyOf(params);
    thrown = List.copyOf(thrown);
    typeParameters = List.copyOf(typeParameters);
    reads = Set.copyOf(new LinkedHashSet<>(reads));
    writes = Set.copyOf(new LinkedHashSet<>(writes));
    body = body == null ? "" : body;
    Objects.requireNonNull(name);
    Objects.requireNonNull(returnType);
  }

  /** A hand-made operation without a body, e.g. for tests or rules that know only a signature. */
  public static Operation of(String name, List<Param> params, String returnType) {
    return new Operation(name, params, returnType, List.of(), List.of(), Set.of(), Set.of(), "");
  }

  public boolean returnsValue() {
    return !returnType.equals("void");
  }

  /**
   * The operation of a declared method on the given state fields; empty for constructors,
   * initializers and lambdas. Reads and writes are found by name ({@code x}, {@code this.x}):
   * assignments, {@code ++}/{@code --} and calls of mutating methods ({@code add}, {@code put}, ...)
   * count as writes. {@code synchronized} blocks on {@code this}, on a class literal or on a state
   * field are unwrapped in the body: the owner needs no lock.
   */
  public static Optional<Operation> of(MethodModel method, Collection<FieldModel> state) {
    return of(method, state, false);
  }

  /**
   * Like {@link #of(MethodModel, Collection)}, but every {@code synchronized} block of the body is
   * unwrapped: for an operation moved into a single owner (a lock cycle's ledger), no lock remains.
   */
  public static Optional<Operation> unlocked(MethodModel method) {
    return of(method, List.of(), true);
  }

  private static Optional<Operation> of(MethodModel method, Collection<FieldModel> state, boolean unlockAll) {
    if (!(method.node() instanceof MethodDeclaration m)) {
      return Optional.empty();
    }
    Set<String> names = new LinkedHashSet<>();
    state.forEach(f -> names.add(f.name()));
    List<Param> params = new ArrayList<>();
    m.getParameters().forEach(p -> params.add(new Param(p.getType().toString() + (p.isVarArgs() ? "..." : ""), p.getNameAsString())));
    List<String> thrown = m.getThrownExceptions().stream().map(ReferenceType::toString).toList();
    List<String> typeParams = m.getTypeParameters().stream().map(TypeParameter::toString).toList();
    Set<String> reads = new LinkedHashSet<>();
    Set<String> writes = new LinkedHashSet<>();
    String body = "";
    if (m.getBody().isPresent()) {
      BlockStmt block = m.getBody().get();
      accesses(block, names, reads, writes);
      BlockStmt copy = block.clone();
      unwrapLocks(copy, names, unlockAll);
      body = copy.toString();
    }
    return Optional.of(new Operation(m.getNameAsString(), params, m.getType().toString(), thrown, typeParams, reads, writes, body));
  }

  /** The operations of {@code methods} that touch {@code state}, in declaration order. */
  public static List<Operation> touching(Collection<MethodModel> methods, Collection<FieldModel> state) {
    List<Operation> out = new ArrayList<>();
    for (MethodModel m : methods) {
      of(m, state).filter(op -> !op.reads().isEmpty() || !op.writes().isEmpty()).ifPresent(out::add);
    }
    return out;
  }

  static void accesses(Node body, Set<String> names, Set<String> reads, Set<String> writes) {
    body.walk(n -> {
      String field = null;
      if (n instanceof NameExpr ne && names.contains(ne.getNameAsString())) {
        field = ne.getNameAsString();
      } else if (n instanceof FieldAccessExpr fa && fa.getScope() instanceof ThisExpr && names.contains(fa.getNameAsString())) {
        field = fa.getNameAsString();
      }
      if (field == null) {
        return;
      }
      Expression e = (Expression) n;
      Node parent = e.getParentNode().orElse(null);
      if (parent instanceof AssignExpr a && a.getTarget() == e) {
        writes.add(field);
        if (a.getOperator() != AssignExpr.Operator.ASSIGN) {
          reads.add(field);
        }
      } else if (parent instanceof UnaryExpr u && (u.isPrefix() || u.isPostfix())
          && u.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT && u.getOperator() != UnaryExpr.Operator.MINUS
          && u.getOperator() != UnaryExpr.Operator.PLUS && u.getOperator() != UnaryExpr.Operator.BITWISE_COMPLEMENT) {
        writes.add(field);
        reads.add(field);
      } else if (parent instanceof MethodCallExpr c && c.getScope().orElse(null) == e && MUTATORS.contains(c.getNameAsString())) {
        writes.add(field);
        reads.add(field);
      } else {
        reads.add(field);
      }
    });
  }

  private static void unwrapLocks(BlockStmt copy, Set<String> names, boolean unlockAll) {
    for (SynchronizedStmt s : copy.findAll(SynchronizedStmt.class)) {
      Expression lock = s.getExpression();
      boolean ownLock = unlockAll || lock instanceof ThisExpr || lock instanceof ClassExpr
          || lock instanceof NameExpr n && names.contains(n.getNameAsString())
          || lock instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr && names.contains(f.getNameAsString());
      if (ownLock && s.getParentNode().isPresent()) {
        Node parent = s.getParentNode().get();
        if (parent instanceof BlockStmt b) {
          int i = b.getStatements().indexOf(s);
          NodeList<com.github.javaparser.ast.stmt.Statement> inner = s.getBody().getStatements();
          b.getStatements().remove(i);
          b.getStatements().addAll(i, new ArrayList<>(inner));
        } else {
          s.replace(s.getBody());
        }
      }
    }
  }
}
