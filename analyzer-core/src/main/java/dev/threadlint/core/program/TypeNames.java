package dev.threadlint.core.program;

import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;

/** Name-level views of declared types, for analysis that must not depend on resolution. */
public final class TypeNames {
  private TypeNames() {}

  /** {@code java.util.Map<K,V>} → {@code Map}; {@code int[]} → {@code int[]}. */
  public static String erasedSimpleName(Type type) {
    if (type instanceof ClassOrInterfaceType c) {
      return c.getNameAsString();
    }
    if (type instanceof ArrayType a) {
      return erasedSimpleName(a.getComponentType()) + "[]";
    }
    return type.asString();
  }

  /** {@code java.util.Map} → {@code Map}. */
  public static String simpleOf(String qualified) {
    int lt = qualified.indexOf('<');
    String s = lt < 0 ? qualified : qualified.substring(0, lt);
    int dot = s.lastIndexOf('.');
    return dot < 0 ? s : s.substring(dot + 1);
  }
}
