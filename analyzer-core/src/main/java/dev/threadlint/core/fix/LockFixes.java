package dev.threadlint.core.fix;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.program.SourceFile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code lock(); try { ... } finally { unlock(); }} idiom for {@code java.util.concurrent.locks.Lock}. */
public final class LockFixes {
  private LockFixes() {}

  /**
   * {@code try { lock.lock(); ... } finally { lock.unlock(); }} → {@code lock.lock(); try { ... } finally { lock.unlock(); }}:
   * if {@code lock()} threw inside the {@code try}, the {@code finally} would unlock a lock the
   * thread does not hold. Refused when {@code lock()} is not the first statement of the {@code try}
   * (what runs before it would move under the lock), when {@code lockInterruptibly()} is caught by the
   * {@code try}'s own {@code catch}, or when the {@code finally} does not unlock the same lock.
   */
  public static FixOutcome moveLockBeforeTry(SourceFile file, MethodCallExpr lockCall) {
    if (!isLockCall(lockCall) || lockCall.getScope().isEmpty()) {
      return FixOutcome.refused("not a call of lock() on a lock");
    }
    Node stmt = lockCall.getParentNode().orElse(null);
    if (!(stmt instanceof ExpressionStmt es) || !(es.getParentNode().orElse(null) instanceof BlockStmt block)
        || !(block.getParentNode().orElse(null) instanceof TryStmt tryStmt) || tryStmt.getTryBlock() != block) {
      return FixOutcome.refused("lock() is not a statement directly inside a try block");
    }
    if (block.getStatements().indexOf(es) != 0) {
      return FixOutcome.refused("statements before lock() inside the try would then run under the lock");
    }
    String scope = lockCall.getScope().get().toString();
    if (tryStmt.getFinallyBlock().isEmpty() || !unlocks(tryStmt.getFinallyBlock().get(), scope)) {
      return FixOutcome.refused("the finally block does not unlock '" + scope + "'");
    }
    if (lockCall.getNameAsString().equals("lockInterruptibly") && !tryStmt.getCatchClauses().isEmpty()) {
      return FixOutcome.refused("the try's catch clauses may handle the InterruptedException of lockInterruptibly()");
    }
    if (!tryStmt.getResources().isEmpty()) {
      return FixOutcome.refused("a try-with-resources would then open its resources outside the lock");
    }
    String nl = Fixes.lineSeparator(file.text());
    int at = Fixes.startOffset(file, tryStmt);
    List<TextEdit> edits = List.of(
        new TextEdit(file.path(), at, at, Fixes.textOf(file, es) + nl + Fixes.indentOf(file, tryStmt)),
        Fixes.delete(file, es));
    return FixOutcome.of(new Fix("Acquire '" + scope + "' just before the try, not inside it", FixKind.SAFE, edits));
  }

  /**
   * {@code lock.lock(); a(); b(); lock.unlock();} → {@code lock.lock(); try { a(); b(); } finally { lock.unlock(); }}:
   * the lock is released even when {@code a()} or {@code b()} throws. Refused when no
   * {@code unlock()} of the same lock follows in the same block, when another {@code unlock()} of it
   * sits in between (an early release on some path), or when a variable declared in between is used
   * after the {@code unlock()} (the {@code try} block would hide it).
   */
  public static FixOutcome wrapInTryFinally(SourceFile file, MethodCallExpr lockCall) {
    if (!isLockCall(lockCall) || lockCall.getScope().isEmpty()) {
      return FixOutcome.refused("not a call of lock() on a lock");
    }
    Node stmt = lockCall.getParentNode().orElse(null);
    if (!(stmt instanceof ExpressionStmt es) || !(es.getParentNode().orElse(null) instanceof BlockStmt block)) {
      return FixOutcome.refused("lock() is not a statement of a block");
    }
    String scope = lockCall.getScope().get().toString();
    List<Statement> stmts = block.getStatements();
    int i = stmts.indexOf(es);
    int j = -1;
    for (int k = i + 1; k < stmts.size(); k++) {
      if (isUnlockStatement(stmts.get(k), scope)) {
        j = k;
        break;
      }
      if (unlocks(stmts.get(k), scope)) {
        return FixOutcome.refused("'" + scope + "' is also unlocked on another path before the final unlock()");
      }
    }
    if (j < 0) {
      return FixOutcome.refused("no unlock() of '" + scope + "' follows in the same block");
    }
    if (j == i + 1) {
      return FixOutcome.refused("nothing runs between lock() and unlock()");
    }
    Set<String> declared = new HashSet<>();
    for (int k = i + 1; k < j; k++) {
      Statement s = stmts.get(k);
      if (s instanceof ExpressionStmt e && e.getExpression().isVariableDeclarationExpr()) {
        e.getExpression().asVariableDeclarationExpr().getVariables().forEach(v -> declared.add(v.getNameAsString()));
      }
    }
    for (int k = j + 1; k < stmts.size(); k++) {
      for (NameExpr n : stmts.get(k).findAll(NameExpr.class)) {
        if (declared.contains(n.getNameAsString())) {
          return FixOutcome.refused("'" + n + "' is declared between lock() and unlock() and used after it");
        }
      }
    }
    String nl = Fixes.lineSeparator(file.text());
    String indent = Fixes.indentOf(file, stmts.get(i + 1));
    String step = indentStep(file, block, indent);
    int start = Fixes.startOffset(file, stmts.get(i + 1));
    int end = Fixes.endOffset(file, stmts.get(j - 1));
    String body = file.text().substring(start, end).replace(nl, nl + step).replace(nl + step + nl, nl + nl);
    String replacement = "try {" + nl + indent + step + body + nl + indent + "} finally {" + nl
        + indent + step + Fixes.textOf(file, stmts.get(j)) + nl + indent + "}";
    TextEdit edit = new TextEdit(file.path(), start, Fixes.endOffset(file, stmts.get(j)), replacement);
    return FixOutcome.of(new Fix("Release '" + scope + "' in a finally block", FixKind.SAFE, List.of(edit)));
  }

  private static String indentStep(SourceFile file, BlockStmt block, String inner) {
    String outer = Fixes.indentOf(file, block.getParentNode().filter(p -> p.getRange().isPresent()).orElse(block));
    if (inner.startsWith(outer) && inner.length() > outer.length()) {
      return inner.substring(outer.length());
    }
    return inner.startsWith("\t") ? "\t" : "    ";
  }

  private static boolean isLockCall(MethodCallExpr c) {
    return (c.getNameAsString().equals("lock") || c.getNameAsString().equals("lockInterruptibly")) && c.getArguments().isEmpty();
  }

  private static boolean isUnlockStatement(Statement s, String scope) {
    return s instanceof ExpressionStmt e && e.getExpression() instanceof MethodCallExpr m && isUnlock(m, scope);
  }

  private static boolean isUnlock(MethodCallExpr m, String scope) {
    return m.getNameAsString().equals("unlock") && m.getArguments().isEmpty()
        && m.getScope().map(Expression::toString).filter(scope::equals).isPresent();
  }

  private static boolean unlocks(Node n, String scope) {
    return n.findFirst(MethodCallExpr.class, m -> isUnlock(m, scope)).isPresent();
  }
}
