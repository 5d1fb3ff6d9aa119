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
        // lock() first in the try is harmless in practice (lock() does not throw); report when code before it can throw,
        // or when it is lockInterruptibly(), which throws on interrupt
        boolean codeBefore = callsBefore(enclosingTry.get().getTryBlock(), call, lock);
        if (name.equals("lock") && !codeBefore) {
          continue;
        }
        var moved = ctx.finding(call, "'" + call + "' is inside the try block whose finally unlocks " + lock.display()
                + ": if " + (codeBefore ? "the code before it throws" : "it is interrupted") + ", the finally unlocks a lock this thread does not hold")
            .suggestion("Call " + call + " just before 'try', so the finally runs only once the lock is held")
            .evidence(enclosingTry.get().getFinallyBlock().get(), "finally block that unlocks " + lock.display())
            .atMost(Severity.WARNING);
        moved.fix(dev.threadlint.core.fix.LockFixes.moveLockBeforeTry(ctx.file(), call));
        moved.report();
        continue;
      }
      Optional<TryStmt> next = nextTryReleasing(program, call, lock, body);
      if (next.isPresent()) {
        checkFinally(ctx, program, call, next.get(), lock);
        continue;
      }
      Optional<MethodCallExpr> release = body.findAll(MethodCallExpr.class).stream()
          .filter(m -> m.getNameAsString().startsWith("unlock") && isRelease(program, m, lock))
          .findFirst();
      if (release.isEmpty()) {
        continue; // released elsewhere on purpose
      }
      var wrap = ctx.finding(call, "'" + call + "' is not followed by a try/finally that unlocks " + lock.display()
              + ": an exception or early return before '" + release.get() + "' leaves it locked forever")
          .evidence(release.get(), "unlock not in a finally block")
          .suggestion(call + "; try { ... } finally { " + call.getScope().get() + ".unlock(); }");
      // the builder refuses when the code between lock and unlock is not one block it can wrap as is
      wrap.fix(dev.threadlint.core.fix.LockFixes.wrapInTryFinally(ctx.file(), call));
      wrap.report();
    }
  }

  private static final java.util.Set<String> SIGNALS = java.util.Set.of("signal", "signalAll", "notify", "notifyAll");

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

  /** Method calls in the try block before the lock call (they may throw before the lock is taken). */
  private static boolean callsBefore(BlockStmt tryBlock, MethodCallExpr call, LockId lock) {
    for (Statement st : tryBlock.getStatements()) {
      if (st.isAncestorOf(call) || st == call.getParentNode().orElse(null)) {
        return false;
      }
      boolean lockCallsOnly = st.findAll(MethodCallExpr.class).stream().allMatch(m -> m.getNameAsString().equals("lock")
          || m.getNameAsString().equals("lockInterruptibly") || m.getNameAsString().equals("readLock") || m.getNameAsString().equals("writeLock"));
      if (!lockCallsOnly || !st.findAll(com.github.javaparser.ast.expr.ObjectCreationExpr.class).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The try whose finally unlocks, following the statement that holds the call (or an enclosing
   * statement) in its block; statements in between that call methods are reported, and a second
   * lock() of the same lock in between means this one is never released.
   */
  private static Optional<TryStmt> nextTryReleasing(Program program, Node call, LockId lock, Node body) {
    Node child = call;
    for (Node x = call.getParentNode().orElse(null); x != null && x != body; x = x.getParentNode().orElse(null)) {
      if (x instanceof BlockStmt block && child instanceof Statement st) {
        int i = block.getStatements().indexOf(st);
        for (int j = i + 1; j < block.getStatements().size(); j++) {
          Statement next = block.getStatements().get(j);
          if (next instanceof TryStmt t && finallyReleases(program, t, lock)) {
            return Optional.of(t);
          }
          boolean relocks = next.findAll(MethodCallExpr.class).stream().anyMatch(m -> {
            Optional<Locks.LockCall> lc = Locks.lockCall(program, m);
            return lc.isPresent() && lc.get().op() == Locks.LockCall.Op.ACQUIRE && lc.get().lock().base().equals(lock.base());
          });
          if (relocks) {
            return Optional.empty();
          }
        }
        return Optional.empty();
      }
      child = x;
    }
    return Optional.empty();
  }

  /** Reports code that can throw between lock() and the try, and calls in the finally before the unlock. */
  private static void checkFinally(FileContext ctx, Program program, MethodCallExpr call, TryStmt t, LockId lock) {
    Node stmt = call;
    while (stmt.getParentNode().isPresent() && !(stmt.getParentNode().get() instanceof BlockStmt)) {
      stmt = stmt.getParentNode().get();
    }
    if (stmt.getParentNode().orElse(null) instanceof BlockStmt block && stmt instanceof Statement st) {
      int from = block.getStatements().indexOf(st);
      int to = block.getStatements().indexOf(t);
      for (int j = from + 1; j < to; j++) {
        Statement between = block.getStatements().get(j);
        // lock calls, the unlock of this lock, and exceptions built for a throw (after unlocking) are fine here
        boolean onlyLocking = between.findAll(MethodCallExpr.class).stream().allMatch(m -> m.getNameAsString().equals("lock")
            || m.getNameAsString().equals("readLock") || m.getNameAsString().equals("writeLock") || isRelease(program, m, lock));
        boolean creates = between.findAll(com.github.javaparser.ast.expr.ObjectCreationExpr.class).stream()
            .anyMatch(o -> !(o.getParentNode().orElse(null) instanceof com.github.javaparser.ast.stmt.ThrowStmt));
        if (!onlyLocking || creates) {
          ctx.finding(call, "'" + between.toString().lines().findFirst().orElse("").trim() + "' runs between '" + call
                  + "' and the try whose finally unlocks " + lock.display() + ": if it throws, the lock is never released")
              .evidence(between, "may throw before the try")
              .suggestion("Move the statement inside the try, so that lock() is immediately followed by try")
              .atMost(Severity.WARNING)
              .report();
          return;
        }
      }
    }
    BlockStmt fin = t.getFinallyBlock().get();
    for (Statement st : fin.getStatements()) {
      boolean releases = st.findAll(MethodCallExpr.class).stream().anyMatch(m -> isRelease(program, m, lock));
      if (releases) {
        return;
      }
      // signalling a Condition or monitor while holding its lock does not throw
      Optional<MethodCallExpr> risky = st.findAll(MethodCallExpr.class).stream()
          .filter(m -> !SIGNALS.contains(m.getNameAsString()) && !m.getNameAsString().startsWith("unlock"))
          .findFirst();
      if (risky.isPresent() && !(st instanceof TryStmt)) {
        ctx.finding(call, "The finally block calls '" + risky.get() + "' before unlocking " + lock.display()
                + ": if that call throws, the lock is never released")
            .evidence(risky.get(), "may throw before the unlock")
            .suggestion("Unlock first in the finally block, or wrap the other cleanup in its own try")
            .atMost(Severity.WARNING)
            .report();
        return;
      }
    }
  }
}
