package dev.threadlint.core.engine;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the incremental cache needs to know about one parsed file to decide which other files its
 * findings may depend on (see {@link DependencyComponents}). Everything here over-approximates:
 * a name that is not really a type reference only makes components larger, never wrong.
 *
 * @param declared simple names of the types the file declares (top-level, nested, local)
 * @param supertypes simple names written after {@code extends}/{@code implements} and of anonymous
 *     classes' instantiated types
 * @param mentions every identifier in the file (type names, names and scopes of expressions,
 *     import and package segments, method names, annotation arguments) plus identifier-like words
 *     in annotation string values ({@code @GuardedBy("Other.lock")}); the names of annotations
 *     themselves ({@code @Foo}) are left out: the analyses match annotations by simple name and
 *     never read an annotation type's declaration
 * @param calledMethods names of every method the file calls
 * @param declaredMethods every method the file declares, as {@code name/arity} or
 *     {@code name/arity+} for a varargs method (a call with at least arity − 1 arguments matches)
 * @param scopedCalls calls with an explicit receiver, {@code name/arity} → count (a receiver whose
 *     type is not evident may cost a symbol-solver query, which the call graph budgets per scan)
 * @param packageName the package declared, or empty
 * @param qualifiedTypes qualified names of the named types declared ({@code p.Outer.Inner})
 */
record FileFacts(
    String packageName,
    Set<String> qualifiedTypes,
    Set<String> declared,
    Set<String> supertypes,
    Set<String> mentions,
    Set<String> calledMethods,
    Set<String> declaredMethods,
    Map<String, Integer> scopedCalls) {

  static final FileFacts NONE = new FileFacts("", Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Map.of());

  private static final Pattern WORD = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

  FileFacts {
    packageName = packageName == null ? "" : packageName;
    // sorted, so that the cache file is the same for the same sources
    qualifiedTypes = sorted(qualifiedTypes);
    declared = sorted(declared);
    supertypes = sorted(supertypes);
    mentions = sorted(mentions);
    calledMethods = sorted(calledMethods);
    declaredMethods = sorted(declaredMethods);
    scopedCalls = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(scopedCalls));
  }

  private static Set<String> sorted(Set<String> names) {
    return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }

  /** Collects the facts of a parsed file; iterative, so deep nesting cannot exhaust the stack. */
  static FileFacts of(CompilationUnit unit) {
    Set<String> declared = new TreeSet<>();
    Set<String> qualified = new TreeSet<>();
    Set<String> supers = new TreeSet<>();
    Set<String> mentions = new TreeSet<>();
    Set<String> called = new TreeSet<>();
    Set<String> methods = new TreeSet<>();
    Map<String, Integer> scoped = new TreeMap<>();
    Deque<Node> stack = new ArrayDeque<>();
    stack.push(unit);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n instanceof SimpleName s) {
        mentions.add(s.getIdentifier());
      } else if (n instanceof Name nm) {
        mentions.add(nm.getIdentifier());
      } else if (n instanceof TypeDeclaration<?> td) {
        declared.add(td.getNameAsString());
        td.getFullyQualifiedName().ifPresent(qualified::add);
        superNames(td, supers);
      } else if (n instanceof ObjectCreationExpr oce && oce.getAnonymousClassBody().isPresent()) {
        supers.add(oce.getType().getNameAsString());
      } else if (n instanceof MethodCallExpr mc) {
        called.add(mc.getNameAsString());
        if (mc.getScope().isPresent()) {
          scoped.merge(mc.getNameAsString() + "/" + mc.getArguments().size(), 1, Integer::sum);
        }
      } else if (n instanceof StringLiteralExpr || n instanceof TextBlockLiteralExpr) {
        if (insideAnnotation(n)) {
          String text = n instanceof StringLiteralExpr sl ? sl.getValue() : ((TextBlockLiteralExpr) n).getValue();
          Matcher m = WORD.matcher(text);
          while (m.find()) {
            mentions.add(m.group());
          }
        }
      }
      if (n instanceof MethodDeclaration md) {
        methods.add(md.getNameAsString() + "/" + md.getParameters().size() + (isVarArgs(md) ? "+" : ""));
      }
      List<Node> children = n.getChildNodes();
      for (int i = children.size() - 1; i >= 0; i--) {
        Node child = children.get(i);
        // an annotation's own name is matched by simple name and never resolved to its declaration
        // (see DependencyComponents); its arguments are ordinary code
        if (n instanceof AnnotationExpr a && child == a.getName()) {
          continue;
        }
        stack.push(child);
      }
    }
    String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    return new FileFacts(pkg, qualified, declared, supers, mentions, called, methods, scoped);
  }

  private static boolean isVarArgs(CallableDeclaration<?> c) {
    return !c.getParameters().isEmpty() && c.getParameters().getLast().map(p -> p.isVarArgs()).orElse(false);
  }

  private static void superNames(TypeDeclaration<?> td, Set<String> out) {
    List<ClassOrInterfaceType> types = new java.util.ArrayList<>();
    if (td instanceof ClassOrInterfaceDeclaration c) {
      types.addAll(c.getExtendedTypes());
      types.addAll(c.getImplementedTypes());
    } else if (td instanceof EnumDeclaration e) {
      types.addAll(e.getImplementedTypes());
    } else if (td instanceof RecordDeclaration r) {
      types.addAll(r.getImplementedTypes());
    }
    for (ClassOrInterfaceType t : types) {
      out.add(t.getNameAsString());
    }
  }

  private static boolean insideAnnotation(Node n) {
    for (Node p = n.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof AnnotationExpr) {
        return true;
      }
    }
    return false;
  }

  /** Whether a call {@code name/arity} finds a declaration among {@code declaredMethods} (the call graph's gate). */
  static boolean declares(Set<String> declaredMethods, String call) {
    int slash = call.lastIndexOf('/');
    String name = call.substring(0, slash);
    int arity = Integer.parseInt(call.substring(slash + 1));
    if (declaredMethods.contains(call)) {
      return true;
    }
    for (int a = 0; a <= arity + 1; a++) {
      if (declaredMethods.contains(name + "/" + a + "+") && arity >= a - 1) {
        return true;
      }
    }
    return false;
  }
}
