package dev.threadlint.rules.locking;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.threadlint.core.analysis.LockId;
import dev.threadlint.core.analysis.Locks;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.Program;
import java.util.Optional;

/**
 * A {@code Lock} acquired without the {@code lock(); try { ... } finally { unlock(); }} shape: the
 * unlock is not in a {@code finally} (an exception leaves the lock held forever), or
 * {@code lock()} sits inside the {@code try} (if it fails, the {@code finally} unlocks a lock that
 * is not held); and {@code tryLock()} whose result is ignored.
 *
 * <p>A method that locks and never unlocks that lock itself is taken to hand the lock to another
 * method on purpose (a {@code lock()/unlock()} wrapper pair) and is not reported.
 */
@RuleInfo(
    id = "lock-not-released",
    title = "A Lock is not released in a finally block on every path, or tryLock()'s result is ignored",
    severity = Severity.ERROR,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "unreleased-lock")
public final class LockNotReleased implements Rule {

  @Override
  public void checkFile(FileContext ctx) {
    Program program = ctx.program();
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      String name = call.getNameAsString();
      if (!name.equals("lock") && !name.equals("lockInterruptibly") && !name.equals("tryLock")) {
        continue;
      }
      Optional<Locks.LockCall> lc = Locks.lockCall(program, call);
      if (lc.isEmpty() || lc.get().op() != Locks.LockCall.Op.ACQUIRE) {
        continue;
      }
      LockId lock = lc.get().lock();
      if (name.equals("tryLock")) {
        if (call.getParentNode().orElse(null) instanceof ExpressionStmt) {
          ctx.finding(call, "Result of '" + call + "' is ignored: the code after it runs whether or not " + lock.display() + " was acquired")
              .suggestion("Test the result: if (" + call + ") { try { ... } finally { " + call.getScope().get() + ".unlock(); } }")
              .report();
        }
        continue;
      }
      Node body = bodyOf(call);
      if (body == null) {
        continue;
      }
      Optional<TryStmt> enclosingTry = enclosingTryReleasing(program, call, lock, body);
      if (enclosingTry.isPresent()) {
        var b = ctx.finding(call, "'" + call + "' is inside the try block whose finally unlocks " + lock.display()
                + ": if it fails, the finally unlocks a lock this thread does not hold")
            .suggestion("Call " + call + " just before 'try', so the finally runs only once the lock is held")
            .evidence(enclosingTry.get().getFinallyBlock().get(), "finally block that unlocks " + lock.display());
        if (name.equals("lock")) {
          b.atMost(Severity.INFO); // lock() rarely throws; lockInterruptibly() does on interrupt
        } else {
          b.atMost(Severity.WARNING);
        }
        b.report();
        continue;
      }
      if (followedByTryReleasing(program, call, lock, body)) {
        continue;
      }
      Optional<MethodCallExpr> release = body.findAll(MethodCallExpr.class).stream()
          .filter(m -> m.getNameAsString().startsWith("unlock") && isRelease(program, m, lock))
          .findFirst();
      if (release.isEmpty()) {
        continue; // released elsewhere on purpose
      }
      ctx.finding(call, "'" + call + "' is not followed by a try/finally that unlocks " + lock.display()
              + ": an exception or early return before '" + release.get() + "' leaves it locked forever")
          .evidence(release.get(), "unlock not in a finally block")
          .suggestion(call + "; try { ... } finally { " + call.getScope().get() + ".unlock(); }")
          .report();
    }
  }

  private static Node bodyOf(Node n) {
    for (Node x = n.getParentNode().orElse(null); x != null; x = x.getParentNode().orElse(null)) {
      if (x instanceof CallableDeclaration<?> || x instanceof LambdaExpr || x instanceof com.github.javaparser.ast.body.InitializerDeclaration) {
        return x;
      }
    }
    return null;
  }

  private static boolean isRelease(Program program, MethodCallExpr m, LockId lock) {
    Optional<Locks.LockCall> lc = Locks.lockCall(program, m);
    return lc.isPresent() && lc.get().op() == Locks.LockCall.Op.RELEASE && lc.get().lock().base().equals(lock.base());
  }

  private static boolean finallyReleases(Program program, TryStmt t, LockId lock) {
    return t.getFinallyBlock().map(f -> f.findAll(MethodCallExpr.class).stream().anyMatch(m -> isRelease(program, m, lock))).orElse(false);
  }

  private static Optional<TryStmt> enclosingTryReleasing(Program program, Node call, LockId lock, Node body) {
    Node child = call;
    for (Node x = call.getParentNode().orElse(null); x != null && x != body; x = x.getParentNode().orElse(null)) {
      if (x instanceof TryStmt t && child == t.getTryBlock() && finallyReleases(program, t, lock)) {
        return Optional.of(t);
      }
      child = x;
    }
    return Optional.empty();
  }

  /** The statement holding the call, or an enclosing one, is followed in its block by a try whose finally unlocks. */
  private static boolean followedByTryReleasing(Program program, Node call, LockId lock, Node body) {
    Node child = call;
    for (Node x = call.getParentNode().orElse(null); x != null && x != body; x = x.getParentNode().orElse(null)) {
      if (x instanceof BlockStmt block && child instanceof Statement st) {
        int i = block.getStatements().indexOf(st);
        for (int j = i + 1; j < block.getStatements().size(); j++) {
          Statement next = block.getStatements().get(j);
          if (next instanceof TryStmt t && finallyReleases(program, t, lock)) {
            return true;
          }
        }
        return false;
      }
      child = x;
    }
    return false;
  }
}
