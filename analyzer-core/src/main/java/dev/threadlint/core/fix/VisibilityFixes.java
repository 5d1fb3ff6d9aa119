package dev.threadlint.core.fix;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
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

  /** {@code t.run()} → {@code t.start()} (the rule has established that {@code t} is a Thread). */
  public static FixOutcome startInsteadOfRun(SourceFile file, MethodCallExpr runCall) {
    if (!runCall.getNameAsString().equals("run") || !runCall.getArguments().isEmpty() || runCall.getScope().isEmpty()) {
      return FixOutcome.refused("not a call of run() on a thread");
    }
    return FixOutcome.of(new Fix("Replace run() with start()", FixKind.SAFE,
        List.of(Fixes.replace(file, runCall.getName(), "start").orElseThrow())));
  }
}
