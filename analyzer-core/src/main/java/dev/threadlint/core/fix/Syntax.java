package dev.threadlint.core.fix;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Name-based syntax queries shared by the fix builders (no symbol solving). */
final class Syntax {
  private Syntax() {}

  static Optional<TypeDeclaration<?>> enclosingType(Node n) {
    Node cur = n.getParentNode().orElse(null);
    while (cur != null) {
      if (cur instanceof TypeDeclaration<?> t) {
        return Optional.of(t);
      }
      cur = cur.getParentNode().orElse(null);
    }
    return Optional.empty();
  }

  /** The field called {@code name} declared directly in {@code type}. */
  static Optional<VariableDeclarator> field(TypeDeclaration<?> type, String name) {
    for (FieldDeclaration fd : type.getFields()) {
      for (VariableDeclarator v : fd.getVariables()) {
        if (v.getNameAsString().equals(name)) {
          return Optional.of(v);
        }
      }
    }
    return Optional.empty();
  }

  /** The field a monitor or receiver expression names: {@code x} or {@code this.x}, looked up outwards. */
  static Optional<VariableDeclarator> fieldNamed(Expression e) {
    String name = fieldName(e).orElse(null);
    if (name == null) {
      return Optional.empty();
    }
    Node cur = e;
    while (true) {
      Optional<TypeDeclaration<?>> t = enclosingType(cur);
      if (t.isEmpty()) {
        return Optional.empty();
      }
      Optional<VariableDeclarator> v = field(t.get(), name);
      if (v.isPresent()) {
        return v;
      }
      if (e.isFieldAccessExpr()) {
        return Optional.empty();
      }
      cur = t.get();
    }
  }

  /** {@code x} for {@code x} and {@code this.x} / {@code Outer.this.x}. */
  static Optional<String> fieldName(Expression e) {
    if (e instanceof NameExpr n) {
      return Optional.of(n.getNameAsString());
    }
    if (e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr) {
      return Optional.of(f.getNameAsString());
    }
    return Optional.empty();
  }

  /** True when {@code e} is {@code name} or {@code this.name}. */
  static boolean isFieldRef(Expression e, String name) {
    return fieldName(e).filter(name::equals).isPresent();
  }

  /** Locals, parameters and fields of nested types called {@code name} inside {@code type}, other than {@code field}. */
  static boolean shadowed(TypeDeclaration<?> type, String name, VariableDeclarator field) {
    for (Parameter p : type.findAll(Parameter.class)) {
      if (p.getNameAsString().equals(name)) {
        return true;
      }
    }
    for (VariableDeclarator v : type.findAll(VariableDeclarator.class)) {
      if (v != field && v.getNameAsString().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Every {@code name} / {@code this.name} expression in {@code root}, and the other field accesses named so. */
  static List<Expression> references(Node root, String name, List<FieldAccessExpr> foreign) {
    List<Expression> out = new ArrayList<>();
    root.walk(n -> {
      if (n instanceof NameExpr ne && ne.getNameAsString().equals(name)) {
        out.add(ne);
      } else if (n instanceof FieldAccessExpr fa && fa.getNameAsString().equals(name)) {
        if (fa.getScope() instanceof ThisExpr) {
          out.add(fa);
        } else {
          foreign.add(fa);
        }
      }
    });
    return out;
  }

  /** True when any name {@code name} (or {@code this.name}) occurs inside {@code e}. */
  static boolean mentions(Node e, String name) {
    return e.findFirst(NameExpr.class, n -> n.getNameAsString().equals(name)).isPresent()
        || e.findFirst(FieldAccessExpr.class, f -> f.getNameAsString().equals(name) && f.getScope() instanceof ThisExpr).isPresent();
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
