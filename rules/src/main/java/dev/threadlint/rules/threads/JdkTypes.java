package dev.threadlint.rules.threads;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.program.TypeModel;
import java.util.Optional;

/**
 * Cheap answers to "is this expression known to be a JDK thread or executor type" for the
 * thread-misuse rules. Names only (declared types, creation expressions, the file's imports); an
 * expression whose type is not evident answers false, so the rules stay silent on it.
 */
final class JdkTypes {
  static final String THREAD = "java.lang.Thread";

  private JdkTypes() {}

  /** Whether {@code e} is evidently a {@code java.lang.Thread} (or a subclass of it, scanned or library). */
  static boolean isThread(RuleContext ctx, Expression e) {
    return isA(ctx, e, THREAD);
  }

  /** Whether {@code e} is evidently of the library type {@code qualifiedSuper} or a subtype (scanned or library). */
  static boolean isA(RuleContext ctx, Expression e, String qualifiedSuper) {
    while (e instanceof EnclosedExpr en) {
      e = en.getInner();
    }
    if (e instanceof ArrayAccessExpr aa) {
      // threads[i]: the element type of an array whose declared type is evident
      Optional<String> array = ctx.program().localTypes().typeName(aa.getName());
      if (array.isEmpty() || !array.get().endsWith("[]")) {
        return false;
      }
      String element = array.get().substring(0, array.get().length() - 2);
      if (element.endsWith("[]")) {
        return false;
      }
      Optional<TypeModel> scanned = ctx.program().lookupType(element, ctx.program().enclosingType(e).orElse(null));
      return scanned.isPresent() ? isScannedSubtype(ctx, scanned.get(), qualifiedSuper) : isLibrarySubtype(ctx, element, e, qualifiedSuper);
    }
    Optional<String> name = ctx.program().localTypes().typeName(e);
    if (name.isEmpty() || name.get().equals("var") || name.get().endsWith("[]")) {
      return false;
    }
    Optional<TypeModel> scanned = ctx.program().localTypes().typeOf(e);
    if (scanned.isPresent()) {
      return isScannedSubtype(ctx, scanned.get(), qualifiedSuper);
    }
    return isLibrarySubtype(ctx, name.get(), e, qualifiedSuper);
  }

  /** Whether a scanned type extends {@code java.lang.Thread}, directly or through scanned or library supertypes. */
  static boolean isScannedThread(RuleContext ctx, TypeModel type, Node context) {
    return isScannedSubtype(ctx, type, THREAD);
  }

  /** Whether a scanned type is a subtype of the library type {@code qualifiedSuper}, through scanned or library supertypes. */
  static boolean isScannedSubtype(RuleContext ctx, TypeModel type, String qualifiedSuper) {
    java.util.ArrayDeque<TypeModel> queue = new java.util.ArrayDeque<>();
    java.util.Set<TypeModel> seen = new java.util.HashSet<>();
    queue.add(type);
    while (!queue.isEmpty()) {
      TypeModel t = queue.poll();
      if (!seen.add(t)) {
        continue;
      }
      for (String superName : t.supertypeNames()) {
        boolean scannedSuper = t.supertypes().stream().anyMatch(s -> s.simpleName().equals(simple(superName)));
        if (!scannedSuper && t.node() != null && isLibrarySubtype(ctx, superName, t.node(), qualifiedSuper)) {
          return true;
        }
      }
      queue.addAll(t.supertypes());
    }
    return false;
  }

  /**
   * Whether {@code typeName}, used at {@code context}, names a library (not scanned) type that is
   * {@code qualifiedSuper} or a subtype of it.
   */
  static boolean isLibrarySubtype(RuleContext ctx, String typeName, Node context, String qualifiedSuper) {
    TypeModel enclosing = ctx.program().enclosingType(context).orElse(null);
    if (ctx.program().lookupType(typeName, enclosing).isPresent()) {
      return false; // a scanned type that happens to share the name
    }
    return ctx.program().resolver().isSubtypeOfName(typeName, context, qualifiedSuper);
  }

  /** Whether a creation expression creates exactly the library type {@code qualifiedName} (or an anonymous subclass of it). */
  static boolean creates(RuleContext ctx, ObjectCreationExpr creation, String qualifiedName) {
    String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    String written = creation.getType().getNameWithScope();
    if (!written.equals(simple) && !written.equals(qualifiedName)) {
      return false;
    }
    return isLibrarySubtype(ctx, written, creation, qualifiedName);
  }

  static String simple(String name) {
    String n = name.contains("<") ? name.substring(0, name.indexOf('<')) : name;
    return n.substring(n.lastIndexOf('.') + 1);
  }
}
