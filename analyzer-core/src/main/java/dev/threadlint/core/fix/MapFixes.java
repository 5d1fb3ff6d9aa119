package dev.threadlint.core.fix;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
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
    Optional<Type> mapType = declaredType(map);
    if (mapType.isEmpty() || !CONCURRENT_MAPS.contains(simpleName(mapType.get()))) {
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
      String param = freshName(ifStmt, "key");
      replacement = m + ".computeIfAbsent(" + k + ", " + param + " -> " + v + ");";
      description = "Replace the check-then-put with computeIfAbsent";
    }
    return FixOutcome.of(new Fix(description, FixKind.SAFE, List.of(Fixes.replace(file, ifStmt, replacement).orElseThrow())));
  }

  /**
   * {@code m.put(k, m.getOrDefault(k, 0) + n);} → {@code m.merge(k, n, Integer::sum);} (SAFE), and
   * {@code m.put(k, m.get(k) + n);} → the same merge, as a REFACTORING: the original throws a
   * {@code NullPointerException} for a missing key where merge stores {@code n}.
   */
  public static FixOutcome mergeIncrement(SourceFile file, MethodCallExpr put) {
    if (!put.getNameAsString().equals("put") || put.getArguments().size() != 2 || put.getScope().isEmpty()
        || !(put.getParentNode().orElse(null) instanceof ExpressionStmt)) {
      return FixOutcome.refused("not a put() statement");
    }
    Expression map = put.getScope().get();
    Expression key = put.getArgument(0);
    if (!(unparen(put.getArgument(1)) instanceof BinaryExpr sum) || sum.getOperator() != BinaryExpr.Operator.PLUS) {
      return FixOutcome.refused("the new value is not the old one plus an amount");
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
      return FixOutcome.refused("the new value does not read the same key of the same map");
    }
    if (!isPlain(key)) {
      return FixOutcome.refused("the key '" + key + "' is computed; it was evaluated twice before");
    }
    if (amount.toString().contains(map.toString())) {
      return FixOutcome.refused("the amount reads the map again");
    }
    Optional<Type> mapType = declaredType(map);
    if (mapType.isEmpty() || !CONCURRENT_MAPS.contains(simpleName(mapType.get()))) {
      return FixOutcome.refused("'" + map + "' is not declared as a concurrent map; merge would not be atomic");
    }
    String valueType = mapType.get() instanceof ClassOrInterfaceType c && c.getTypeArguments().map(a -> a.size() == 2).orElse(false)
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
    boolean exact = read instanceof MethodCallExpr r && r.getNameAsString().equals("getOrDefault");
    String replacement = Fixes.textOf(file, map) + ".merge(" + Fixes.textOf(file, key) + ", " + Fixes.textOf(file, amount) + ", " + sumRef + ")";
    TextEdit edit = Fixes.replace(file, put, replacement).orElseThrow();
    return exact
        ? FixOutcome.of(new Fix("Replace the get-then-put increment with merge", FixKind.SAFE, List.of(edit)))
        : FixOutcome.of(new Fix("Replace the get-then-put increment with merge (a missing key now starts at the amount instead of throwing)", FixKind.REFACTORING, List.of(edit)));
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
