package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeModel;
import dev.threadlint.core.program.TypeNames;
import java.util.Optional;
import java.util.Set;

/**
 * Abstracts lock expressions to {@link LockId}s and classifies calls on lock objects
 * (acquire, try-acquire, release) for {@code synchronized} monitors, {@code Lock},
 * {@code ReadWriteLock} and {@code StampedLock}.
 */
public final class Locks {
  /** JDK lock types whose {@code lock()/unlock()} are lock operations. */
  public static final Set<String> LOCK_TYPES = Set.of("Lock", "ReentrantLock", "ReadLock", "WriteLock",
      "ReentrantReadWriteLock.ReadLock", "ReentrantReadWriteLock.WriteLock");
  public static final Set<String> READ_WRITE_LOCK_TYPES = Set.of("ReadWriteLock", "ReentrantReadWriteLock");
  public static final String STAMPED_LOCK = "StampedLock";

  /** How a call takes a lock. */
  public enum Acquisition {
    /** Waits until the lock is free: {@code synchronized}, {@code lock()}, {@code lockInterruptibly()}, StampedLock {@code writeLock()/readLock()}. */
    BLOCKING,
    /** {@code tryLock()}: returns at once. */
    TRY,
    /** {@code tryLock(timeout, unit)}: waits a bounded time; not a deadlock hazard. */
    TRY_TIMED
  }

  /** A call's effect on a lock. */
  public record LockCall(LockId lock, Op op, Acquisition acquisition) {
    public enum Op {
      ACQUIRE,
      RELEASE
    }
  }

  private Locks() {}

  /** The lock held on entry to a body: its own monitor for a synchronized method. */
  public static LockSet entryLocks(MethodModel m) {
    if (m.annotations().contains("Synchronized") && m.node() instanceof com.github.javaparser.ast.body.MethodDeclaration d) {
      // Lombok's @Synchronized: a private lock field ($lock, $LOCK for static methods, or the named one)
      String name = d.getAnnotations().stream()
          .filter(a -> dev.threadlint.core.program.Annotations.simpleName(a).equals("Synchronized"))
          .findFirst()
          .flatMap(a -> dev.threadlint.core.program.Annotations.stringValues(a, "value").stream().findFirst())
          .orElse(m.isStatic() ? "$LOCK" : "$lock");
      return LockSet.EMPTY.plus(LockId.field(m.owner().qualifiedName(), name), m.node());
    }
    if (!m.isSynchronized()) {
      return LockSet.EMPTY;
    }
    LockId id = m.isStatic() ? LockId.classLock(m.owner().qualifiedName()) : LockId.monitor(m.owner().qualifiedName());
    return LockSet.EMPTY.plus(id, m.node());
  }

  /** The abstract identity of the object {@code e} evaluates to, used as a lock. */
  public static LockId lockOf(Program program, Expression e) {
    Expression x = unwrap(e);
    TypeModel here = program.enclosingType(x).orElse(null);
    String owner = here == null ? "" : here.qualifiedName();
    if (x instanceof ThisExpr t) {
      if (t.getTypeName().isPresent()) {
        return program.lookupType(t.getTypeName().get().asString(), here)
            .map(tm -> LockId.monitor(tm.qualifiedName()))
            .orElse(LockId.monitor(t.getTypeName().get().asString()));
      }
      return LockId.monitor(owner);
    }
    if (x instanceof ClassExpr c) {
      String name = TypeNames.erasedSimpleName(c.getType());
      return LockId.classLock(program.lookupType(name, here).map(TypeModel::qualifiedName).orElse(name));
    }
    if (x instanceof LiteralExpr) {
      return LockId.expression("<literal>", x.toString());
    }
    if (x instanceof MethodCallExpr call && call.getScope().isPresent() && call.getArguments().isEmpty()) {
      String n = call.getNameAsString();
      if (n.equals("readLock") || n.equals("writeLock") || n.equals("asReadLock") || n.equals("asWriteLock")) {
        LockId base = lockOf(program, call.getScope().get());
        return base.withSide(n.toLowerCase(java.util.Locale.ROOT).contains("read") ? LockId.Side.READ : LockId.Side.WRITE);
      }
    }
    if (x instanceof MethodCallExpr call && call.getArguments().isEmpty()
        && (call.getScope().isEmpty() || unwrap(call.getScope().get()) instanceof ThisExpr) && here != null) {
      // a lock accessor of this class: lock() { return lock; }
      Optional<FieldModel> returned = accessedField(program, here, call.getNameAsString());
      if (returned.isPresent()) {
        return fieldLock(program, returned.get());
      }
    }
    if (x instanceof NameExpr || x instanceof FieldAccessExpr) {
      Optional<FieldModel> f = program.localTypes().fieldOf(x);
      if (f.isEmpty() && x instanceof FieldAccessExpr fa) {
        // a static field named through a (qualified) type: lib.Lib.Inner.mu
        f = program.lookupType(fa.getScope().toString(), here).flatMap(t -> program.localTypes().fieldInHierarchy(t, fa.getNameAsString()));
      }
      if (f.isPresent()) {
        return fieldLock(program, f.get());
      }
    }
    if (x instanceof NameExpr n) {
      Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
      if (b.isPresent() && b.get() instanceof LocalTypes.Local local) {
        Node decl = local.declaration();
        if (decl instanceof Parameter p && p.getParentNode().orElse(null) instanceof CallableDeclaration<?> c) {
          int index = c.getParameters().indexOf(p);
          String type = TypeNames.erasedSimpleName(p.getType());
          String t = program.lookupType(type, here).map(TypeModel::qualifiedName).orElse(type);
          return LockId.parameter(owner, c.getNameAsString(), index, p.getNameAsString(), t);
        }
        if (decl instanceof VariableDeclarator v && v.getInitializer().isPresent()) {
          Expression init = unwrap(v.getInitializer().get());
          // a local alias of a field, a parameter or this: the same lock
          if (init instanceof NameExpr || init instanceof FieldAccessExpr || init instanceof ThisExpr
              || (init instanceof MethodCallExpr mc && mc.getArguments().isEmpty() && mc.getNameAsString().matches("readLock|writeLock"))) {
            if (init != x) {
              return lockOf(program, init);
            }
          }
        }
      }
    }
    return LockId.expression(owner, x.toString());
  }

  /**
   * The field a no-argument accessor {@code name()} of {@code type} (or of its supertypes or
   * enclosing types) returns: {@code Object lock() { return lock; }}.
   */
  public static Optional<FieldModel> accessedField(Program program, TypeModel type, String name) {
    for (TypeModel t = type; t != null; t = t.outer().orElse(null)) {
      java.util.List<MethodModel> candidates = new java.util.ArrayList<>();
      java.util.Deque<TypeModel> up = new java.util.ArrayDeque<>(java.util.List.of(t));
      java.util.Set<TypeModel> seen = new java.util.HashSet<>();
      while (!up.isEmpty()) {
        TypeModel x = up.poll();
        if (seen.add(x)) {
          x.methods().stream().filter(m -> !m.isLambda() && m.name().equals(name) && m.arity() == 0).forEach(candidates::add);
          up.addAll(x.supertypes());
        }
      }
      for (MethodModel m : candidates) {
        if (m.block().isPresent() && m.block().get().getStatements().size() == 1
            && m.block().get().getStatement(0) instanceof com.github.javaparser.ast.stmt.ReturnStmt r && r.getExpression().isPresent()) {
          Expression e = unwrap(r.getExpression().get());
          if (e instanceof NameExpr || e instanceof FieldAccessExpr) {
            Optional<FieldModel> f = program.localTypes().fieldOf(e);
            if (f.isPresent()) {
              return f;
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A field's lock identity; a field initialized to {@code rw.readLock()} is the read side of {@code rw}. */
  public static LockId fieldLock(Program program, FieldModel f) {
    Optional<Expression> init = f.variable().getInitializer();
    if (init.isPresent() && unwrap(init.get()) instanceof MethodCallExpr mc && mc.getScope().isPresent() && mc.getArguments().isEmpty()
        && (mc.getNameAsString().equals("readLock") || mc.getNameAsString().equals("writeLock"))) {
      Optional<FieldModel> rw = program.localTypes().fieldOf(mc.getScope().get());
      if (rw.isPresent()) {
        return fieldLock(program, rw.get()).withSide(mc.getNameAsString().equals("readLock") ? LockId.Side.READ : LockId.Side.WRITE);
      }
    }
    return LockId.field(f.owner().qualifiedName(), f.name());
  }

  /**
   * The lock effect of a method call on a lock object, if any: {@code l.lock()},
   * {@code l.tryLock(..)}, {@code l.unlock()}, {@code rw.writeLock().lock()}, StampedLock's
   * {@code writeLock()}, {@code unlockWrite(stamp)}...
   */
  public static Optional<LockCall> lockCall(Program program, MethodCallExpr call) {
    String name = call.getNameAsString();
    int args = call.getArguments().size();
    if (call.getScope().isEmpty()) {
      // lock()/unlock() inherited by a class that extends ReentrantLock: the object itself is the lock
      if ((name.equals("lock") || name.equals("unlock") || name.equals("lockInterruptibly") || name.equals("tryLock")) && args <= 2) {
        Optional<TypeModel> self = program.enclosingType(call);
        if (self.isPresent() && (self.get().isSubtypeOf("ReentrantLock") || self.get().isSubtypeOf("Lock"))
            && program.callGraph().targetsOf(call).isEmpty()) {
          LockId l = LockId.monitor(self.get().qualifiedName());
          return Optional.of(switch (name) {
            case "unlock" -> new LockCall(l, LockCall.Op.RELEASE, Acquisition.BLOCKING);
            case "tryLock" -> new LockCall(l, LockCall.Op.ACQUIRE, args == 0 ? Acquisition.TRY : Acquisition.TRY_TIMED);
            default -> new LockCall(l, LockCall.Op.ACQUIRE, Acquisition.BLOCKING);
          });
        }
      }
      return Optional.empty();
    }
    Expression scope = call.getScope().get();
    if ((name.equals("enter") || name.equals("enterInterruptibly") || name.equals("leave") || name.equals("enterWhen"))
        && program.localTypes().typeName(scope).map(t -> t.equals("Monitor")).orElse(false)) {
      // Guava's Monitor: enter()/leave() bracket a critical section
      LockId l = lockOf(program, scope);
      return Optional.of(name.equals("leave") ? new LockCall(l, LockCall.Op.RELEASE, Acquisition.BLOCKING)
          : new LockCall(l, LockCall.Op.ACQUIRE, Acquisition.BLOCKING));
    }
    switch (name) {
      case "lock", "lockInterruptibly", "unlock", "tryLock" -> {
        if (name.equals("unlock") && args == 1) {
          return stamped(program, scope, call).map(l -> new LockCall(l, LockCall.Op.RELEASE, Acquisition.BLOCKING));
        }
        if (!isLockReceiver(program, scope)) {
          return Optional.empty();
        }
        LockId l = lockOf(program, scope);
        return Optional.of(switch (name) {
          case "unlock" -> new LockCall(l, LockCall.Op.RELEASE, Acquisition.BLOCKING);
          case "tryLock" -> new LockCall(l, LockCall.Op.ACQUIRE, args == 0 ? Acquisition.TRY : Acquisition.TRY_TIMED);
          default -> new LockCall(l, LockCall.Op.ACQUIRE, Acquisition.BLOCKING);
        });
      }
      case "writeLock", "readLock", "writeLockInterruptibly", "readLockInterruptibly", "tryWriteLock", "tryReadLock" -> {
        Optional<LockId> sl = stamped(program, scope, call);
        if (sl.isEmpty()) {
          return Optional.empty();
        }
        LockId.Side side = name.toLowerCase(java.util.Locale.ROOT).contains("read") ? LockId.Side.READ : LockId.Side.WRITE;
        Acquisition a = name.startsWith("try") ? (args == 0 ? Acquisition.TRY : Acquisition.TRY_TIMED) : Acquisition.BLOCKING;
        return Optional.of(new LockCall(sl.get().withSide(side), LockCall.Op.ACQUIRE, a));
      }
      case "unlockWrite", "unlockRead" -> {
        return stamped(program, scope, call).map(l -> new LockCall(
            l.withSide(name.equals("unlockRead") ? LockId.Side.READ : LockId.Side.WRITE), LockCall.Op.RELEASE, Acquisition.BLOCKING));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Optional<LockId> stamped(Program program, Expression scope, MethodCallExpr call) {
    Optional<String> t = program.localTypes().typeName(scope);
    if (t.isPresent() && t.get().equals(STAMPED_LOCK)) {
      return Optional.of(lockOf(program, scope));
    }
    return Optional.empty();
  }

  /** True when {@code scope} is evidently a {@code Lock}: a JDK lock type, {@code rw.readLock()}, or an unknown type that is not a scanned class. */
  static boolean isLockReceiver(Program program, Expression scope) {
    Expression s = unwrap(scope);
    if (s instanceof MethodCallExpr mc && (mc.getNameAsString().equals("readLock") || mc.getNameAsString().equals("writeLock")) && mc.getArguments().isEmpty()) {
      return true;
    }
    Optional<String> t = program.localTypes().typeName(s);
    if (t.isPresent()) {
      if (LOCK_TYPES.contains(t.get()) || t.get().endsWith("Lock")) {
        return !t.get().equals(STAMPED_LOCK) && !READ_WRITE_LOCK_TYPES.contains(t.get());
      }
      Optional<TypeModel> scanned = program.localTypes().typeOf(s);
      return scanned.map(tm -> tm.isSubtypeOf("Lock")).orElse(false);
    }
    return false;
  }

  public static Expression unwrap(Expression e) {
    Expression x = e;
    while (x instanceof EnclosedExpr || x instanceof CastExpr) {
      x = x instanceof EnclosedExpr en ? en.getInner() : ((CastExpr) x).getExpression();
    }
    return x;
  }
}
