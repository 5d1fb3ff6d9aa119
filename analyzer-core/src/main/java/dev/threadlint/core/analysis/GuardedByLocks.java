package dev.threadlint.core.analysis;

import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.threadlint.core.program.Annotations;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeModel;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code @GuardedBy} (any annotation of that simple name: JCIP, javax.annotation.concurrent,
 * Error Prone, Checker Framework) on fields and methods, and turns its value into a {@link LockId}:
 * {@code "this"}, a field name ({@code "lock"}, {@code "this.lock"}), {@code "ClassName.class"},
 * {@code "Outer.this"}, or a method call such as {@code "rw.writeLock()"}.
 */
public final class GuardedByLocks {
  public static final String ANNOTATION = "GuardedBy";

  private GuardedByLocks() {}

  /** The value of a field's {@code @GuardedBy}, if annotated. */
  public static Optional<String> value(FieldModel f) {
    return value(f.declaration().getAnnotations());
  }

  public static Optional<String> value(MethodModel m) {
    if (m.node() instanceof com.github.javaparser.ast.body.CallableDeclaration<?> c) {
      return value(c.getAnnotations());
    }
    return Optional.empty();
  }

  private static Optional<String> value(List<AnnotationExpr> annotations) {
    for (AnnotationExpr a : annotations) {
      if (Annotations.simpleName(a).equals(ANNOTATION)) {
        List<String> v = Annotations.stringValues(a, "value");
        if (!v.isEmpty()) {
          return Optional.of(v.get(0));
        }
        Optional<Expression> e = Annotations.member(a, "value");
        if (e.isPresent() && !(e.get() instanceof StringLiteralExpr)) {
          return Optional.of(e.get().toString());
        }
      }
    }
    return Optional.empty();
  }

  /** The lock a {@code @GuardedBy} value names, resolved in the context of {@code owner}. */
  public static LockId lockOf(Program program, TypeModel owner, String value) {
    String v = value.strip();
    if (v.equals("this")) {
      return LockId.monitor(owner.qualifiedName());
    }
    if (v.endsWith(".this")) {
      String type = v.substring(0, v.length() - 5);
      return LockId.monitor(program.lookupType(type, owner).map(TypeModel::qualifiedName).orElse(type));
    }
    if (v.endsWith(".class")) {
      String type = v.substring(0, v.length() - 6);
      return LockId.classLock(program.lookupType(type, owner).map(TypeModel::qualifiedName).orElse(type));
    }
    LockId.Side side = LockId.Side.EXCLUSIVE;
    if (v.endsWith(".readLock()")) {
      side = LockId.Side.READ;
      v = v.substring(0, v.length() - ".readLock()".length());
    } else if (v.endsWith(".writeLock()")) {
      side = LockId.Side.WRITE;
      v = v.substring(0, v.length() - ".writeLock()".length());
    }
    if (v.startsWith("this.")) {
      v = v.substring(5);
    }
    if (v.endsWith("()") && v.indexOf('.') < 0) {
      // a lock accessor: @GuardedBy("lock()") with lock() { return lock; }
      Optional<FieldModel> returned = Locks.accessedField(program, owner, v.substring(0, v.length() - 2));
      if (returned.isPresent()) {
        LockId base = Locks.fieldLock(program, returned.get());
        return side == LockId.Side.EXCLUSIVE ? base : base.withSide(side);
      }
    }
    String fieldName = v;
    TypeModel where = owner;
    int dot = v.lastIndexOf('.');
    if (dot > 0) {
      fieldName = v.substring(dot + 1);
      where = program.lookupType(v.substring(0, dot), owner).orElse(owner);
    }
    Optional<FieldModel> f = program.localTypes().fieldInHierarchy(where, fieldName);
    for (TypeModel t = owner; f.isEmpty() && t != null; t = t.outer().orElse(null)) {
      f = program.localTypes().fieldInHierarchy(t, fieldName);
    }
    if (f.isPresent()) {
      LockId base = Locks.fieldLock(program, f.get());
      return side == LockId.Side.EXCLUSIVE ? base : base.withSide(side);
    }
    return LockId.expression(owner.qualifiedName(), value.strip());
  }
}
