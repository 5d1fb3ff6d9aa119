package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain fields published through a volatile flag (JLS 17.4.5: a write of a volatile field
 * happens-before every later read of it). When every write of a plain field {@code value} is
 * followed, in the same block, by a write of a volatile {@code ready} (not of {@code false} or
 * {@code null}), a read of {@code value} that comes after a test of {@code ready} sees the value
 * written before the flag: {@code value = v; ready = true;} on one side,
 * {@code if (ready) use(value);} on the other. Computed once per program and shared.
 */
public final class Publication {
  private final Program program;
  private final Map<FieldModel, Optional<FieldModel>> flags = new ConcurrentHashMap<>();

  private Publication(Program program) {
    this.program = program;
  }

  public static Publication of(Program program) {
    return program.analysis(Publication.class, Publication::new);
  }

  /** The volatile field whose write publishes every write of {@code f} outside constructors, if any. */
  public Optional<FieldModel> flag(FieldModel f) {
    return flags.computeIfAbsent(f, this::computeFlag);
  }

  /** True when {@code read} (a read of {@code f}) comes after a test of the flag that publishes {@code f}. */
  public boolean orderedByFlag(FieldModel f, Node read) {
    Optional<FieldModel> flag = flag(f);
    return flag.isPresent() && afterTestOf(read, flag.get());
  }

  private Optional<FieldModel> computeFlag(FieldModel f) {
    if (f.isVolatile() || f.isFinal() || f.owner() == null || f.owner().declaration().isEmpty()) {
      return Optional.empty();
    }
    Set<FieldModel> candidates = null;
    for (Node write : writesOf(f)) {
      Set<FieldModel> here = flagsWrittenAfter(write, f);
      if (candidates == null) {
        candidates = here;
      } else {
        candidates.retainAll(here);
      }
      if (candidates.isEmpty()) {
        return Optional.empty();
      }
    }
    return candidates == null ? Optional.empty() : candidates.stream().findFirst();
  }

  /** Writes of {@code f} in its class, outside constructors and initializers. */
  private List<Node> writesOf(FieldModel f) {
    List<Node> out = new ArrayList<>();
    Node decl = f.owner().declaration().get();
    for (AssignExpr a : decl.findAll(AssignExpr.class)) {
      if (program.localTypes().fieldOf(Locks.unwrap(a.getTarget())).orElse(null) == f && !inConstruction(a)) {
        out.add(a);
      }
    }
    for (UnaryExpr u : decl.findAll(UnaryExpr.class)) {
      if (u.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT && u.getOperator() != UnaryExpr.Operator.MINUS
          && u.getOperator() != UnaryExpr.Operator.PLUS && u.getOperator() != UnaryExpr.Operator.BITWISE_COMPLEMENT
          && program.localTypes().fieldOf(Locks.unwrap(u.getExpression())).orElse(null) == f && !inConstruction(u)) {
        out.add(u);
      }
    }
    return out;
  }

  private boolean inConstruction(Node n) {
    Optional<MethodModel> body = program.enclosingBody(n);
    return body.isPresent() && (body.get().kind() == MethodModel.Kind.CONSTRUCTOR || body.get().kind() == MethodModel.Kind.INITIALIZER);
  }

  /** Volatile fields of {@code f}'s class written (to a value other than false/null) after {@code write}, in a block enclosing it, in the same body. */
  private Set<FieldModel> flagsWrittenAfter(Node write, FieldModel f) {
    Set<FieldModel> out = new LinkedHashSet<>();
    Node child = write;
    for (Node p = write.getParentNode().orElse(null); p != null && !isBodyBoundary(p); child = p, p = p.getParentNode().orElse(null)) {
      if (!(p instanceof BlockStmt block) || !(child instanceof Statement s)) {
        continue;
      }
      int i = block.getStatements().indexOf(s);
      for (int j = i + 1; j < block.getStatements().size(); j++) {
        if (block.getStatement(j) instanceof ExpressionStmt es && es.getExpression() instanceof AssignExpr a
            && a.getOperator() == AssignExpr.Operator.ASSIGN) {
          Optional<FieldModel> target = program.localTypes().fieldOf(Locks.unwrap(a.getTarget()));
          Expression v = Locks.unwrap(a.getValue());
          boolean clears = v instanceof NullLiteralExpr || v instanceof BooleanLiteralExpr b && !b.getValue();
          if (target.isPresent() && target.get().isVolatile() && target.get().owner() == f.owner() && !clears) {
            out.add(target.get());
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code read} sits in a branch of an {@code if} or {@code ?:} whose condition reads {@code flag},
   * or after such an {@code if} in an enclosing block (the slow path that sets the flag, then the
   * common read).
   */
  private boolean afterTestOf(Node read, FieldModel flag) {
    Node child = read;
    for (Node p = read.getParentNode().orElse(null); p != null && !isBodyBoundary(p); child = p, p = p.getParentNode().orElse(null)) {
      if (p instanceof IfStmt i && child != i.getCondition() && reads(i.getCondition(), flag)) {
        return true;
      }
      if (p instanceof ConditionalExpr c && child != c.getCondition() && reads(c.getCondition(), flag)) {
        return true;
      }
      if (p instanceof BlockStmt block && child instanceof Statement s) {
        int i = block.getStatements().indexOf(s);
        for (int j = 0; j < i; j++) {
          if (block.getStatement(j) instanceof IfStmt earlier && reads(earlier.getCondition(), flag)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean reads(Expression cond, FieldModel flag) {
    for (Expression e : cond.findAll(Expression.class, x -> x instanceof NameExpr || x instanceof FieldAccessExpr)) {
      if (program.localTypes().fieldOf(e).orElse(null) == flag) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBodyBoundary(Node n) {
    return n instanceof CallableDeclaration<?> || n instanceof LambdaExpr || n instanceof InitializerDeclaration;
  }
}
