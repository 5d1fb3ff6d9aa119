package dev.threadlint.rules.races;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import java.util.Optional;

/**
 * A read-modify-write that is not atomic although the field looks thread-safe: {@code count++} or
 * {@code x += n} on a volatile (volatile makes each read and write visible, not the pair atomic),
 * and {@code a.set(a.get() + 1)} or {@code if (a.get() == x) a.set(y)} on an {@code Atomic*}.
 */
@RuleInfo(
    id = "non-atomic-compound-update",
    title = "Non-atomic read-modify-write of a volatile or Atomic field",
    severity = Severity.ERROR,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "volatile-nonatomic")
public final class NonAtomicCompoundUpdate implements Rule {

  @Override
  public void prepare(dev.threadlint.core.program.Program program) {
    dev.threadlint.core.analysis.SharedState.of(program);
  }

  @Override
  public void checkFile(FileContext ctx) {
    var program = ctx.program();
    for (UnaryExpr u : ctx.findAll(UnaryExpr.class)) {
      if (isIncDec(u.getOperator())) {
        volatileUpdate(ctx, u, u.getExpression(), u.toString());
      }
    }
    for (AssignExpr a : ctx.findAll(AssignExpr.class)) {
      if (a.getOperator() != AssignExpr.Operator.ASSIGN) {
        volatileUpdate(ctx, a, a.getTarget(), a.toString());
      } else if (a.getValue() instanceof BinaryExpr b) {
        Optional<FieldModel> f = RaceSupport.field(program, a.getTarget());
        if (f.isPresent() && (RaceSupport.field(program, b.getLeft()).orElse(null) == f.get() || RaceSupport.field(program, b.getRight()).orElse(null) == f.get())) {
          volatileUpdate(ctx, a, a.getTarget(), a.toString());
        }
      }
    }
    for (MethodCallExpr set : ctx.file().unit().findAll(MethodCallExpr.class, c -> (c.getNameAsString().equals("set") || c.getNameAsString().equals("lazySet"))
        && c.getArguments().size() == 1 && c.getScope().isPresent())) {
      atomicUpdate(ctx, set);
    }
  }

  private static boolean isIncDec(UnaryExpr.Operator op) {
    return op == UnaryExpr.Operator.PREFIX_INCREMENT || op == UnaryExpr.Operator.PREFIX_DECREMENT
        || op == UnaryExpr.Operator.POSTFIX_INCREMENT || op == UnaryExpr.Operator.POSTFIX_DECREMENT;
  }

  private static void volatileUpdate(FileContext ctx, Node at, Expression target, String text) {
    var program = ctx.program();
    Optional<FieldModel> f = RaceSupport.field(program, target);
    if (f.isEmpty() || !f.get().isVolatile() || inConstructor(program, at) || RaceSupport.onOwnedObject(program, target)) {
      return;
    }
    SharedState state = SharedState.of(program);
    Expression t = dev.threadlint.core.analysis.Locks.unwrap(target);
    if (RaceSupport.locked(state, t)) {
      return;
    }
    FieldModel field = f.get();
    String type = Character.toUpperCase(field.typeName().charAt(0)) + field.typeName().substring(1);
    String atomic = switch (field.typeName()) {
      case "int", "short", "byte", "char" -> "AtomicInteger";
      case "long" -> "AtomicLong (or LongAdder for a counter)";
      default -> "an Atomic" + type + " or a lock";
    };
    var b = ctx.finding(at, "'" + text + "' on volatile field '" + field.name() + "' is a read followed by a write, not one atomic step: concurrent updates can be lost")
        .evidence(field.declaration(), "declared volatile: each read and write is visible, but the pair is not atomic")
        .suggestion("Use " + atomic + " (incrementAndGet/addAndGet/updateAndGet), or give '" + field.name() + "' one owner thread");
    // the builder rewrites the declaration and every use in the field's file; where a use cannot be
    // rewritten it refuses, and the finding says why ("no automatic fix: ...")
    b.fix(dev.threadlint.core.fix.Fixes.fileOf(ctx.program(), field.variable())
        .map(sf -> dev.threadlint.core.fix.CounterFixes.atomic(sf, field))
        .orElseGet(() -> dev.threadlint.core.fix.FixOutcome.refused("the declaration of '" + field.name() + "' is not in a scanned file")));
    boolean twoWriters = state.race(field, a -> a.isWrite() && !a.kind().isContents())
        .map(r -> r.confidence() == dev.threadlint.core.analysis.ConcurrencyModel.Confidence.HIGH).orElse(false);
    if (!twoWriters) {
      b.atMost(Severity.WARNING);
    }
    b.report();
  }

  private static void atomicUpdate(FileContext ctx, MethodCallExpr set) {
    var program = ctx.program();
    Optional<FieldModel> f = RaceSupport.field(program, set.getScope().get());
    if (f.isEmpty() || !f.get().typeName().startsWith("Atomic") || inConstructor(program, set)) {
      return;
    }
    FieldModel field = f.get();
    boolean readsSelf = set.getArgument(0).findFirst(MethodCallExpr.class, g -> g.getNameAsString().equals("get") && g.getScope().isPresent()
        && RaceSupport.field(program, g.getScope().get()).orElse(null) == field).isPresent();
    Optional<MethodCallExpr> check = Optional.empty();
    if (!readsSelf) {
      Optional<IfStmt> ifs = set.findAncestor(IfStmt.class);
      if (ifs.isPresent() && ifs.get().getThenStmt().isAncestorOf(set)) {
        check = ifs.get().getCondition().findFirst(MethodCallExpr.class, g -> g.getNameAsString().equals("get") && g.getScope().isPresent()
            && RaceSupport.field(program, g.getScope().get()).orElse(null) == field);
      }
      if (check.isEmpty()) {
        return;
      }
    }
    var held = RaceSupport.heldAt(program, set);
    if (held != null && !held.isEmpty()) {
      return;
    }
    String what = readsSelf ? "'" + set + "' reads and writes '" + field.name() + "' in two steps"
        : "'" + field.name() + ".get()' is checked and then '" + set + "' acts on it in a separate step";
    var b = ctx.finding(set, "Non-atomic update of " + field.typeName() + " '" + field.name() + "': " + what + "; a concurrent update in between is lost")
        .suggestion("Use " + field.name() + (readsSelf ? ".updateAndGet(..)/incrementAndGet()" : ".compareAndSet(expected, next)") + ", which is one atomic step");
    check.ifPresent(c -> b.evidence(c, "the check"));
    b.evidence(set, "the separate write");
    b.atMost(Severity.WARNING);
    b.report();
  }

  private static boolean inConstructor(dev.threadlint.core.program.Program program, Node n) {
    return program.enclosingBody(n).map(m -> m.isConstructor() || m.kind() == MethodModel.Kind.STATIC_INITIALIZER || m.kind() == MethodModel.Kind.INITIALIZER).orElse(true);
  }
}
