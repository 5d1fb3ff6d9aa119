package dev.threadlint.core.fix;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.program.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Fixes around monitors: {@code notifyAll}, {@code while} around {@code wait}, and a private lock object. */
public final class MonitorFixes {
  private MonitorFixes() {}

  private static final Set<String> VALUE_TYPES = Set.of(
      "String", "Integer", "Long", "Short", "Byte", "Character", "Boolean", "Double", "Float",
      "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
      "java.lang.Character", "java.lang.Boolean", "java.lang.Double", "java.lang.Float");

  /** {@code x.notify()} → {@code x.notifyAll()}: wakes every waiter, so none waits for a condition another consumed. */
  public static FixOutcome notifyAll(SourceFile file, MethodCallExpr notifyCall) {
    if (!notifyCall.getNameAsString().equals("notify") || !notifyCall.getArguments().isEmpty()) {
      return FixOutcome.refused("not a call of notify()");
    }
    return FixOutcome.of(new Fix("Replace notify() with notifyAll()", FixKind.SAFE,
        List.of(Fixes.replace(file, notifyCall.getName(), "notifyAll").orElseThrow())));
  }

  /**
   * {@code if (cond) wait();} → {@code while (cond) wait();}: the condition is tested again after
   * every wake-up (spurious, or by a {@code notifyAll} meant for another condition). Refused when
   * the {@code if} has an {@code else}, or its body does more than wait (that would repeat).
   */
  public static FixOutcome waitInLoop(SourceFile file, MethodCallExpr waitCall) {
    if (!waitCall.getNameAsString().equals("wait")) {
      return FixOutcome.refused("not a call of wait()");
    }
    Node stmt = waitCall.getParentNode().orElse(null);
    if (!(stmt instanceof ExpressionStmt)) {
      return FixOutcome.refused("wait() is part of a larger expression");
    }
    Node cur = stmt;
    while (true) {
      Node parent = cur.getParentNode().orElse(null);
      if (parent instanceof BlockStmt b && b.getStatements().size() == 1) {
        Node gp = b.getParentNode().orElse(null);
        if (gp instanceof TryStmt t && t.getTryBlock() == b && t.getFinallyBlock().isEmpty() && t.getResources().isEmpty()) {
          cur = t;
          continue;
        }
        cur = b;
        continue;
      }
      if (parent instanceof IfStmt i && i.getThenStmt() == cur) {
        if (i.getElseStmt().isPresent()) {
          return FixOutcome.refused("the if around wait() has an else branch");
        }
        String effect = sideEffect(i.getCondition());
        if (effect != null) {
          return FixOutcome.refused("the condition " + effect + ", which a loop would repeat on every wake-up");
        }
        int start = Fixes.startOffset(file, i);
        return FixOutcome.of(new Fix("Wait in a while loop that re-checks the condition", FixKind.SAFE,
            List.of(new TextEdit(file.path(), start, start + 2, "while"))));
      }
      if (parent instanceof BlockStmt) {
        return FixOutcome.refused("the block around wait() does more than wait; looping it would repeat that work");
      }
      return FixOutcome.refused("wait() is not guarded by an if");
    }
  }

  /**
   * {@code synchronized (count)} on a boxed or {@code String} field → a new
   * {@code private final Object countLock = new Object();} declared after the field, and every
   * {@code synchronized} block of the class on that field retargeted to it. Refused when the field
   * is not private (other classes may lock it too), when it is also used for {@code wait}/{@code notify},
   * or when it is not a field of the class.
   */
  public static FixOutcome privateLockObject(SourceFile file, SynchronizedStmt sync) {
    VariableDeclarator field = Syntax.fieldNamed(sync.getExpression()).orElse(null);
    if (field == null) {
      return FixOutcome.refused("the monitor '" + sync.getExpression() + "' is not a field of this class");
    }
    String name = field.getNameAsString();
    FieldDeclaration fd = (FieldDeclaration) field.getParentNode().orElseThrow();
    if (!VALUE_TYPES.contains(field.getType().asString())) {
      return FixOutcome.refused("field '" + name + "' is a " + field.getType().asString() + ", not a boxed value or String");
    }
    if (!fd.isPrivate()) {
      return FixOutcome.refused("field '" + name + "' is not private: other classes may synchronize on it too");
    }
    TypeDeclaration<?> owner = Syntax.enclosingType(field).orElseThrow();
    if (Syntax.shadowed(owner, name, field)) {
      return FixOutcome.refused("a local variable or parameter named '" + name + "' shadows the field");
    }
    for (MethodCallExpr call : owner.findAll(MethodCallExpr.class)) {
      if (Set.of("wait", "notify", "notifyAll").contains(call.getNameAsString())
          && call.getScope().filter(s -> Syntax.isFieldRef(s, name)).isPresent()) {
        return FixOutcome.refused("'" + call + "' also uses the field as a monitor");
      }
    }
    String lockName = lockName(owner, name);
    String nl = Fixes.lineSeparator(file.text());
    List<TextEdit> edits = new ArrayList<>();
    int at = Fixes.endOffset(file, fd);
    edits.add(new TextEdit(file.path(), at, at, nl + Fixes.indentOf(file, fd) + "private " + (fd.isStatic() ? "static " : "") + "final Object " + lockName + " = new Object();"));
    int count = 0;
    for (SynchronizedStmt s : owner.findAll(SynchronizedStmt.class)) {
      if (Syntax.isFieldRef(s.getExpression(), name)) {
        edits.add(Fixes.replace(file, s.getExpression(), lockName).orElseThrow());
        count++;
      }
    }
    return FixOutcome.of(new Fix("Synchronize on a private lock object '" + lockName + "' instead of the value in '" + name + "'"
        + (count > 1 ? " (" + count + " blocks)" : ""), FixKind.SAFE, edits));
  }

  /** Calls that only read, so a loop may evaluate them again. */
  private static final Set<String> READS = Set.of(
      "isEmpty", "size", "get", "contains", "containsKey", "containsValue", "isDone", "isAlive", "isCancelled", "equals",
      "length", "peek", "hasNext", "isInterrupted", "getCount", "remainingCapacity", "isShutdown", "isTerminated", "booleanValue", "intValue");

  /** What in {@code cond} changes state ("calls 'poll()'", "assigns 'n'"), or null when it only reads. */
  private static String sideEffect(com.github.javaparser.ast.expr.Expression cond) {
    for (MethodCallExpr c : cond.findAll(MethodCallExpr.class)) {
      if (!READS.contains(c.getNameAsString())) {
        return "calls '" + c.getNameAsString() + "()'";
      }
    }
    if (cond.findFirst(com.github.javaparser.ast.expr.AssignExpr.class).isPresent()) {
      return "assigns a variable";
    }
    if (cond.findFirst(com.github.javaparser.ast.expr.UnaryExpr.class, u -> u.getOperator().name().contains("CREMENT")).isPresent()) {
      return "increments or decrements a variable";
    }
    if (cond.findFirst(com.github.javaparser.ast.expr.ObjectCreationExpr.class).isPresent()) {
      return "creates an object";
    }
    return null;
  }

  private static String lockName(TypeDeclaration<?> owner, String field) {
    boolean constant = field.equals(field.toUpperCase(java.util.Locale.ROOT)) && !field.equals(field.toLowerCase(java.util.Locale.ROOT));
    String base = constant ? field + "_LOCK" : field + "Lock";
    String candidate = base;
    int i = 2;
    while (taken(owner, candidate)) {
      candidate = base + i++;
    }
    return candidate;
  }

  private static boolean taken(TypeDeclaration<?> owner, String name) {
    return Syntax.mentions(owner, name) || owner.findFirst(VariableDeclarator.class, v -> v.getNameAsString().equals(name)).isPresent();
  }
}
