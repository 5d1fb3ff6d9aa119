package dev.threadlint.rules.races;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.threadlint.core.analysis.ConcurrencyModel;
import dev.threadlint.core.analysis.Locks;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeModel;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code this} escaping from a constructor to another thread before the object is complete:
 * starting a thread or submitting a task that uses {@code this}, registering {@code this} (or an
 * inner listener) with another object, or storing {@code this} in a static field or collection.
 * Reported only when the object can still change after the escape: fields are assigned after
 * it, or the class is not final (a subclass constructor runs after it).
 */
@RuleInfo(
    id = "this-escape",
    title = "'this' escapes from a constructor to other threads before the object is complete",
    severity = Severity.WARNING,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "unsafe-publication")
public final class ThisEscape implements Rule {
  private static final Pattern REGISTER = Pattern.compile("(add|register|subscribe|attach|listen|put|offer|push|enqueue)\\w*");
  private static final Pattern LISTENER = Pattern.compile("(add\\w*(Listener|Observer|Handler|Callback|Hook)|register\\w*|subscribe\\w*|on\\w+)");

  @Override
  public void prepare(dev.threadlint.core.program.Program program) {
    dev.threadlint.core.analysis.ConcurrencyModel.of(program);
  }

  @Override
  public void checkFile(FileContext ctx) {
    Program program = ctx.program();
    ConcurrencyModel model = ConcurrencyModel.of(program);
    for (ConstructorDeclaration ctor : ctx.findAll(ConstructorDeclaration.class)) {
      Optional<TypeModel> type = program.enclosingType(ctor.getBody());
      if (type.isEmpty()) {
        continue;
      }
      for (Node n : ctor.getBody().findAll(Node.class, x -> x instanceof MethodCallExpr || x instanceof AssignExpr)) {
        if (!sameConstructor(n, ctor)) {
          continue;
        }
        String why = escape(program, model, type.get(), n);
        if (why == null || !canChangeAfter(program, type.get(), ctor, n)) {
          continue;
        }
        ctx.finding(n, "'this' escapes from the constructor of '" + type.get().simpleName() + "': " + why
                + ", so another thread can see the object before its constructor has finished")
            .evidence(n, why)
            .suggestion("Finish construction first: move this into a static factory or a start() method called after the constructor returns")
            .report();
      }
    }
  }

  private static boolean sameConstructor(Node n, ConstructorDeclaration ctor) {
    for (Node p = n.getParentNode().orElse(null); p != null && p != ctor; p = p.getParentNode().orElse(null)) {
      if (p instanceof LambdaExpr || p instanceof com.github.javaparser.ast.body.TypeDeclaration<?>
          || p instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()) {
        return false;
      }
    }
    return true;
  }

  /** Why {@code n} lets {@code this} escape, or null. */
  private static String escape(Program program, ConcurrencyModel model, TypeModel type, Node n) {
    if (n instanceof AssignExpr a) {
      Optional<FieldModel> f = RaceSupport.field(program, a.getTarget());
      if (f.isPresent() && f.get().isStatic() && Locks.unwrap(a.getValue()) instanceof ThisExpr) {
        return "it is stored in static field '" + f.get().name() + "'";
      }
      return null;
    }
    MethodCallExpr mc = (MethodCallExpr) n;
    String name = mc.getNameAsString();
    if (name.equals("start") && mc.getArguments().isEmpty()) {
      if (mc.getScope().isEmpty() || mc.getScope().get() instanceof ThisExpr) {
        return type.isSubtypeOf("Thread") ? "the thread it is starts itself" : null;
      }
      Expression thread = threadExpression(program, mc.getScope().get());
      if (thread instanceof ObjectCreationExpr oce && (oce.getType().getNameAsString().equals("Thread") || program.lookupType(oce.getType().getNameAsString(), type).map(t -> t.isSubtypeOf("Thread")).orElse(false))) {
        if (oce.getAnonymousClassBody().isPresent() || oce.getArguments().stream().anyMatch(x -> capturesThis(program, x))) {
          return "a thread that uses 'this' is started";
        }
      }
      return null;
    }
    if (model.isLaunch(mc)) {
      return mc.getArguments().stream().anyMatch(x -> capturesThis(program, x)) ? "a task that uses 'this' is handed to " + name + "(..)" : null;
    }
    if (mc.getScope().isEmpty() || mc.getScope().get() instanceof ThisExpr || mc.getScope().get() instanceof SuperExpr) {
      return null;
    }
    for (Expression arg : mc.getArguments()) {
      Expression x = Locks.unwrap(arg);
      if (x instanceof ThisExpr t && t.getTypeName().isEmpty() && REGISTER.matcher(name).matches()) {
        return "it is passed to " + mc.getScope().get() + "." + name + "(..)";
      }
      if ((x instanceof LambdaExpr || x instanceof MethodReferenceExpr || x instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent())
          && LISTENER.matcher(name).matches() && capturesThis(program, x)) {
        return "a listener that uses 'this' is registered with " + mc.getScope().get() + "." + name + "(..)";
      }
    }
    return null;
  }

  private static Expression threadExpression(Program program, Expression scope) {
    Expression s = Locks.unwrap(scope);
    if (s instanceof NameExpr n) {
      Optional<LocalTypes.Binding> b = program.localTypes().bind(n);
      if (b.isPresent() && b.get() instanceof LocalTypes.Local l && l.declaration() instanceof VariableDeclarator v && v.getInitializer().isPresent()) {
        return Locks.unwrap(v.getInitializer().get());
      }
      if (b.isPresent() && b.get() instanceof LocalTypes.FieldRef f) {
        return fieldInitializer(f.field(), n);
      }
    }
    if (s instanceof FieldAccessExpr fa) {
      Optional<FieldModel> f = program.localTypes().fieldOf(fa);
      if (f.isPresent()) {
        return fieldInitializer(f.get(), fa);
      }
    }
    return s;
  }

  /** The value a field holds at a use in a constructor: the last assignment before it, or its initializer. */
  private static Expression fieldInitializer(FieldModel f, Node use) {
    Optional<ConstructorDeclaration> ctor = use.findAncestor(ConstructorDeclaration.class);
    Expression last = f.variable().getInitializer().orElse(null);
    if (ctor.isPresent()) {
      for (AssignExpr a : ctor.get().findAll(AssignExpr.class)) {
        Expression t = Locks.unwrap(a.getTarget());
        String name = t instanceof NameExpr n ? n.getNameAsString() : t instanceof FieldAccessExpr fa ? fa.getNameAsString() : "";
        if (name.equals(f.name()) && a.getBegin().isPresent() && use.getBegin().isPresent() && a.getBegin().get().isBefore(use.getBegin().get())) {
          last = a.getValue();
        }
      }
    }
    return last == null ? null : Locks.unwrap(last);
  }

  /** A lambda, method reference or anonymous class that uses the enclosing instance, or {@code this} itself. */
  static boolean capturesThis(Program program, Expression arg) {
    Expression x = Locks.unwrap(arg);
    if (x instanceof ThisExpr) {
      return true;
    }
    if (x instanceof ObjectCreationExpr o) {
      return o.getAnonymousClassBody().isPresent() || o.getArguments().stream().anyMatch(a -> capturesThis(program, a));
    }
    if (x instanceof MethodReferenceExpr ref) {
      return ref.getScope() instanceof ThisExpr || ref.getScope() instanceof SuperExpr;
    }
    if (x instanceof LambdaExpr l) {
      if (l.findFirst(ThisExpr.class).isPresent()) {
        return true;
      }
      if (l.findFirst(MethodCallExpr.class, c -> c.getScope().isEmpty() && !program.callGraph().targetsOf(c).isEmpty()
          && program.callGraph().targetsOf(c).stream().anyMatch(t -> !t.isStatic())).isPresent()) {
        return true;
      }
      return l.findFirst(NameExpr.class, nm -> program.localTypes().fieldOf(nm).map(f -> !f.isStatic()).orElse(false)).isPresent();
    }
    return false;
  }

  /** The object can still change after {@code at}: a field of it is assigned later, or a subclass constructor may run. */
  private static boolean canChangeAfter(Program program, TypeModel type, ConstructorDeclaration ctor, Node at) {
    if (!type.isFinal()) {
      return true;
    }
    for (AssignExpr a : ctor.getBody().findAll(AssignExpr.class)) {
      if (a.getBegin().isPresent() && at.getEnd().isPresent() && a.getBegin().get().isAfter(at.getEnd().get())) {
        Optional<FieldModel> f = RaceSupport.field(program, a.getTarget());
        if (f.isPresent() && !f.get().isStatic()) {
          return true;
        }
      }
    }
    return false;
  }
}
