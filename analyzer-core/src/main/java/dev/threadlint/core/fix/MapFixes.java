package dev.threadlint.core.fix;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.program.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Check-then-act on a concurrent map made atomic: {@code if (!m.containsKey(k)) m.put(k, v);} and
 * {@code if (m.get(k) == null) m.put(k, v);} become {@code m.putIfAbsent(k, v)} (when {@code v} is a
 * plain value) or {@code m.computeIfAbsent(k, key -> v)} (when {@code v} computes something, which the
 * original did only when the key was absent); {@code m.put(k, m.getOrDefault(k, 0) + n)} becomes
 * {@code m.merge(k, n, Integer::sum)}.
 *
 * <p>Only for maps declared as {@code ConcurrentHashMap}, {@code ConcurrentMap},
 * {@code ConcurrentSkipListMap} or {@code ConcurrentNavigableMap}: for those the replacement methods
 * are atomic and, since they hold no null values, {@code get(k) == null} means "absent".
 */
public final class MapFixes {
  private MapFixes() {}

  private static final Set<String> CONCURRENT_MAPS = Set.of("ConcurrentHashMap", "ConcurrentMap", "ConcurrentSkipListMap", "ConcurrentNavigableMap");

  public static FixOutcome checkThenAct(SourceFile file, IfStmt ifStmt) {
    if (ifStmt.getElseStmt().isPresent()) {
      return FixOutcome.refused("the check has an else branch");
    }
    Expression cond = unparen(ifStmt.getCondition());
    MethodCallExpr check = null;
    if (cond instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT
        && unparen(u.getExpression()) instanceof MethodCallExpr c && c.getNameAsString().equals("containsKey")) {
      check = c;
    } else if (cond instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.EQUALS) {
      Expression other = b.getLeft().isNullLiteralExpr() ? b.getRight() : b.getRight().isNullLiteralExpr() ? b.getLeft() : null;
      if (other != null && unparen(other) instanceof MethodCallExpr c && c.getNameAsString().equals("get")) {
        check = c;
      }
    }
    if (check == null || check.getScope().isEmpty() || check.getArguments().size() != 1) {
      return FixOutcome.refused("the condition is not '!m.containsKey(k)' or 'm.get(k) == null'");
    }
    Statement then = ifStmt.getThenStmt();
    if (then instanceof BlockStmt b && b.getStatements().size() == 1) {
      then = b.getStatement(0);
    }
    if (!(then instanceof ExpressionStmt es) || !(es.getExpression() instanceof MethodCallExpr put)
        || !put.getNameAsString().equals("put") || put.getArguments().size() != 2 || put.getScope().isEmpty()) {
      return FixOutcome.refused("the body is not a single put()");
    }
    Expression map = check.getScope().get();
    Expression key = check.getArgument(0);
    if (!map.toString().equals(put.getScope().get().toString()) || !key.toString().equals(put.getArgument(0).toString())) {
      return FixOutcome.refused("put() does not store under the key that was checked in the same map");
    }
    if (!isPlain(key)) {
      return FixOutcome.refused("the key '" + key + "' is computed; it was evaluated twice before");
    }
    if (!isConcurrentMap(map)) {
      return FixOutcome.refused("'" + map + "' is not declared as a concurrent map; putIfAbsent/computeIfAbsent would not be atomic");
    }
    Expression value = put.getArgument(1);
    String m = Fixes.textOf(file, map);
    String k = Fixes.textOf(file, key);
    String v = Fixes.textOf(file, value);
    String replacement;
    String description;
    if (isPlain(value) || value.isLiteralExpr()) {
      replacement = m + ".putIfAbsent(" + k + ", " + v + ");";
      description = "Replace the check-then-put with putIfAbsent";
    } else {
      if (Syntax.mentions(value, map.toString()) || value.toString().contains(map.toString() + ".")) {
        return FixOutcome.refused("the value touches the map itself, which computeIfAbsent forbids");
      }
      Optional<String> captured = notEffectivelyFinal(value, ifStmt);
      if (captured.isPresent()) {
        return FixOutcome.refused("'" + captured.get() + "' is reassigned, so a lambda cannot capture it");
      }
      Optional<String> unfit = unfitForMappingFunction(value, map, ifStmt);
      if (unfit.isPresent()) {
        return FixOutcome.refused(unfit.get());
      }
      String param = freshName(ifStmt, "key");
      replacement = m + ".computeIfAbsent(" + k + ", " + param + " -> " + v + ");";
      description = "Replace the check-then-put with computeIfAbsent";
    }
    return FixOutcome.of(new Fix(description, FixKind.SAFE, List.of(Fixes.replace(file, ifStmt, replacement).orElseThrow())));
  }

  /**
   * A get-then-put increment on a concurrent map becomes one atomic {@code merge}:
   * <ul>
   *   <li>{@code m.put(k, m.getOrDefault(k, 0) + n);} → {@code m.merge(k, n, Integer::sum);} (SAFE);
   *   <li>{@code Integer c = m.get(k); m.put(k, c == null ? n : c + n);} (the two statements, in this
   *       order, also with {@code c != null ? c + n : n}) → the same merge (SAFE: a concurrent map holds
   *       no null values, so {@code c == null} means "absent", where merge stores {@code n});
   *   <li>{@code m.put(k, m.get(k) + n);} and {@code Integer c = m.get(k); m.put(k, c + n);} → the same
   *       merge, as a REFACTORING: the original throws a {@code NullPointerException} for a missing key
   *       where merge stores {@code n}.
   * </ul>
   * Refused when the map is not a concurrent map (merge would not be atomic), the values are not
   * {@code Integer}/{@code Long}/{@code Double}, the key is computed, the amount reads the map, the
   * value {@code put} returns is used, or the old value read into a local is used again after the put
   * (merge does not hand it back).
   */
  public static FixOutcome mergeIncrement(SourceFile file, MethodCallExpr put) {
    if (!put.getNameAsString().equals("put") || put.getArguments().size() != 2 || put.getScope().isEmpty()) {
      return FixOutcome.refused("not a put(key, value) call");
    }
    if (!(put.getParentNode().orElse(null) instanceof ExpressionStmt putStmt)) {
      return FixOutcome.refused("the previous value that put() returns is used; merge returns the new value instead");
    }
    Expression map = put.getScope().get();
    Expression key = put.getArgument(0);
    Expression value = unparen(put.getArgument(1));
    Statement first = putStmt;
    Increment inc = directIncrement(value, map, key);
    if (inc == null) {
      Optional<ExpressionStmt> previous = previousStatement(putStmt);
      VariableDeclarator local = previous.flatMap(MapFixes::singleLocal).orElse(null);
      Expression read = local == null ? null : local.getInitializer().map(MapFixes::unparen).orElse(null);
      if (read == null || !isRead(read, map, key)) {
        return FixOutcome.refused("the new value is not the old value of the same key plus an amount, read in the put or in the statement just before it");
      }
      String old = local.getNameAsString();
      inc = localIncrement(value, old, ((MethodCallExpr) read).getNameAsString().equals("getOrDefault"));
      if (inc == null) {
        return FixOutcome.refused("the new value is not '" + old + " == null ? n : " + old + " + n' (or '" + old + " + n')");
      }
      Optional<String> reuse = usedAfter(putStmt, old);
      if (reuse.isPresent()) {
        return FixOutcome.refused("the old value '" + old + "' is used after the put ('" + reuse.get() + "'); merge does not return it");
      }
      first = previous.get();
    }
    if (!isPlain(key)) {
      return FixOutcome.refused("the key '" + key + "' is computed; it was evaluated twice before");
    }
    if (inc.amount().toString().contains(map.toString())) {
      return FixOutcome.refused("the amount reads the map again");
    }
    if (!isConcurrentMap(map)) {
      return FixOutcome.refused("'" + map + "' is not declared as a concurrent map; merge would not be atomic");
    }
    Type mapType = declaredType(map).orElseThrow();
    String valueType = mapType instanceof ClassOrInterfaceType c && c.getTypeArguments().map(a -> a.size() == 2).orElse(false)
        ? c.getTypeArguments().get().get(1).asString() : "";
    String sumRef = switch (valueType) {
      case "Integer", "java.lang.Integer" -> "Integer::sum";
      case "Long", "java.lang.Long" -> "Long::sum";
      case "Double", "java.lang.Double" -> "Double::sum";
      default -> null;
    };
    if (sumRef == null) {
      return FixOutcome.refused("the map's values are not declared as Integer, Long or Double");
    }
    String replacement = Fixes.textOf(file, map) + ".merge(" + Fixes.textOf(file, key) + ", " + Fixes.textOf(file, inc.amount()) + ", " + sumRef + ");";
    TextEdit edit = new TextEdit(file.path(), Fixes.startOffset(file, first), Fixes.endOffset(file, putStmt), replacement);
    return inc.exact()
        ? FixOutcome.of(new Fix("Replace the get-then-put increment with merge", FixKind.SAFE, List.of(edit)))
        : FixOutcome.of(new Fix("Replace the get-then-put increment with merge (a missing key now starts at the amount instead of throwing)", FixKind.REFACTORING, List.of(edit)));
  }

  /** The amount added, and whether merge does exactly what the original did for a missing key. */
  private record Increment(Expression amount, boolean exact) {}

  /** {@code m.get(k) + n} / {@code n + m.getOrDefault(k, 0)}; null when {@code value} is not such a sum. */
  private static Increment directIncrement(Expression value, Expression map, Expression key) {
    if (!(value instanceof BinaryExpr sum) || sum.getOperator() != BinaryExpr.Operator.PLUS) {
      return null;
    }
    Expression read;
    Expression amount;
    if (isRead(sum.getLeft(), map, key)) {
      read = unparen(sum.getLeft());
      amount = sum.getRight();
    } else if (isRead(sum.getRight(), map, key)) {
      read = unparen(sum.getRight());
      amount = sum.getLeft();
    } else {
      return null;
    }
    return new Increment(amount, ((MethodCallExpr) read).getNameAsString().equals("getOrDefault"));
  }

  /**
   * For an old value read into local {@code old}: {@code old == null ? n : old + n} and
   * {@code old != null ? old + n : n} (exact), {@code old + n} (exact only after getOrDefault(k, 0)).
   */
  private static Increment localIncrement(Expression value, String old, boolean readWithDefault) {
    if (value instanceof ConditionalExpr c && unparen(c.getCondition()) instanceof BinaryExpr test
        && (test.getOperator() == BinaryExpr.Operator.EQUALS || test.getOperator() == BinaryExpr.Operator.NOT_EQUALS)) {
      boolean nullCheck = test.getLeft().isNullLiteralExpr() && isName(test.getRight(), old) || test.getRight().isNullLiteralExpr() && isName(test.getLeft(), old);
      if (!nullCheck) {
        return null;
      }
      boolean absentFirst = test.getOperator() == BinaryExpr.Operator.EQUALS;
      Expression whenAbsent = unparen(absentFirst ? c.getThenExpr() : c.getElseExpr());
      Expression whenPresent = unparen(absentFirst ? c.getElseExpr() : c.getThenExpr());
      Expression amount = addend(whenPresent, old);
      if (amount == null || !amount.toString().equals(whenAbsent.toString()) || Syntax.mentions(amount, old)) {
        return null;
      }
      return new Increment(amount, true);
    }
    Expression amount = addend(value, old);
    return amount == null || Syntax.mentions(amount, old) ? null : new Increment(amount, readWithDefault);
  }

  /** {@code n} for {@code old + n} or {@code n + old}; null otherwise. */
  private static Expression addend(Expression e, String old) {
    if (!(unparen(e) instanceof BinaryExpr b) || b.getOperator() != BinaryExpr.Operator.PLUS) {
      return null;
    }
    if (isName(b.getLeft(), old)) {
      return b.getRight();
    }
    return isName(b.getRight(), old) ? b.getLeft() : null;
  }

  private static boolean isName(Expression e, String name) {
    return unparen(e) instanceof NameExpr n && n.getNameAsString().equals(name);
  }

  /** The statement just before {@code stmt} in its block, when it is an expression statement. */
  private static Optional<ExpressionStmt> previousStatement(Statement stmt) {
    if (!(stmt.getParentNode().orElse(null) instanceof BlockStmt block)) {
      return Optional.empty();
    }
    int i = block.getStatements().indexOf(stmt);
    return i > 0 && block.getStatement(i - 1) instanceof ExpressionStmt e ? Optional.of(e) : Optional.empty();
  }

  /** The one local declared (with an initializer) by {@code stmt}. */
  private static Optional<VariableDeclarator> singleLocal(ExpressionStmt stmt) {
    if (stmt.getExpression() instanceof VariableDeclarationExpr d && d.getVariables().size() == 1 && d.getVariable(0).getInitializer().isPresent()) {
      return Optional.of(d.getVariable(0));
    }
    return Optional.empty();
  }

  /** The first later statement of the enclosing blocks (up to the method) that mentions {@code name}. */
  private static Optional<String> usedAfter(Statement stmt, String name) {
    Node child = stmt;
    for (Node p = stmt.getParentNode().orElse(null); p != null && !(p instanceof CallableDeclaration<?>) && !(p instanceof LambdaExpr);
        child = p, p = p.getParentNode().orElse(null)) {
      if (p instanceof BlockStmt block) {
        int i = block.getStatements().indexOf(child);
        for (Statement later : block.getStatements().subList(i + 1, block.getStatements().size())) {
          if (Syntax.mentions(later, name)) {
            String t = later.toString().replaceAll("\\s+", " ").strip();
            return Optional.of(t.length() > 60 ? t.substring(0, 57) + "..." : t);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isRead(Expression e, Expression map, Expression key) {
    if (!(unparen(e) instanceof MethodCallExpr c) || c.getScope().isEmpty() || !c.getScope().get().toString().equals(map.toString())) {
      return false;
    }
    if (c.getNameAsString().equals("get") && c.getArguments().size() == 1) {
      return c.getArgument(0).toString().equals(key.toString());
    }
    if (c.getNameAsString().equals("getOrDefault") && c.getArguments().size() == 2) {
      String zero = c.getArgument(1).toString();
      return c.getArgument(0).toString().equals(key.toString()) && (zero.equals("0") || zero.equals("0L") || zero.equals("0.0"));
    }
    return false;
  }

  private static Expression unparen(Expression e) {
    while (e.isEnclosedExpr()) {
      e = e.asEnclosedExpr().getInner();
    }
    return e;
  }

  /** A name, {@code this.x}, {@code a.b}, or a literal: evaluating it has no effect. */
  private static boolean isPlain(Expression e) {
    e = unparen(e);
    if (e.isNameExpr() || e.isThisExpr() || e.isLiteralExpr()) {
      return true;
    }
    return e.isFieldAccessExpr() && isPlain(e.asFieldAccessExpr().getScope());
  }

  /**
   * True when {@code map} is declared with a concurrent map type, or is a final field declared as a
   * plain interface but initialized with one (then its compound methods are the concurrent map's own).
   */
  static boolean isConcurrentMap(Expression map) {
    Optional<Type> t = declaredType(map);
    if (t.isEmpty()) {
      return false;
    }
    if (CONCURRENT_MAPS.contains(simpleName(t.get()))) {
      return true;
    }
    Optional<VariableDeclarator> field = Syntax.fieldNamed(map);
    return field.isPresent() && field.get().getType() == t.get()
        && field.get().getParentNode().orElse(null) instanceof com.github.javaparser.ast.body.FieldDeclaration fd && fd.isFinal()
        && field.get().getInitializer().orElse(null) instanceof ObjectCreationExpr o && CONCURRENT_MAPS.contains(o.getType().getNameAsString());
  }

  private static String simpleName(Type t) {
    return t instanceof ClassOrInterfaceType c ? c.getNameAsString() : t.asString();
  }

  /** The declared type of a map named by a local, parameter or field (looked up by name). */
  static Optional<Type> declaredType(Expression map) {
    Optional<String> name = Syntax.fieldName(map);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (map.isNameExpr()) {
      Node cur = map.getParentNode().orElse(null);
      while (cur != null && !(cur instanceof com.github.javaparser.ast.body.TypeDeclaration<?>)) {
        if (cur instanceof CallableDeclaration<?> c) {
          for (Parameter p : c.getParameters()) {
            if (p.getNameAsString().equals(name.get())) {
              return Optional.of(p.getType());
            }
          }
          for (VariableDeclarator v : c.findAll(VariableDeclarator.class)) {
            if (v.getNameAsString().equals(name.get())) {
              return Optional.of(v.getType());
            }
          }
        }
        cur = cur.getParentNode().orElse(null);
      }
    }
    return Syntax.fieldNamed(map).map(VariableDeclarator::getType);
  }

  /** Exceptions a method may declare that the compiler does not check. */
  private static final Set<String> UNCHECKED = Set.of("RuntimeException", "Error", "IllegalArgumentException", "IllegalStateException",
      "NullPointerException", "UnsupportedOperationException", "IndexOutOfBoundsException", "ArithmeticException", "ClassCastException",
      "NumberFormatException", "UncheckedIOException", "ConcurrentModificationException", "SecurityException", "AssertionError");

  /** Map methods that only read: calling them from the mapping function is allowed. */
  private static final Set<String> MAP_READS = Set.of("get", "getOrDefault", "containsKey", "containsValue", "size", "isEmpty",
      "keySet", "values", "entrySet", "forEach", "toString", "hashCode", "equals", "mappingCount", "keys", "elements");

  private static boolean unchecked(String type) {
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return UNCHECKED.contains(simple) || simple.endsWith("RuntimeException");
  }

  /**
   * Why {@code value} cannot become the body of {@code computeIfAbsent}'s mapping function: it calls a
   * method of this class that declares a checked exception (a {@code Function} cannot throw one), or
   * one that changes the map (the map forbids that from inside its own function — ConcurrentHashMap
   * throws "Recursive update" or deadlocks), or, where the surrounding code handles checked exceptions,
   * calls code this file does not declare, which may throw one.
   */
  private static Optional<String> unfitForMappingFunction(Expression value, Expression map, IfStmt at) {
    com.github.javaparser.ast.body.TypeDeclaration<?> type = Syntax.enclosingType(at).orElse(null);
    String mapName = Syntax.fieldName(map).orElse(map.toString());
    List<Expression> unknown = new java.util.ArrayList<>();
    for (Expression call : value.findAll(Expression.class, e -> e.isMethodCallExpr() || e.isObjectCreationExpr())) {
      List<CallableDeclaration<?>> targets = targets(call, type);
      if (targets.isEmpty()) {
        unknown.add(call);
        continue;
      }
      for (CallableDeclaration<?> target : targets) {
        for (var thrown : target.getThrownExceptions()) {
          if (!unchecked(thrown.asString())) {
            return Optional.of("'" + call + "' throws " + thrown.asString() + ", a checked exception, which the computeIfAbsent function cannot throw");
          }
        }
        Optional<MethodCallExpr> change = target.findFirst(MethodCallExpr.class, c -> c.getScope().isPresent()
            && Syntax.isFieldRef(c.getScope().get(), mapName) && !MAP_READS.contains(c.getNameAsString()));
        if (change.isPresent()) {
          return Optional.of("'" + call + "' changes '" + mapName + "' itself ('" + change.get() + "'), which the map forbids from inside computeIfAbsent");
        }
      }
    }
    Optional<String> handled = checkedContext(at);
    if (!unknown.isEmpty() && handled.isPresent()) {
      return Optional.of("'" + unknown.get(0) + "' may throw a checked exception (" + handled.get() + "), which the computeIfAbsent function cannot throw");
    }
    return Optional.empty();
  }

  /** The methods or constructors of {@code type} (by name and argument count) that {@code call} may invoke; empty when not declared there. */
  private static List<CallableDeclaration<?>> targets(Expression call, com.github.javaparser.ast.body.TypeDeclaration<?> type) {
    List<CallableDeclaration<?>> out = new java.util.ArrayList<>();
    if (type == null) {
      return out;
    }
    if (call instanceof MethodCallExpr m) {
      if (m.getScope().isPresent() && !m.getScope().get().isThisExpr()) {
        return out;
      }
      for (var d : type.getMethodsByName(m.getNameAsString())) {
        if (d.getParameters().size() == m.getArguments().size() || d.getParameters().stream().anyMatch(com.github.javaparser.ast.body.Parameter::isVarArgs)) {
          out.add(d);
        }
      }
    } else if (call instanceof ObjectCreationExpr o) {
      com.github.javaparser.ast.CompilationUnit cu = type.findCompilationUnit().orElse(null);
      if (cu == null) {
        return out;
      }
      for (var t : cu.findAll(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration.class, c -> c.getNameAsString().equals(o.getType().getNameAsString()))) {
        if (t.getConstructors().isEmpty()) {
          out.add(new com.github.javaparser.ast.body.ConstructorDeclaration(t.getNameAsString()));
        }
        for (var c : t.getConstructors()) {
          if (c.getParameters().size() == o.getArguments().size()) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  /**
   * The checked exceptions the code around {@code at} lets through or catches ("load() declares throws
   * IOException", "a catch of Exception"), which code called there might throw; empty when none.
   */
  private static Optional<String> checkedContext(Node at) {
    for (Node child = at, p = at.getParentNode().orElse(null); p != null; child = p, p = p.getParentNode().orElse(null)) {
      if (p instanceof com.github.javaparser.ast.stmt.TryStmt t && t.getTryBlock() == child) {
        for (var c : t.getCatchClauses()) {
          for (String type : c.getParameter().getType().asString().split("\\|")) {
            if (!unchecked(type.strip())) {
              return Optional.of("the surrounding try catches " + type.strip());
            }
          }
        }
      }
      if (p instanceof LambdaExpr) {
        return Optional.empty();
      }
      if (p instanceof CallableDeclaration<?> c) {
        for (var thrown : c.getThrownExceptions()) {
          if (!unchecked(thrown.asString())) {
            return Optional.of(c.getNameAsString() + "() declares throws " + thrown.asString());
          }
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A local or parameter used in {@code value} that is assigned somewhere in the enclosing method. */
  private static Optional<String> notEffectivelyFinal(Expression value, Node at) {
    Node body = at;
    while (body != null && !(body instanceof CallableDeclaration<?>) && !(body instanceof LambdaExpr)) {
      body = body.getParentNode().orElse(null);
    }
    if (body == null) {
      return Optional.empty();
    }
    for (NameExpr n : value.findAll(NameExpr.class)) {
      String name = n.getNameAsString();
      boolean local = body.findFirst(VariableDeclarator.class, v -> v.getNameAsString().equals(name)).isPresent()
          || body.findFirst(Parameter.class, p -> p.getNameAsString().equals(name)).isPresent();
      if (!local) {
        continue;
      }
      boolean assigned = body.findFirst(AssignExpr.class, a -> a.getTarget().isNameExpr() && a.getTarget().asNameExpr().getNameAsString().equals(name)).isPresent()
          || body.findFirst(UnaryExpr.class, u -> (u.isPrefix() || u.isPostfix()) && u.getExpression().isNameExpr()
              && u.getExpression().asNameExpr().getNameAsString().equals(name)
              && u.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT && u.getOperator() != UnaryExpr.Operator.MINUS
              && u.getOperator() != UnaryExpr.Operator.PLUS && u.getOperator() != UnaryExpr.Operator.BITWISE_COMPLEMENT).isPresent();
      long declarations = body.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(name) && v.getInitializer().isEmpty()).size();
      if (assigned || declarations > 0) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private static boolean taken(Node scope, String name) {
    return Syntax.mentions(scope, name)
        || scope.findFirst(VariableDeclarator.class, v -> v.getNameAsString().equals(name)).isPresent()
        || scope.findFirst(Parameter.class, p -> p.getNameAsString().equals(name)).isPresent();
  }

  /** A lambda parameter name used nowhere in the enclosing type. */
  private static String freshName(Node at, String base) {
    Node scope = Syntax.enclosingType(at).map(t -> (Node) t).orElse(at);
    String candidate = base;
    int i = 2;
    while (taken(scope, candidate)) {
      candidate = base + i++;
    }
    return candidate;
  }
}
