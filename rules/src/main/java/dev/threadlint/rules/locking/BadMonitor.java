package dev.threadlint.rules.locking;

import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.analysis.Locks;
import dev.threadlint.core.fix.MonitorFixes;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.TypeNames;
import java.util.Optional;
import java.util.Set;

/**
 * {@code synchronized} on an object that is a poor monitor: shared by unrelated code (interned
 * strings, cached boxes, value-based instances), different per subclass ({@code getClass()}),
 * replaceable (a non-final field that is reassigned), or a {@code Lock} whose own locking is
 * bypassed.
 */
@RuleInfo(
    id = "bad-monitor",
    title = "synchronized on an object that is not a safe, private, stable monitor",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "bad-monitor")
public final class BadMonitor implements Rule {
  static final Set<String> BOXES = Set.of("Integer", "Long", "Short", "Byte", "Character", "Boolean", "Double", "Float");
  /** Value-based classes (JDK docs "value-based"): identity is not guaranteed; locking them is undefined in spirit and warned by javac. */
  static final Set<String> VALUE_BASED = Set.of("Optional", "OptionalInt", "OptionalLong", "OptionalDouble", "LocalDate", "LocalTime",
      "LocalDateTime", "Instant", "Duration", "Period", "ZonedDateTime", "OffsetDateTime", "OffsetTime", "Year", "YearMonth", "MonthDay", "ZoneOffset");
  static final Set<String> LOCKS = Set.of("Lock", "ReentrantLock", "ReadWriteLock", "ReentrantReadWriteLock", "StampedLock", "Condition",
      "ReadLock", "WriteLock");

  @Override
  public void checkFile(FileContext ctx) {
    for (SynchronizedStmt sync : ctx.findAll(SynchronizedStmt.class)) {
      Expression monitor = Locks.unwrap(sync.getExpression());
      problem(ctx.program(), monitor).ifPresent(p -> {
        var finding = ctx.finding(sync.getExpression(), p.message())
            .suggestion(p.suggestion())
            .at(dev.threadlint.core.api.RuleContext.locationOf(sync.getExpression()));
        if (p.valueMonitor()) {
          // a boxed or String field: retarget the blocks to a new private lock object where that is safe
          finding.fix(MonitorFixes.privateLockObject(ctx.file(), sync));
        }
        finding.report();
      });
    }
  }

  private record Problem(String message, String suggestion, boolean valueMonitor) {
    Problem(String message, String suggestion) {
      this(message, suggestion, false);
    }
  }

  private static final String PRIVATE_LOCK = "Synchronize on a dedicated 'private final Object lock = new Object();' that no other code can reach.";

  private static Optional<Problem> problem(Program program, Expression monitor) {
    String text = monitor.toString();
    if (monitor instanceof StringLiteralExpr || monitor instanceof TextBlockLiteralExpr) {
      return Optional.of(new Problem("synchronized on the string literal " + text
          + ": literals are interned, so every class that locks the same text shares this monitor", PRIVATE_LOCK));
    }
    if (monitor instanceof MethodCallExpr call) {
      if (call.getNameAsString().equals("getClass") && call.getArguments().isEmpty()) {
        return Optional.of(new Problem("synchronized on '" + text
            + "': a subclass instance locks a different Class object, so subclasses and this class do not exclude each other",
            "Lock the class literal (e.g. 'synchronized (" + enclosingTypeName(monitor) + ".class)') or a private static final lock object."));
      }
      if (call.getNameAsString().equals("intern") && call.getArguments().isEmpty()) {
        return Optional.of(new Problem("synchronized on an interned string '" + text + "': any code interning the same text shares this monitor", PRIVATE_LOCK));
      }
      if (call.getNameAsString().equals("valueOf") && call.getScope().map(s -> BOXES.contains(s.toString())).orElse(false)) {
        return Optional.of(new Problem("synchronized on a boxed value '" + text + "': boxes of small values are cached and shared JVM-wide", PRIVATE_LOCK));
      }
    }
    if (monitor instanceof ClassExpr) {
      return Optional.empty();
    }
    Optional<String> type = program.localTypes().typeName(monitor);
    if (type.isEmpty() && !(monitor instanceof com.github.javaparser.ast.expr.ThisExpr)) {
      type = program.resolver().typeOf(monitor).map(TypeNames::simpleOf);
    }
    if (type.isPresent()) {
      String t = type.get();
      if (BOXES.contains(t)) {
        return Optional.of(new Problem("synchronized on '" + text + "' of boxed type " + t
            + ": boxes are cached and shared, and the field's value changes on every update", PRIVATE_LOCK, true));
      }
      if (t.equals("String")) {
        return Optional.of(new Problem("synchronized on '" + text + "' of type String: strings are often interned and shared with unrelated code", PRIVATE_LOCK, true));
      }
      if (LOCKS.contains(t)) {
        return Optional.of(new Problem("synchronized on '" + text + "', a " + t
            + ": its monitor is unrelated to its lock(), so code using " + text + ".lock() is not excluded",
            "Call " + text + ".lock() and unlock() in try/finally instead of synchronizing on it."));
      }
      if (VALUE_BASED.contains(t)) {
        return Optional.of(new Problem("synchronized on '" + text + "' of value-based type " + t
            + ": instances have no stable identity and may be shared or recreated freely", PRIVATE_LOCK));
      }
    }
    Optional<FieldModel> field = program.localTypes().fieldOf(monitor);
    if (field.isPresent() && !field.get().isFinal() && isReassigned(program, field.get())) {
      return Optional.of(new Problem("synchronized on non-final field '" + field.get().name()
          + "', which is reassigned: threads that read different values lock different objects",
          "Make '" + field.get().name() + "' final, or lock a separate private final object that guards it."));
    }
    return Optional.empty();
  }

  /** True when a field is assigned outside its declaration, constructors and initializers. */
  private static boolean isReassigned(Program program, FieldModel field) {
    for (var file : program.files()) {
      if (!file.text().contains(field.name())) {
        continue;
      }
      for (AssignExpr a : file.unit().findAll(AssignExpr.class)) {
        if (program.localTypes().fieldOf(a.getTarget()).filter(f -> f == field).isPresent()
            && a.findAncestor(ConstructorDeclaration.class).isEmpty()
            && a.findAncestor(InitializerDeclaration.class).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }



  private static String enclosingTypeName(Expression e) {
    return e.findAncestor(com.github.javaparser.ast.body.TypeDeclaration.class).map(t -> t.getNameAsString()).orElse("Owner");
  }
}
