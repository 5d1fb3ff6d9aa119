package dev.threadlint.core.program;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A code body: a method, a constructor, an initializer block, or a lambda. Lambdas and the members
 * of anonymous classes are bodies of their own (their code is not part of the enclosing method's
 * body), so that where they run — now on this thread, or later on another — can be decided per
 * body.
 */
public final class MethodModel {
  public enum Kind {
    METHOD,
    CONSTRUCTOR,
    INITIALIZER,
    STATIC_INITIALIZER,
    LAMBDA
  }

  private final TypeModel owner;
  private final Node node;
  private final Kind kind;
  private final String name;
  private final List<String> parameterNames;
  private final List<String> parameterTypes;
  private final MethodModel enclosing;

  MethodModel(TypeModel owner, Node node, Kind kind, String name, MethodModel enclosing) {
    this.owner = owner;
    this.node = node;
    this.kind = kind;
    this.name = name;
    this.enclosing = enclosing;
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    if (node instanceof CallableDeclaration<?> c) {
      for (Parameter p : c.getParameters()) {
        names.add(p.getNameAsString());
        types.add(TypeNames.erasedSimpleName(p.getType()) + (p.isVarArgs() ? "..." : ""));
      }
    } else if (node instanceof LambdaExpr l) {
      for (Parameter p : l.getParameters()) {
        names.add(p.getNameAsString());
        types.add(p.getType().isUnknownType() ? "?" : TypeNames.erasedSimpleName(p.getType()));
      }
    }
    this.parameterNames = List.copyOf(names);
    this.parameterTypes = List.copyOf(types);
  }

  public TypeModel owner() {
    return owner;
  }

  /** A {@link CallableDeclaration}, {@link InitializerDeclaration} or {@link LambdaExpr}. */
  public Node node() {
    return node;
  }

  public Kind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  /** For a lambda: the body it is written in. */
  public Optional<MethodModel> enclosing() {
    return Optional.ofNullable(enclosing);
  }

  public List<String> parameterNames() {
    return parameterNames;
  }

  public List<String> parameterTypes() {
    return parameterTypes;
  }

  public int arity() {
    return parameterNames.size();
  }

  public boolean isVarArgs() {
    return !parameterTypes.isEmpty() && parameterTypes.get(parameterTypes.size() - 1).endsWith("...");
  }

  /** The code of this body: a block, or a lambda's expression body. Empty for abstract methods. */
  public Optional<Node> body() {
    if (node instanceof MethodDeclaration m) {
      return m.getBody().map(b -> (Node) b);
    }
    if (node instanceof ConstructorDeclaration c) {
      return Optional.of(c.getBody());
    }
    if (node instanceof InitializerDeclaration i) {
      return Optional.of(i.getBody());
    }
    if (node instanceof LambdaExpr l) {
      return Optional.of(l.getBody());
    }
    return Optional.empty();
  }

  public boolean isSynchronized() {
    return node instanceof MethodDeclaration m && m.isSynchronized();
  }

  public boolean isStatic() {
    if (node instanceof MethodDeclaration m) {
      return m.isStatic();
    }
    return kind == Kind.STATIC_INITIALIZER;
  }

  public boolean isAbstract() {
    return node instanceof MethodDeclaration m && m.getBody().isEmpty();
  }

  public boolean isPublic() {
    if (node instanceof CallableDeclaration<?> c) {
      return c.isPublic() || (owner.isInterface() && !c.isPrivate());
    }
    return false;
  }

  public boolean isPrivate() {
    return node instanceof CallableDeclaration<?> c && c.isPrivate();
  }

  /** True when a subclass could override it: not private, static, final, nor in a final class. */
  public boolean isOverridable() {
    if (!(node instanceof MethodDeclaration m)) {
      return false;
    }
    return !m.isPrivate() && !m.isStatic() && !m.isFinal() && !owner.isFinal();
  }

  public Set<String> annotations() {
    if (node instanceof CallableDeclaration<?> c) {
      return Annotations.simpleNames(c.getAnnotations());
    }
    return Set.of();
  }

  public boolean isConstructor() {
    return kind == Kind.CONSTRUCTOR;
  }

  public boolean isLambda() {
    return kind == Kind.LAMBDA;
  }

  /** {@code Owner.name(T1,T2)} — unique within the program for declared methods. */
  public String signature() {
    return owner.qualifiedName() + "." + name + "(" + String.join(",", parameterTypes) + ")" + lambdaSuffix();
  }

  private String lambdaSuffix() {
    if (kind != Kind.LAMBDA) {
      return "";
    }
    return node.getRange().map(r -> "@" + r.begin.line + ":" + r.begin.column).orElse("");
  }

  /** {@code Owner.name}, as shown to users. */
  public String displayName() {
    return owner.simpleName() + "." + name;
  }

  /** The lambda or method reference node that created this body, if it is a lambda. */
  public Optional<LambdaExpr> lambda() {
    return node instanceof LambdaExpr l ? Optional.of(l) : Optional.empty();
  }

  public Optional<BlockStmt> block() {
    return body().filter(BlockStmt.class::isInstance).map(BlockStmt.class::cast);
  }

  @Override
  public String toString() {
    return signature();
  }
}
