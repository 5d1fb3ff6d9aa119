package dev.threadlint.core.fix;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.SourceFile;
import java.util.List;

/** Visibility fixes: {@code volatile} for a lazily published field, {@code start()} for {@code run()}. */
public final class VisibilityFixes {
  private VisibilityFixes() {}

  public static FixOutcome addVolatile(SourceFile file, FieldModel field) {
    return addVolatile(file, field.variable());
  }

  /**
   * Adds {@code volatile} to the declaration of {@code field} (for double-checked locking: the
   * unsynchronized first read must see a fully constructed object). Refused for a {@code final}
   * field (already safely published; {@code final volatile} does not compile), a field already
   * {@code volatile}, and a declaration of several fields (all would become volatile).
   */
  public static FixOutcome addVolatile(SourceFile file, VariableDeclarator field) {
    String name = field.getNameAsString();
    if (!(field.getParentNode().orElse(null) instanceof FieldDeclaration fd)) {
      return FixOutcome.refused("'" + name + "' is not a field");
    }
    if (fd.isFinal()) {
      return FixOutcome.refused("field '" + name + "' is final: it is safely published already");
    }
    if (fd.isVolatile()) {
      return FixOutcome.refused("field '" + name + "' is volatile already");
    }
    if (fd.getVariables().size() != 1) {
      return FixOutcome.refused("field '" + name + "' is declared together with other fields, which would become volatile too");
    }
    return FixOutcome.of(new Fix("Make '" + name + "' volatile", FixKind.SAFE,
        List.of(Fixes.insertBefore(file, fd.getElementType(), "volatile ").orElseThrow())));
  }

  /**
   * The fix for double-checked locking: {@code volatile} on the field, as {@link #addVolatile}, but
   * refused when the object is set up after it is published — a statement after {@code assignment}
   * in the same block uses the field ({@code instance = new X(); instance.init();}). A thread that
   * skips the lock may then see the object before {@code init()} ran, volatile or not; the object has
   * to be built in a local and assigned to the field last, which is a change a reader must review.
   */
  public static FixOutcome doubleCheckedVolatile(SourceFile file, VariableDeclarator field, AssignExpr assignment) {
    String name = field.getNameAsString();
    if (assignment.getParentNode().orElse(null) instanceof ExpressionStmt stmt && stmt.getParentNode().orElse(null) instanceof BlockStmt block) {
      int at = block.getStatements().indexOf(stmt);
      for (Statement later : block.getStatements().subList(at + 1, block.getStatements().size())) {
        if (Syntax.mentions(later, name) && !(later instanceof ReturnStmt)) {
          return FixOutcome.refused("'" + name + "' is published before it is fully set up ('" + oneLine(later) + "' runs after the assignment):"
              + " volatile would still let another thread see it half-built; build it in a local variable and assign '" + name + "' last");
        }
      }
    }
    return addVolatile(file, field);
  }

  private static String oneLine(Node n) {
    String t = n.toString().replaceAll("\\s+", " ").strip();
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }

  /** {@code t.run()} → {@code t.start()} (the rule has established that {@code t} is a Thread). */
  public static FixOutcome startInsteadOfRun(SourceFile file, MethodCallExpr runCall) {
    if (!runCall.getNameAsString().equals("run") || !runCall.getArguments().isEmpty() || runCall.getScope().isEmpty()) {
      return FixOutcome.refused("not a call of run() on a thread");
    }
    return FixOutcome.of(new Fix("Replace run() with start()", FixKind.SAFE,
        List.of(Fixes.replace(file, runCall.getName(), "start").orElseThrow())));
  }
}
