package dev.threadlint.rules.threads;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.LocalTypes;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code ThreadPoolExecutor} only adds threads beyond its core size when its queue refuses a
 * task; an unbounded queue never refuses, so a larger maximum pool size is dead configuration.
 */
@RuleInfo(
    id = "unbounded-pool-queue",
    title = "ThreadPoolExecutor with an unbounded queue never grows beyond its core pool size",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "thread-misuse")
public final class UnboundedPoolQueue implements Rule {
  private static final String POOL = "java.util.concurrent.ThreadPoolExecutor";

  /** Queue types that are unbounded whatever their constructor arguments; value: whether only the no-argument form is. */
  private static final Map<String, Boolean> UNBOUNDED = Map.of(
      "LinkedBlockingQueue", true,
      "LinkedBlockingDeque", true,
      "PriorityBlockingQueue", false,
      "LinkedTransferQueue", false,
      "DelayQueue", false);

  /** Declared types a capacity argument may have. */
  private static final java.util.Set<String> INT_LIKE = java.util.Set.of("int", "Integer", "short", "Short", "byte", "Byte", "char", "Character");

  @Override
  public void checkFile(FileContext ctx) {
    // a pool whose core size is raised later does grow; which pool a setter reaches is not worth tracking
    boolean resized = ctx.findAll(com.github.javaparser.ast.expr.MethodCallExpr.class).stream()
        .anyMatch(c -> c.getNameAsString().equals("setCorePoolSize"));
    if (resized) {
      return;
    }
    for (ObjectCreationExpr creation : ctx.findAll(ObjectCreationExpr.class)) {
      if (creation.getArguments().size() < 5 || !creation.getType().getNameAsString().equals("ThreadPoolExecutor")
          || !JdkTypes.creates(ctx, creation, POOL)) {
        continue;
      }
      OptionalLong core = intConstant(ctx, creation.getArgument(0));
      OptionalLong max = intConstant(ctx, creation.getArgument(1));
      if (core.isEmpty()) {
        continue;
      }
      boolean zeroCore = core.getAsLong() == 0 && (max.isEmpty() || max.getAsLong() > 1);
      boolean growth = core.getAsLong() > 0 && max.isPresent() && max.getAsLong() > core.getAsLong();
      if (!zeroCore && !growth) {
        continue;
      }
      Optional<ObjectCreationExpr> queue = visibleCreation(ctx, creation.getArgument(4));
      if (queue.isEmpty() || !isUnbounded(ctx, queue.get())) {
        continue;
      }
      String queueType = queue.get().getType().getNameAsString();
      String message = zeroCore
          ? "corePoolSize is 0 and the " + queueType + " is unbounded: the pool never grows beyond one thread because the queue never fills, so tasks run one at a time"
          : "the " + queueType + " is unbounded: the pool never grows beyond corePoolSize (" + core.getAsLong()
              + ") because the queue never fills, so maximumPoolSize (" + render(max.getAsLong()) + ") has no effect";
      var builder = ctx.finding(creation, message)
          .suggestion("Set corePoolSize to the number of threads you want (with allowCoreThreadTimeOut(true) to let idle ones go), "
              + "or give the pool a bounded queue (new ArrayBlockingQueue<>(n)) and a rejection policy.");
      if (queue.get() != creation.getArgument(4)) {
        builder.evidence(queue.get(), "the unbounded queue is created here");
      }
      builder.report();
    }
  }

  private static String render(long v) {
    return v == Integer.MAX_VALUE ? "Integer.MAX_VALUE" : Long.toString(v);
  }

  private static boolean isUnbounded(FileContext ctx, ObjectCreationExpr queue) {
    String name = queue.getType().getNameAsString();
    Boolean onlyNoArg = UNBOUNDED.get(name);
    if (onlyNoArg == null || !JdkTypes.creates(ctx, queue, "java.util.concurrent." + name)) {
      return false;
    }
    if (!onlyNoArg || queue.getArguments().isEmpty()) {
      return true;
    }
    if (queue.getArguments().size() != 1) {
      return false;
    }
    Expression arg = queue.getArgument(0);
    // new LinkedBlockingQueue<>(Integer.MAX_VALUE) is the same unbounded queue, spelled out
    if (intConstant(ctx, arg).stream().anyMatch(v -> v == Integer.MAX_VALUE)) {
      return true;
    }
    // new LinkedBlockingQueue<>(tasks): the copy constructor from a collection has no capacity
    Optional<String> argType = ctx.program().localTypes().typeName(arg);
    return argType.isPresent() && !INT_LIKE.contains(argType.get()) && !argType.get().equals("var");
  }

  /** The creation of the queue argument: inline, or the initializer of a never-reassigned local or a final field. */
  private static Optional<ObjectCreationExpr> visibleCreation(FileContext ctx, Expression arg) {
    while (arg instanceof EnclosedExpr en) {
      arg = en.getInner();
    }
    if (arg instanceof ObjectCreationExpr oc) {
      return Optional.of(oc);
    }
    if (arg instanceof NameExpr n) {
      Optional<LocalTypes.Binding> b = ctx.program().localTypes().bind(n);
      if (b.isPresent() && b.get() instanceof LocalTypes.Local local && local.declaration() instanceof VariableDeclarator v
          && v.getParentNode().orElse(null) instanceof VariableDeclarationExpr && !reassigned(v)) {
        return v.getInitializer().filter(ObjectCreationExpr.class::isInstance).map(ObjectCreationExpr.class::cast);
      }
    }
    Optional<FieldModel> field = ctx.program().localTypes().fieldOf(arg);
    if (field.isPresent() && field.get().isFinal()) {
      return field.get().variable().getInitializer().filter(ObjectCreationExpr.class::isInstance).map(ObjectCreationExpr.class::cast);
    }
    return Optional.empty();
  }

  private static boolean reassigned(VariableDeclarator v) {
    Node scope = v.getParentNode().flatMap(Node::getParentNode).flatMap(Node::getParentNode).orElse(null);
    if (scope == null) {
      return true;
    }
    String name = v.getNameAsString();
    return scope.findAll(AssignExpr.class).stream()
        .anyMatch(a -> a.getTarget() instanceof NameExpr t && t.getNameAsString().equals(name));
  }

  /** An int evident in the file: a literal, {@code Integer.MAX_VALUE}, or a static final field initialized with one. */
  static OptionalLong intConstant(FileContext ctx, Expression e) {
    while (e instanceof EnclosedExpr en) {
      e = en.getInner();
    }
    if (e instanceof IntegerLiteralExpr lit) {
      try {
        return OptionalLong.of(lit.asNumber().longValue());
      } catch (NumberFormatException ex) {
        return OptionalLong.empty();
      }
    }
    if (e instanceof FieldAccessExpr fa && fa.getNameAsString().equals("MAX_VALUE")
        && fa.getScope() instanceof NameExpr s && s.getNameAsString().equals("Integer")) {
      return OptionalLong.of(Integer.MAX_VALUE);
    }
    if (e instanceof NameExpr || e instanceof FieldAccessExpr) {
      Optional<FieldModel> f = ctx.program().localTypes().fieldOf(e);
      if (f.isPresent() && f.get().isStatic() && f.get().isFinal()
          && f.get().variable().getInitializer().orElse(null) instanceof IntegerLiteralExpr lit) {
        return intConstant(ctx, lit);
      }
    }
    return OptionalLong.empty();
  }
}
