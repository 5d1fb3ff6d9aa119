package dev.threadlint.core.fix;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.SourceFile;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code volatile int}/{@code long} counter updated with {@code ++}, {@code +=} or {@code x = x + n}
 * (a read-modify-write that {@code volatile} does not make atomic) becomes an
 * {@code AtomicInteger}/{@code AtomicLong}, with every use in the file rewritten: increments and
 * additions to {@code incrementAndGet}/{@code getAndIncrement}/{@code addAndGet}, plain assignments to
 * {@code set}, reads to {@code get()}, and the import added.
 *
 * <p>Refused (with the reason) when the field is not private (uses elsewhere would not be
 * rewritten), carries an annotation other than {@code @GuardedBy}/{@code @VisibleForTesting} (a
 * framework may read it), belongs to a class that mentions {@code Serializable} (its serialized form
 * would change), is declared together with other variables, is not a primitive {@code int}/{@code long},
 * is shadowed by a local or parameter of the same name, is reached through another object, or is
 * updated in a way no atomic method expresses ({@code x *= 2}, {@code x = f(x)}).
 */
public final class CounterFixes {
  private CounterFixes() {}

  /** Annotations that say nothing about the field's runtime type. */
  private static final java.util.Set<String> SOURCE_ONLY_ANNOTATIONS = java.util.Set.of("GuardedBy", "VisibleForTesting", "SuppressWarnings");

  public static FixOutcome atomic(SourceFile file, FieldModel field) {
    return atomic(file, field.variable());
  }

  public static FixOutcome atomic(SourceFile file, VariableDeclarator field) {
    String name = field.getNameAsString();
    if (!(field.getParentNode().orElse(null) instanceof FieldDeclaration fd)) {
      return FixOutcome.refused("'" + name + "' is not a field");
    }
    String atomic = switch (field.getType().asString()) {
      case "int" -> "AtomicInteger";
      case "long" -> "AtomicLong";
      default -> null;
    };
    if (atomic == null) {
      return FixOutcome.refused("field '" + name + "' is a " + field.getType().asString() + "; only int and long counters become atomics");
    }
    if (fd.getVariables().size() != 1) {
      return FixOutcome.refused("field '" + name + "' is declared together with other fields");
    }
    if (fd.isFinal()) {
      return FixOutcome.refused("field '" + name + "' is final: a constant, not a counter");
    }
    if (!fd.isPrivate()) {
      return FixOutcome.refused("field '" + name + "' is not private: uses in other classes would not be rewritten");
    }
    TypeDeclaration<?> owner = Syntax.enclosingType(field).orElse(null);
    if (owner == null) {
      return FixOutcome.refused("field '" + name + "' has no enclosing class");
    }
    for (var a : fd.getAnnotations()) {
      if (!SOURCE_ONLY_ANNOTATIONS.contains(a.getNameAsString())) {
        return FixOutcome.refused("field '" + name + "' is annotated @" + a.getNameAsString() + ", which may expect an " + field.getType());
      }
    }
    if (owner.toString().contains("Serializable") && !fd.isStatic()) {
      return FixOutcome.refused("the serialized form of " + owner.getNameAsString() + " would change");
    }
    if (Syntax.shadowed(owner, name, field)) {
      return FixOutcome.refused("a local variable or parameter named '" + name + "' shadows the field");
    }
    List<FieldAccessExpr> foreign = new ArrayList<>();
    List<Expression> uses = Syntax.references(owner, name, foreign);
    if (!foreign.isEmpty()) {
      return FixOutcome.refused("'" + foreign.get(0) + "' reaches the field through another object");
    }
    List<TextEdit> edits = new ArrayList<>();
    Map<Node, Boolean> consumed = new IdentityHashMap<>();
    // updates first: they consume the operand that names the field on their right-hand side
    for (Expression use : uses) {
      Node parent = use.getParentNode().orElse(null);
      String t = Fixes.textOf(file, use);
      if (parent instanceof UnaryExpr u && isIncDec(u)) {
        boolean statement = u.getParentNode().orElse(null) instanceof ExpressionStmt;
        String method = switch (u.getOperator()) {
          case PREFIX_INCREMENT -> "incrementAndGet";
          case PREFIX_DECREMENT -> "decrementAndGet";
          case POSTFIX_INCREMENT -> statement ? "incrementAndGet" : "getAndIncrement";
          default -> statement ? "decrementAndGet" : "getAndDecrement";
        };
        edits.add(Fixes.replace(file, u, t + "." + method + "()").orElseThrow());
        consumed.put(use, true);
      } else if (parent instanceof AssignExpr a && a.getTarget() == use) {
        Optional<String> replacement = assignment(file, a, t, name);
        if (replacement.isEmpty()) {
          return FixOutcome.refused("'" + a + "' is an update that no atomic method expresses");
        }
        if (replacement.get().startsWith("!")) {
          return FixOutcome.refused(replacement.get().substring(1));
        }
        edits.add(Fixes.replace(file, a, replacement.get()).orElseThrow());
        consumed.put(use, true);
        a.getValue().walk(n -> consumed.put(n, true));
      }
    }
    if (consumed.isEmpty()) {
      return FixOutcome.refused("field '" + name + "' is never updated after its declaration; nothing to make atomic");
    }
    for (Expression use : uses) {
      if (consumed.containsKey(use)) {
        continue;
      }
      edits.add(Fixes.replace(file, use, Fixes.textOf(file, use) + ".get()").orElseThrow());
    }
    edits.add(declaration(file, fd, field, atomic));
    Fixes.addImport(file, "java.util.concurrent.atomic." + atomic).ifPresent(edits::add);
    int n = uses.size();
    return FixOutcome.of(new Fix("Make '" + name + "' an " + atomic + " and rewrite its " + n + (n == 1 ? " use" : " uses"), FixKind.SAFE, edits));
  }

  private static boolean isIncDec(UnaryExpr u) {
    return switch (u.getOperator()) {
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
      default -> false;
    };
  }

  /** The replacement of an assignment to the field; empty when unsupported; "!reason" to refuse with a reason. */
  private static Optional<String> assignment(SourceFile file, AssignExpr a, String t, String name) {
    Expression value = a.getValue();
    String v = Fixes.textOf(file, value);
    switch (a.getOperator()) {
      case PLUS:
        return Syntax.mentions(value, name) ? Optional.empty() : Optional.of(t + ".addAndGet(" + v + ")");
      case MINUS:
        return Syntax.mentions(value, name) ? Optional.empty() : Optional.of(t + ".addAndGet(-(" + v + "))");
      case ASSIGN:
        break;
      default:
        return Optional.empty();
    }
    Expression inner = value;
    while (inner.isEnclosedExpr()) {
      inner = inner.asEnclosedExpr().getInner();
    }
    if (inner instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.PLUS || b.getOperator() == BinaryExpr.Operator.MINUS)) {
      boolean leftIsField = Syntax.isFieldRef(b.getLeft(), name);
      boolean rightIsField = Syntax.isFieldRef(b.getRight(), name);
      if (leftIsField && !Syntax.mentions(b.getRight(), name)) {
        String n = Fixes.textOf(file, b.getRight());
        return Optional.of(t + ".addAndGet(" + (b.getOperator() == BinaryExpr.Operator.PLUS ? n : "-(" + n + ")") + ")");
      }
      if (rightIsField && b.getOperator() == BinaryExpr.Operator.PLUS && !Syntax.mentions(b.getLeft(), name)) {
        return Optional.of(t + ".addAndGet(" + Fixes.textOf(file, b.getLeft()) + ")");
      }
    }
    if (Syntax.mentions(value, name)) {
      return Optional.empty();
    }
    if (!(a.getParentNode().orElse(null) instanceof ExpressionStmt)) {
      return Optional.of("!the value of '" + a + "' is used; set() returns nothing");
    }
    return Optional.of(t + ".set(" + v + ")");
  }

  private static TextEdit declaration(SourceFile file, FieldDeclaration fd, VariableDeclarator field, String atomic) {
    List<String> mods = new ArrayList<>();
    boolean hasFinal = false;
    for (Modifier m : fd.getModifiers()) {
      if (m.getKeyword() == Modifier.Keyword.VOLATILE) {
        continue;
      }
      hasFinal |= m.getKeyword() == Modifier.Keyword.FINAL;
      mods.add(m.getKeyword().asString());
    }
    if (!hasFinal) {
      int at = mods.size();
      for (int i = 0; i < mods.size(); i++) {
        if (mods.get(i).equals("transient")) {
          at = i;
          break;
        }
      }
      mods.add(at, "final");
    }
    String init = field.getInitializer().map(e -> Fixes.textOf(file, e)).orElse("");
    String text = String.join(" ", mods) + " " + atomic + " " + field.getNameAsString() + " = new " + atomic + "(" + init + ");";
    Node first = fd.getModifiers().isEmpty() ? fd.getElementType() : fd.getModifiers().get(0);
    return new TextEdit(file.path(), Fixes.startOffset(file, first), Fixes.endOffset(file, fd), text);
  }
}
