package dev.threadlint.core.program;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.PatternExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.Type;
import java.util.Optional;

/**
 * Fast, name-based answers to "what is this name": a local variable, a parameter, a field of an
 * enclosing type, or a type. No symbol solver: this answers most questions rules ask in
 * microseconds, and returns empty where the answer needs real resolution.
 */
public final class LocalTypes {
  private final Program program;
  /** Per file: does it contain any type pattern at all? Most files do not, and then pattern scopes need no search. */
  private final java.util.Map<com.github.javaparser.ast.CompilationUnit, Boolean> hasPatterns = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  LocalTypes(Program program) {
    this.program = program;
  }

  /** What a simple name refers to at a use site. */
  public sealed interface Binding permits Local, FieldRef, TypeRef {}

  /** A local variable, parameter, pattern or catch variable, with its declared type ({@code var} → initializer's type when evident). */
  public record Local(String name, Node declaration, Optional<Type> type) implements Binding {}

  public record FieldRef(FieldModel field) implements Binding {}

  public record TypeRef(String simpleName, Optional<TypeModel> model) implements Binding {}

  /** Binds a simple name used at {@code use}. */
  public Optional<Binding> bind(NameExpr use) {
    return bindName(use, use.getNameAsString());
  }

  /**
   * The variable a method reference's scope names: {@code helper::flush} is parsed with a type
   * expression as its scope, which may be a local or a field. Empty when it is not a variable.
   */
  public Optional<Binding> bindReferenceScope(com.github.javaparser.ast.expr.TypeExpr scope) {
    if (!(scope.getType() instanceof com.github.javaparser.ast.type.ClassOrInterfaceType ct) || ct.getScope().isPresent()
        || ct.getTypeArguments().isPresent()) {
      return Optional.empty();
    }
    return bindName(scope, ct.getNameAsString()).filter(b -> !(b instanceof TypeRef));
  }

  private Optional<Binding> bindName(Node use, String name) {
    Optional<Local> local = findLocal(use, name);
    if (local.isPresent()) {
      return Optional.of(local.get());
    }
    Optional<FieldModel> f = fieldInScope(use, name);
    if (f.isPresent()) {
      return Optional.of(new FieldRef(f.get()));
    }
    if (!name.isEmpty() && Character.isUpperCase(name.charAt(0))) {
      TypeModel ctx = program.enclosingType(use).orElse(null);
      return Optional.of(new TypeRef(name, program.lookupType(name, ctx)));
    }
    return Optional.empty();
  }

  /** The field a field access or simple name denotes, when it is a field of a scanned type. */
  public Optional<FieldModel> fieldOf(Expression e) {
    if (e instanceof NameExpr n) {
      return bind(n).filter(FieldRef.class::isInstance).map(b -> ((FieldRef) b).field());
    }
    if (e instanceof FieldAccessExpr fa) {
      Expression scope = fa.getScope();
      String name = fa.getNameAsString();
      if (scope instanceof ThisExpr t) {
        TypeModel owner = t.getTypeName().isPresent()
            ? program.lookupType(t.getTypeName().get().asString(), program.enclosingType(fa).orElse(null)).orElse(null)
            : program.enclosingType(fa).orElse(null);
        return owner == null ? Optional.empty() : fieldInHierarchy(owner, name);
      }
      if (scope instanceof SuperExpr) {
        return program.enclosingType(fa).flatMap(t -> t.supertypes().stream().map(s -> fieldInHierarchy(s, name)).flatMap(Optional::stream).findFirst());
      }
      return typeOf(scope).flatMap(t -> fieldInHierarchy(t, name));
    }
    return Optional.empty();
  }

  /** The scanned type of an expression, when evident from declarations (no symbol solver). */
  public Optional<TypeModel> typeOf(Expression e) {
    TypeModel ctx = program.enclosingType(e).orElse(null);
    return typeName(e).flatMap(n -> program.lookupType(n, ctx));
  }

  /** The erased simple type name of an expression, when evident from declarations. */
  public Optional<String> typeName(Expression e) {
    if (e instanceof EnclosedExpr en) {
      return typeName(en.getInner());
    }
    if (e instanceof CastExpr c) {
      return Optional.of(TypeNames.erasedSimpleName(c.getType()));
    }
    if (e instanceof ObjectCreationExpr o) {
      return Optional.of(o.getType().getNameAsString());
    }
    if (e instanceof ThisExpr t) {
      if (t.getTypeName().isPresent()) {
        return Optional.of(t.getTypeName().get().getIdentifier());
      }
      return program.enclosingType(e).map(TypeModel::simpleName);
    }
    if (e instanceof NameExpr || e instanceof com.github.javaparser.ast.expr.TypeExpr) {
      Optional<Binding> b = e instanceof NameExpr n ? bind(n) : bindReferenceScope((com.github.javaparser.ast.expr.TypeExpr) e);
      if (b.isEmpty()) {
        return Optional.empty();
      }
      if (b.get() instanceof Local l) {
        return l.type().map(TypeNames::erasedSimpleName);
      }
      if (b.get() instanceof FieldRef f) {
        return Optional.of(f.field().typeName());
      }
      if (b.get() instanceof TypeRef t) {
        return Optional.of(t.simpleName());
      }
    }
    if (e instanceof FieldAccessExpr fa) {
      Optional<FieldModel> f = fieldOf(e);
      if (f.isPresent()) {
        return Optional.of(f.get().typeName());
      }
      return memberTypeName(fa);
    }
    if (e instanceof MethodCallExpr mc) {
      return program.callGraph().targetsOf(mc).stream()
          .map(MethodModel::node)
          .filter(com.github.javaparser.ast.body.MethodDeclaration.class::isInstance)
          .map(n -> TypeNames.erasedSimpleName(((com.github.javaparser.ast.body.MethodDeclaration) n).getType()))
          .findFirst();
    }
    return Optional.empty();
  }

  /**
   * {@code Type.CONSTANT} of a scanned enum is of that enum; {@code Outer.Inner} names a scanned
   * member type (as the scope of a call or of a further access).
   */
  private Optional<String> memberTypeName(FieldAccessExpr fa) {
    String name = fa.getNameAsString();
    Optional<TypeModel> scope = typeOf(fa.getScope());
    if (scope.isEmpty()) {
      return Optional.empty();
    }
    TypeModel t = scope.get();
    if (t.node() instanceof com.github.javaparser.ast.body.EnumDeclaration ed
        && ed.getEntries().stream().anyMatch(c -> c.getNameAsString().equals(name))) {
      return Optional.of(t.qualifiedName());
    }
    if (!name.isEmpty() && Character.isUpperCase(name.charAt(0))) {
      return program.lookupType(t.qualifiedName() + "." + name, t).filter(m -> m.outer().orElse(null) == t).map(TypeModel::qualifiedName);
    }
    return Optional.empty();
  }

  /**
   * Every value stored in a local variable or a field, as far as the program shows: its
   * initializer and the assignments to it (in the local's scope; for a field, anywhere in its
   * top-level class). Empty when the variable is a parameter, or a field that code outside its
   * class may assign (not private and not final).
   */
  public Optional<java.util.List<Expression>> storedValues(Binding b) {
    java.util.List<Expression> out = new java.util.ArrayList<>();
    if (b instanceof Local l) {
      if (!(l.declaration() instanceof VariableDeclarator v)) {
        return Optional.empty();
      }
      v.getInitializer().ifPresent(out::add);
      Node scope = v.getParentNode().flatMap(Node::getParentNode).flatMap(Node::getParentNode).orElse(null);
      if (scope != null) {
        for (com.github.javaparser.ast.expr.AssignExpr a : scope.findAll(com.github.javaparser.ast.expr.AssignExpr.class)) {
          if (a.getTarget() instanceof NameExpr n && n.getNameAsString().equals(v.getNameAsString())
              && bind(n).filter(x -> x instanceof Local ll && ll.declaration() == v).isPresent()) {
            out.add(a.getValue());
          }
        }
      }
      return Optional.of(out);
    }
    if (b instanceof FieldRef f) {
      return fieldValues.computeIfAbsent(f.field(), this::fieldValues);
    }
    return Optional.empty();
  }

  private final java.util.Map<FieldModel, Optional<java.util.List<Expression>>> fieldValues = new java.util.concurrent.ConcurrentHashMap<>();

  private Optional<java.util.List<Expression>> fieldValues(FieldModel field) {
    if (!field.isFinal() && !field.declaration().isPrivate()) {
      return Optional.empty();
    }
    java.util.List<Expression> out = new java.util.ArrayList<>();
    field.variable().getInitializer().ifPresent(out::add);
    TypeModel top = field.owner();
    while (top.outer().isPresent()) {
      top = top.outer().get();
    }
    top.declaration().ifPresent(d -> {
      for (com.github.javaparser.ast.expr.AssignExpr a : d.findAll(com.github.javaparser.ast.expr.AssignExpr.class)) {
        if (fieldOf(unwrap(a.getTarget())).orElse(null) == field) {
          out.add(a.getValue());
        }
      }
    });
    return Optional.of(java.util.List.copyOf(out));
  }

  /** The binding of a name or {@code this.f}, if any. */
  public Optional<Binding> bindingOf(Expression e) {
    Expression x = unwrap(e);
    if (x instanceof NameExpr n) {
      return bind(n);
    }
    if (x instanceof FieldAccessExpr fa && unwrap(fa.getScope()) instanceof ThisExpr) {
      return fieldOf(x).map(FieldRef::new);
    }
    return Optional.empty();
  }

  private static Expression unwrap(Expression e) {
    Expression x = e;
    while (x instanceof EnclosedExpr en) {
      x = en.getInner();
    }
    return x;
  }

  /** A field visible by simple name at {@code use}: of the enclosing types and their supertypes. */
  public Optional<FieldModel> fieldInScope(Node use, String name) {
    for (TypeModel t = program.enclosingType(use).orElse(null); t != null; t = t.outer().orElse(null)) {
      Optional<FieldModel> f = fieldInHierarchy(t, name);
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  public Optional<FieldModel> fieldInHierarchy(TypeModel type, String name) {
    java.util.ArrayDeque<TypeModel> queue = new java.util.ArrayDeque<>();
    java.util.Set<TypeModel> seen = new java.util.HashSet<>();
    queue.add(type);
    while (!queue.isEmpty()) {
      TypeModel t = queue.poll();
      if (!seen.add(t)) {
        continue;
      }
      Optional<FieldModel> f = t.field(name);
      if (f.isPresent()) {
        return f;
      }
      queue.addAll(t.supertypes());
    }
    return Optional.empty();
  }

  /** Finds the nearest declaration of a local named {@code name} visible at {@code use}. */
  /**
   * How many enclosing nodes a name lookup climbs. Real code nests a few dozen levels; machine-made
   * files can nest thousands, where an unbounded climb per name would make analysis quadratic.
   */
  static final int MAX_SCOPE_DEPTH = 2_000;

  private Optional<Local> findLocal(Node use, String name) {
    boolean patterns = use.findCompilationUnit().map(cu -> hasPatterns.computeIfAbsent(cu, u -> u.findFirst(PatternExpr.class).isPresent())).orElse(true);
    Node child = use;
    Node n = use.getParentNode().orElse(null);
    int steps = 0;
    while (n != null) {
      if (++steps > MAX_SCOPE_DEPTH) {
        return Optional.empty(); // generated code nested deeper than any real scope: degrade to "unknown"
      }
      // crossing into an enclosing class body is fine: local and anonymous classes see the
      // (effectively final) locals of the code around them
      if (n instanceof LambdaExpr l) {
        for (Parameter p : l.getParameters()) {
          if (p.getNameAsString().equals(name)) {
            return Optional.of(new Local(name, p, p.getType().isUnknownType() ? Optional.empty() : Optional.of(p.getType())));
          }
        }
      } else if (n instanceof CallableDeclaration<?> c) {
        for (Parameter p : c.getParameters()) {
          if (p.getNameAsString().equals(name)) {
            return Optional.of(new Local(name, p, Optional.of(p.getType())));
          }
        }
      } else if (n instanceof CatchClause cc) {
        Parameter p = cc.getParameter();
        if (p.getNameAsString().equals(name)) {
          return Optional.of(new Local(name, p, Optional.of(p.getType())));
        }
      } else if (n instanceof ForEachStmt fe) {
        Optional<Local> l = inDeclExpr(fe.getVariable(), name);
        if (l.isPresent()) {
          return l;
        }
      } else if (n instanceof ForStmt fs) {
        for (Expression init : fs.getInitialization()) {
          if (init instanceof VariableDeclarationExpr vde) {
            Optional<Local> l = inDeclExpr(vde, name);
            if (l.isPresent()) {
              return l;
            }
          }
        }
      } else if (n instanceof TryStmt ts) {
        for (Expression r : ts.getResources()) {
          if (r instanceof VariableDeclarationExpr vde) {
            Optional<Local> l = inDeclExpr(vde, name);
            if (l.isPresent()) {
              return l;
            }
          }
        }
      } else if (n instanceof BlockStmt block) {
        for (Statement s : block.getStatements()) {
          if (s == child) {
            break;
          }
          Optional<Local> l = declaredIn(s, name, patterns);
          if (l.isPresent()) {
            return l;
          }
        }
      }
      if (patterns) {
        Optional<Local> pattern = patternIn(n, child, name);
        if (pattern.isPresent()) {
          return pattern;
        }
      }
      child = n;
      n = n.getParentNode().orElse(null);
    }
    return Optional.empty();
  }

  private static Optional<Local> declaredIn(Statement s, String name, boolean patterns) {
    if (s.isExpressionStmt() && s.asExpressionStmt().getExpression() instanceof VariableDeclarationExpr vde) {
      return inDeclExpr(vde, name);
    }
    if (s.isLocalClassDeclarationStmt() || s.isLocalRecordDeclarationStmt()) {
      return Optional.empty();
    }
    if (!patterns) {
      return Optional.empty();
    }
    // pattern variables introduced by `if (!(x instanceof T t)) return;` flow into the block
    for (TypePatternExpr p : s.findAll(TypePatternExpr.class, q -> q.getNameAsString().equals(name))) {
      if (!p.findAncestor(LambdaExpr.class).isPresent()) {
        return Optional.of(new Local(name, p, Optional.of(p.getType())));
      }
    }
    return Optional.empty();
  }

  private static Optional<Local> patternIn(Node n, Node child, String name) {
    if (!(n instanceof Expression) && !(n instanceof Statement)) {
      return Optional.empty();
    }
    for (Node sibling : n.getChildNodes()) {
      if (sibling == child) {
        break;
      }
      for (PatternExpr p : sibling.findAll(PatternExpr.class)) {
        if (p instanceof TypePatternExpr tp && tp.getNameAsString().equals(name)) {
          return Optional.of(new Local(name, tp, Optional.of(tp.getType())));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Local> inDeclExpr(VariableDeclarationExpr vde, String name) {
    for (VariableDeclarator v : vde.getVariables()) {
      if (v.getNameAsString().equals(name)) {
        Type t = v.getType();
        if (t.isVarType()) {
          Optional<Type> inferred = v.getInitializer()
              .filter(ObjectCreationExpr.class::isInstance)
              .map(i -> (Type) ((ObjectCreationExpr) i).getType());
          return Optional.of(new Local(name, v, inferred));
        }
        return Optional.of(new Local(name, v, Optional.of(t)));
      }
    }
    return Optional.empty();
  }
}
