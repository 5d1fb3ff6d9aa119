package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.LocalTypes;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeModel;
import dev.threadlint.core.program.TypeNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field idioms that are thread-safe by design although their plain accesses look racy:
 *
 * <ul>
 *   <li><b>CAS-managed fields</b>: named by an {@code Atomic*FieldUpdater.newUpdater(.., "f")},
 *       a {@code VarHandle} lookup ({@code findVarHandle(.., "f", ..)}) or an {@code Unsafe} offset
 *       ({@code getDeclaredField("f")}). Their updates go through compare-and-set; plain volatile
 *       reads are part of the protocol;
 *   <li><b>racy single-check lazy initialization of an immutable value</b>: the field's only write
 *       outside constructors is {@code f = compute()} under {@code if (f == null)} (or
 *       {@code == 0}), and the value is immutable (a primitive other than long/double, a String or
 *       other immutable type, or a new object of a scanned class whose fields are all final). Two
 *       threads may both compute it, but they compute equal values and each sees a whole one
 *       (JLS 17.5 for final fields); the {@code String.hashCode} idiom.
 * </ul>
 */
public final class FieldIdioms {
  /** Methods whose string argument names a field updated by compare-and-set. */
  public static final Set<String> CAS_LOOKUPS = Set.of("newUpdater", "findVarHandle", "findStaticVarHandle", "getDeclaredField");

  private final Program program;
  private final Map<TypeModel, Set<String>> casNames = new ConcurrentHashMap<>();
  private final Map<FieldModel, Boolean> lazy = new ConcurrentHashMap<>();

  private FieldIdioms(Program program) {
    this.program = program;
  }

  public static FieldIdioms of(Program program) {
    return program.analysis(FieldIdioms.class, FieldIdioms::new);
  }

  /** True when {@code f} is named by a field updater, VarHandle or Unsafe offset lookup in its top-level class. */
  public boolean isCasManaged(FieldModel f) {
    if (f.owner() == null) {
      return false;
    }
    TypeModel top = f.owner();
    while (top.outer().isPresent()) {
      top = top.outer().get();
    }
    Set<String> names = casNames.computeIfAbsent(top, FieldIdioms::casNamesIn);
    return names.contains(f.owner().simpleName() + "." + f.name()) || names.contains("*." + f.name());
  }

  /**
   * "Owner.field" for each lookup: the owner is the class literal among the arguments
   * ({@code newUpdater(Node.class, ..)}, {@code findVarHandle(Node.class, ..)}) or the scope
   * ({@code Node.class.getDeclaredField(..)}), "*" when none is written.
   */
  private static Set<String> casNamesIn(TypeModel top) {
    Set<String> out = new HashSet<>();
    top.declaration().ifPresent(d -> {
      for (MethodCallExpr mc : d.findAll(MethodCallExpr.class, c -> CAS_LOOKUPS.contains(c.getNameAsString()))) {
        String owner = "*";
        for (Expression a : mc.getArguments()) {
          if (a instanceof ClassExpr c && owner.equals("*")) {
            owner = TypeNames.simpleOf(c.getType().asString());
          }
        }
        if (mc.getScope().isPresent() && Locks.unwrap(mc.getScope().get()) instanceof ClassExpr c) {
          owner = TypeNames.simpleOf(c.getType().asString());
        }
        for (Expression a : mc.getArguments()) {
          if (a instanceof StringLiteralExpr s) {
            out.add(owner + "." + s.getValue());
          }
        }
      }
    });
    return out;
  }

  /** True when {@code f} is lazily initialized, racily but benignly (see the class comment). */
  public boolean isBenignLazyInit(FieldModel f) {
    return lazy.computeIfAbsent(f, this::computeLazy);
  }

  private boolean computeLazy(FieldModel f) {
    if (f.isFinal() || f.owner() == null || f.owner().declaration().isEmpty()) {
      return false;
    }
    String type = f.typeName();
    if (type.equals("long") || type.equals("double")) {
      return false; // 64-bit plain writes may tear (JLS 17.7)
    }
    List<AssignExpr> writes = new ArrayList<>();
    for (AssignExpr a : f.owner().declaration().get().findAll(AssignExpr.class)) {
      if (program.localTypes().fieldOf(Locks.unwrap(a.getTarget())).orElse(null) == f && !inConstruction(a)) {
        writes.add(a);
      }
    }
    boolean incDec = f.owner().declaration().get().findFirst(UnaryExpr.class, u -> (u.getOperator().name().contains("CREMENT"))
        && program.localTypes().fieldOf(Locks.unwrap(u.getExpression())).orElse(null) == f).isPresent();
    if (writes.size() != 1 || incDec || writes.get(0).getOperator() != AssignExpr.Operator.ASSIGN) {
      return false;
    }
    AssignExpr w = writes.get(0);
    return guardedByDefaultCheck(w, f) && immutableValue(f, w.getValue());
  }

  private boolean inConstruction(Node n) {
    Optional<MethodModel> body = program.enclosingBody(n);
    return body.isPresent() && (body.get().kind() == MethodModel.Kind.CONSTRUCTOR || body.get().kind() == MethodModel.Kind.INITIALIZER
        || body.get().kind() == MethodModel.Kind.STATIC_INITIALIZER);
  }

  /** The write sits under {@code if (f == null / 0 / false)} or in the branch of {@code f == null ? f = .. : ..} (f possibly through a local copy). */
  private boolean guardedByDefaultCheck(AssignExpr w, FieldModel f) {
    if (guardedInPlace(w, f)) {
      return true;
    }
    // the write sits in a private initializer helper ({@code return CACHE = build();}) whose every call is guarded
    Optional<MethodModel> helper = program.enclosingBody(w);
    if (helper.isEmpty() || helper.get().isLambda() || !helper.get().isPrivate()) {
      return false;
    }
    List<dev.threadlint.core.program.CallGraph.CallSite> calls = program.callGraph().callsTo(helper.get());
    return !calls.isEmpty() && calls.stream().allMatch(c -> guardedInPlace(c.node(), f));
  }

  private boolean guardedInPlace(Node w, FieldModel f) {
    Node child = w;
    for (Node p = w.getParentNode().orElse(null); p != null && !(p instanceof MethodDeclaration); child = p, p = p.getParentNode().orElse(null)) {
      if (p instanceof IfStmt i && child == i.getThenStmt() && testsDefault(i.getCondition(), f)) {
        return true;
      }
      if (p instanceof ConditionalExpr c && child != c.getCondition() && testsDefault(c.getCondition(), f)) {
        return true;
      }
    }
    return false;
  }

  private boolean testsDefault(Expression cond, FieldModel f) {
    Expression c = Locks.unwrap(cond);
    if (c instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      return isField(u.getExpression(), f) && f.typeName().equals("boolean");
    }
    if (c instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.EQUALS || b.getOperator() == BinaryExpr.Operator.NOT_EQUALS)) {
      return isDefault(b.getRight()) && isField(b.getLeft(), f) || isDefault(b.getLeft()) && isField(b.getRight(), f);
    }
    return false;
  }

  private static boolean isDefault(Expression e) {
    Expression x = Locks.unwrap(e);
    return x.isNullLiteralExpr() || x.isIntegerLiteralExpr() && x.asIntegerLiteralExpr().getValue().equals("0")
        || x.isBooleanLiteralExpr() && !x.asBooleanLiteralExpr().getValue();
  }

  /** {@code e} is the field, or a local initialized from it. */
  private boolean isField(Expression e, FieldModel f) {
    Expression x = Locks.unwrap(e);
    if (program.localTypes().fieldOf(x).orElse(null) == f) {
      return true;
    }
    if (x instanceof NameExpr n && program.localTypes().bind(n).orElse(null) instanceof LocalTypes.Local l
        && l.declaration() instanceof com.github.javaparser.ast.body.VariableDeclarator v && v.getInitializer().isPresent()) {
      return program.localTypes().fieldOf(Locks.unwrap(v.getInitializer().get())).orElse(null) == f;
    }
    return false;
  }

  private boolean immutableValue(FieldModel f, Expression value) {
    String type = f.typeName();
    if (ThreadSafety.isPrimitive(type) || ThreadSafety.IMMUTABLE_TYPES.contains(type)) {
      return true;
    }
    TypeModel ctx = f.owner();
    if (program.lookupType(type, ctx).map(ThreadSafety::isImmutableType).orElse(false)) {
      return true;
    }
    Expression v = Locks.unwrap(value);
    while (v instanceof AssignExpr chained) {
      v = Locks.unwrap(chained.getValue()); // f = local = compute()
    }
    if (v instanceof ObjectCreationExpr oce) {
      return oce.getAnonymousClassBody().isEmpty() && program.lookupType(oce.getType().getNameAsString(), ctx).map(this::allFinal).orElse(false);
    }
    if (v instanceof MethodCallExpr mc) {
      // a factory of this program: every return is new X(..) of such a class
      List<MethodModel> targets = program.callGraph().targetsOf(mc);
      if (targets.isEmpty() || targets.size() > AccessSummaries.MAX_TARGETS) {
        return false;
      }
      for (MethodModel t : targets) {
        if (t.body().isEmpty()) {
          return false;
        }
        List<ReturnStmt> returns = t.body().get().findAll(ReturnStmt.class, r -> program.enclosingBody(r).orElse(null) == t);
        if (returns.isEmpty() || !returns.stream().allMatch(r -> r.getExpression().map(e -> Locks.unwrap(e) instanceof ObjectCreationExpr o
            && o.getAnonymousClassBody().isEmpty() && program.lookupType(o.getType().getNameAsString(), t.owner()).map(this::allFinal).orElse(false)).orElse(false))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** A scanned class whose own and scanned supertypes' instance fields are all final (a stateless view or a value). */
  private boolean allFinal(TypeModel t) {
    Set<TypeModel> seen = new HashSet<>();
    List<TypeModel> todo = new ArrayList<>(List.of(t));
    while (!todo.isEmpty()) {
      TypeModel x = todo.remove(todo.size() - 1);
      if (!seen.add(x)) {
        continue;
      }
      if (x.fields().stream().anyMatch(g -> !g.isStatic() && !g.isFinal())) {
        return false;
      }
      todo.addAll(x.supertypes());
    }
    return true;
  }
}
