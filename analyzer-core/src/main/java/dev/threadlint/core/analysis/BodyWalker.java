package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import java.util.List;
import java.util.Optional;

/**
 * Walks one code body in evaluation order, tracking the locks that must be held at each point,
 * and reports what happens to a {@link Visitor}: field reads and writes, array element accesses,
 * calls, lock acquisitions and releases, and nested bodies (lambdas, anonymous and local classes,
 * which are not walked: whether they run now or on another thread is the visitor's question).
 *
 * <p>Lock tracking is flow-sensitive within the body: {@code synchronized} blocks; {@code lock()}
 * up to the matching {@code unlock()} (typically in a {@code finally}); {@code if (l.tryLock())}
 * holds in the then-branch (and {@code if (!l.tryLock()) return;} after the if); at merge points
 * only the locks held on every non-terminating path remain (must-hold).
 */
public final class BodyWalker {

  /** What the walk reports. All methods are optional. */
  public interface Visitor {
    /** A field is read and/or written ({@code x++} is both). */
    default void fieldAccess(Expression node, FieldModel field, boolean read, boolean write, LockSet held) {}

    /** An array element is read or written: {@code a[i]} / {@code a[i] = v}. */
    default void arrayAccess(ArrayAccessExpr node, boolean write, LockSet held) {}

    /** A method call, constructor call, {@code this(..)}/{@code super(..)} or method reference. */
    default void call(Node callNode, LockSet held) {}

    /** A lock is taken; {@code heldBefore} are the locks already held. */
    default void acquire(LockId lock, Node at, LockSet heldBefore, Locks.Acquisition how) {}

    /** A lock is released. */
    default void release(LockId lock, Node at, LockSet heldBefore) {}

    /** A lambda, or a member of an anonymous or local class, appears here. */
    default void nestedBody(MethodModel body, Node at, LockSet held) {}
  }

  private final Program program;
  private final Visitor visitor;

  private BodyWalker(Program program, Visitor visitor) {
    this.program = program;
    this.visitor = visitor;
  }

  /** Walks {@code body} starting with {@code entry} held (callers usually pass {@link Locks#entryLocks}). */
  public static void walk(Program program, MethodModel body, LockSet entry, Visitor visitor) {
    Optional<Node> code = body.body();
    if (code.isEmpty()) {
      return;
    }
    new BodyWalker(program, visitor).node(code.get(), entry);
  }

  /** Walks {@code body} with its own entry locks. */
  public static void walk(Program program, MethodModel body, Visitor visitor) {
    walk(program, body, Locks.entryLocks(body), visitor);
  }

  private LockSet node(Node n, LockSet s) {
    if (n instanceof Statement st) {
      return statement(st, s);
    }
    if (n instanceof Expression e) {
      return expression(e, s);
    }
    return children(n, s);
  }

  private LockSet children(Node n, LockSet s) {
    LockSet cur = s;
    for (Node c : List.copyOf(n.getChildNodes())) {
      cur = node(c, cur);
    }
    return cur;
  }

  // ---- statements

  private LockSet statement(Statement st, LockSet s) {
    if (st instanceof BlockStmt b) {
      LockSet cur = s;
      for (Statement x : b.getStatements()) {
        cur = statement(x, cur);
      }
      return cur;
    }
    if (st instanceof SynchronizedStmt sync) {
      LockSet cur = expression(sync.getExpression(), s);
      LockId lock = Locks.lockOf(program, sync.getExpression());
      visitor.acquire(lock, sync, cur, Locks.Acquisition.BLOCKING);
      LockSet inside = statement(sync.getBody(), cur.plus(lock, sync));
      visitor.release(lock, sync, inside);
      return cur;
    }
    if (st instanceof IfStmt ifs) {
      LockSet afterCond = expression(ifs.getCondition(), s);
      LockSet thenEntry = afterCond;
      LockSet elseEntry = afterCond;
      TryLockTest test = tryLockTest(ifs.getCondition());
      if (test != null) {
        if (test.negated()) {
          elseEntry = afterCond.plus(test.lock(), ifs.getCondition());
        } else {
          thenEntry = afterCond.plus(test.lock(), ifs.getCondition());
        }
      }
      LockSet thenOut = statement(ifs.getThenStmt(), thenEntry);
      boolean thenEnds = terminates(ifs.getThenStmt());
      if (ifs.getElseStmt().isPresent()) {
        LockSet elseOut = statement(ifs.getElseStmt().get(), elseEntry);
        boolean elseEnds = terminates(ifs.getElseStmt().get());
        if (thenEnds && !elseEnds) {
          return elseOut;
        }
        if (elseEnds && !thenEnds) {
          return thenOut;
        }
        return thenOut.intersect(elseOut);
      }
      return thenEnds ? elseEntry : thenOut.intersect(elseEntry);
    }
    if (st instanceof WhileStmt w) {
      LockSet c = expression(w.getCondition(), s);
      LockSet body = statement(w.getBody(), c);
      return c.intersect(body);
    }
    if (st instanceof DoStmt d) {
      LockSet body = statement(d.getBody(), s);
      LockSet c = expression(d.getCondition(), body);
      return c.intersect(s);
    }
    if (st instanceof ForStmt f) {
      LockSet cur = s;
      for (Expression e : f.getInitialization()) {
        cur = expression(e, cur);
      }
      if (f.getCompare().isPresent()) {
        cur = expression(f.getCompare().get(), cur);
      }
      LockSet body = statement(f.getBody(), cur);
      for (Expression e : f.getUpdate()) {
        body = expression(e, body);
      }
      return cur.intersect(body);
    }
    if (st instanceof ForEachStmt fe) {
      LockSet cur = expression(fe.getIterable(), s);
      LockSet body = statement(fe.getBody(), cur);
      return cur.intersect(body);
    }
    if (st instanceof TryStmt t) {
      LockSet cur = s;
      for (Expression r : t.getResources()) {
        cur = expression(r, cur);
      }
      LockSet afterTry = statement(t.getTryBlock(), cur);
      // a lock taken by a resource (try (var l = lock.acquire()) {...}) is released when the resource closes
      for (LockSet.Held h : cur.held()) {
        if (!s.contains(h.lock()) && afterTry.contains(h.lock())) {
          visitor.release(h.lock(), t, afterTry);
          afterTry = afterTry.minus(h.lock());
        }
      }
      for (CatchClause cc : t.getCatchClauses()) {
        statement(cc.getBody(), cur);
      }
      if (t.getFinallyBlock().isPresent()) {
        return statement(t.getFinallyBlock().get(), afterTry);
      }
      return afterTry;
    }
    if (st instanceof SwitchStmt sw) {
      LockSet cur = expression(sw.getSelector(), s);
      return entries(sw.getEntries(), cur);
    }
    if (st instanceof LocalClassDeclarationStmt lc) {
      nestedTypeBodies(lc.getClassDeclaration(), lc, s);
      return s;
    }
    if (st instanceof LocalRecordDeclarationStmt lr) {
      nestedTypeBodies(lr.getRecordDeclaration(), lr, s);
      return s;
    }
    if (st instanceof ExplicitConstructorInvocationStmt eci) {
      LockSet cur = s;
      for (Expression a : eci.getArguments()) {
        cur = expression(a, cur);
      }
      visitor.call(eci, cur);
      return cur;
    }
    return children(st, s);
  }

  private LockSet entries(List<SwitchEntry> entries, LockSet s) {
    LockSet merged = null;
    boolean hasDefault = false;
    for (SwitchEntry e : entries) {
      hasDefault |= e.getLabels().isEmpty();
      LockSet cur = s;
      for (Expression l : e.getLabels()) {
        cur = expression(l, cur);
      }
      for (Statement x : e.getStatements()) {
        cur = statement(x, cur);
      }
      boolean ends = !e.getStatements().isEmpty() && terminates(e.getStatements().get(e.getStatements().size() - 1))
          && !(e.getStatements().get(e.getStatements().size() - 1) instanceof BreakStmt);
      if (!ends) {
        merged = merged == null ? cur : merged.intersect(cur);
      }
    }
    if (merged == null) {
      return s;
    }
    return hasDefault ? merged : merged.intersect(s);
  }

  private static boolean terminates(Statement st) {
    if (st instanceof ReturnStmt || st instanceof ThrowStmt || st instanceof BreakStmt || st instanceof ContinueStmt) {
      return true;
    }
    if (st instanceof BlockStmt b && !b.getStatements().isEmpty()) {
      return terminates(b.getStatements().get(b.getStatements().size() - 1));
    }
    return false;
  }

  private record TryLockTest(LockId lock, boolean negated) {}

  /** {@code l.tryLock(..)} or {@code !l.tryLock(..)} as a whole condition. */
  private TryLockTest tryLockTest(Expression cond) {
    Expression c = Locks.unwrap(cond);
    boolean negated = false;
    if (c instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      negated = true;
      c = Locks.unwrap(u.getExpression());
    }
    if (c instanceof MethodCallExpr mc) {
      Optional<Locks.LockCall> lc = Locks.lockCall(program, mc);
      if (lc.isPresent() && lc.get().op() == Locks.LockCall.Op.ACQUIRE && lc.get().acquisition() != Locks.Acquisition.BLOCKING) {
        return new TryLockTest(lc.get().lock(), negated);
      }
    }
    return null;
  }

  // ---- expressions

  private LockSet expression(Expression e, LockSet s) {
    if (e instanceof LambdaExpr lambda) {
      program.bodyOf(lambda).ifPresent(b -> visitor.nestedBody(b, lambda, s));
      return s;
    }
    if (e instanceof MethodReferenceExpr ref) {
      LockSet cur = expression(ref.getScope(), s);
      visitor.call(ref, cur);
      return cur;
    }
    if (e instanceof ObjectCreationExpr oce) {
      LockSet cur = s;
      if (oce.getScope().isPresent()) {
        cur = expression(oce.getScope().get(), cur);
      }
      for (Expression a : oce.getArguments()) {
        cur = expression(a, cur);
      }
      visitor.call(oce, cur);
      if (oce.getAnonymousClassBody().isPresent()) {
        for (BodyDeclaration<?> m : oce.getAnonymousClassBody().get()) {
          memberBodies(m, oce, cur);
        }
      }
      return cur;
    }
    if (e instanceof MethodCallExpr mc) {
      LockSet cur = s;
      if (mc.getScope().isPresent()) {
        cur = expression(mc.getScope().get(), cur);
      }
      for (Expression a : mc.getArguments()) {
        cur = expression(a, cur);
      }
      visitor.call(mc, cur);
      Optional<Locks.LockCall> lc = Locks.lockCall(program, mc);
      if (lc.isPresent()) {
        Locks.LockCall call = lc.get();
        if (call.op() == Locks.LockCall.Op.RELEASE) {
          visitor.release(call.lock(), mc, cur);
          return cur.minus(call.lock());
        }
        visitor.acquire(call.lock(), mc, cur, call.acquisition());
        // tryLock's outcome is tracked by the enclosing if; lock() holds from here on
        return call.acquisition() == Locks.Acquisition.BLOCKING ? cur.plus(call.lock(), mc) : cur;
      }
      return cur;
    }
    if (e instanceof AssignExpr a) {
      LockSet cur = targetScope(a.getTarget(), s);
      cur = expression(a.getValue(), cur);
      access(a.getTarget(), a.getOperator() != AssignExpr.Operator.ASSIGN, true, cur);
      return cur;
    }
    if (e instanceof UnaryExpr u && isIncDec(u.getOperator())) {
      LockSet cur = targetScope(u.getExpression(), s);
      access(u.getExpression(), true, true, cur);
      return cur;
    }
    if (e instanceof NameExpr n) {
      access(n, true, false, s);
      return s;
    }
    if (e instanceof FieldAccessExpr fa) {
      LockSet cur = expression(fa.getScope(), s);
      access(fa, true, false, cur);
      return cur;
    }
    if (e instanceof ArrayAccessExpr aa) {
      LockSet cur = expression(aa.getName(), s);
      cur = expression(aa.getIndex(), cur);
      visitor.arrayAccess(aa, false, cur);
      return cur;
    }
    if (e instanceof ConditionalExpr c) {
      LockSet cur = expression(c.getCondition(), s);
      LockSet a = expression(c.getThenExpr(), cur);
      LockSet b = expression(c.getElseExpr(), cur);
      return a.intersect(b);
    }
    if (e instanceof SwitchExpr sw) {
      LockSet cur = expression(sw.getSelector(), s);
      return entries(sw.getEntries(), cur);
    }
    return children(e, s);
  }

  /** Evaluates the sub-expressions of an assignment target (not the target itself). */
  private LockSet targetScope(Expression target, LockSet s) {
    Expression t = Locks.unwrap(target);
    if (t instanceof FieldAccessExpr fa) {
      return expression(fa.getScope(), s);
    }
    if (t instanceof ArrayAccessExpr aa) {
      LockSet cur = expression(aa.getName(), s);
      return expression(aa.getIndex(), cur);
    }
    return s;
  }

  private void access(Expression target, boolean read, boolean write, LockSet held) {
    Expression t = Locks.unwrap(target);
    if (t instanceof ArrayAccessExpr aa) {
      visitor.arrayAccess(aa, write, held);
      return;
    }
    if (t instanceof NameExpr || t instanceof FieldAccessExpr) {
      program.localTypes().fieldOf(t).ifPresent(f -> visitor.fieldAccess(t, f, read, write, held));
    }
  }

  private void memberBodies(BodyDeclaration<?> member, Node at, LockSet held) {
    program.bodyOf(member).ifPresent(b -> visitor.nestedBody(b, at, held));
  }

  private void nestedTypeBodies(TypeDeclaration<?> type, Node at, LockSet held) {
    for (BodyDeclaration<?> m : type.getMembers()) {
      memberBodies(m, at, held);
    }
  }

  private static boolean isIncDec(UnaryExpr.Operator op) {
    return op == UnaryExpr.Operator.PREFIX_INCREMENT || op == UnaryExpr.Operator.PREFIX_DECREMENT
        || op == UnaryExpr.Operator.POSTFIX_INCREMENT || op == UnaryExpr.Operator.POSTFIX_DECREMENT;
  }
}
