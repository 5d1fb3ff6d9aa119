package dev.threadlint.core.program;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Annotation helpers that work on names, so they do not need symbol resolution. */
public final class Annotations {
  private Annotations() {}

  public static Set<String> simpleNames(NodeList<AnnotationExpr> annotations) {
    Set<String> out = new LinkedHashSet<>();
    for (AnnotationExpr a : annotations) {
      out.add(simpleName(a));
    }
    return Set.copyOf(out);
  }

  public static String simpleName(AnnotationExpr a) {
    String n = a.getNameAsString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? n : n.substring(dot + 1);
  }

  /** The {@code value} (or named) member of an annotation, when present. */
  public static Optional<Expression> member(AnnotationExpr a, String name) {
    if (a instanceof SingleMemberAnnotationExpr s && name.equals("value")) {
      return Optional.of(s.getMemberValue());
    }
    if (a instanceof NormalAnnotationExpr n) {
      for (MemberValuePair p : n.getPairs()) {
        if (p.getNameAsString().equals(name)) {
          return Optional.of(p.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /** String literal values of an annotation member, whether a single literal or an array. */
  public static List<String> stringValues(AnnotationExpr a, String name) {
    List<String> out = new ArrayList<>();
    member(a, name).ifPresent(e -> collectStrings(e, out));
    return out;
  }

  private static void collectStrings(Expression e, List<String> out) {
    if (e instanceof StringLiteralExpr s) {
      out.add(s.asString());
    } else if (e instanceof ArrayInitializerExpr arr) {
      for (Expression v : arr.getValues()) {
        collectStrings(v, out);
      }
    }
  }
}
