package dev.threadlint.rules.races;

import dev.threadlint.core.analysis.AccessSummaries;
import dev.threadlint.core.analysis.ConcurrencyModel;
import dev.threadlint.core.analysis.ConcurrencyModel.Confidence;
import dev.threadlint.core.analysis.SharedState;
import dev.threadlint.core.analysis.ThreadSafety;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.TypeModel;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A non-thread-safe JDK object (SimpleDateFormat, DecimalFormat, MessageDigest, StringBuilder,
 * Matcher...) kept in a field and used from several threads without a lock: these objects keep
 * scratch state between calls, and concurrent calls corrupt it silently.
 */
@RuleInfo(
    id = "shared-non-thread-safe-object",
    title = "Non-thread-safe object (formatter, digest, builder) shared between threads",
    severity = Severity.ERROR,
    category = Category.SHARED_MUTABLE_STATE,
    defectClass = "static-formatter")
public final class SharedNonThreadSafeObject implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    var program = ctx.program();
    boolean any = false;
    for (TypeModel t : program.types()) {
      any |= t.fields().stream().anyMatch(ThreadSafety::isUnsafeObjectField);
    }
    if (!any) {
      return;
    }
    SharedState state = SharedState.of(program);
    Map<FieldModel, Boolean> done = new IdentityHashMap<>();
    for (FieldModel f : state.fields()) {
      if (!ThreadSafety.isUnsafeObjectField(f)) {
        continue;
      }
      Optional<SharedState.Race> race = state.race(f, a -> a.kind() == AccessSummaries.Kind.OBJECT_USE);
      if (race.isEmpty()) {
        continue;
      }
      SharedState.Race r = race.get();
      TypeModel owner = f.owner();
      ConcurrencyModel model = state.model();
      boolean contract = model.isDeclaredThreadSafe(owner) || model.isServlet(owner) || model.isSingleton(owner);
      if (r.confidence() == Confidence.CONTRACT && !contract && !f.isStatic()) {
        continue;
      }
      done.put(f, true);
      var b = ctx.finding(r.write().access().node(), message(f) + ": " + r.write().access().verb() + " '" + f.name() + "' in " + RaceSupport.where(r.write())
              + " may run at the same time as " + RaceSupport.where(r.other()) + ", with no common lock")
          .evidence(RaceSupport.evidence(r.write()))
          .evidence(RaceSupport.evidence(r.other()))
          .suggestion(suggestion(f));
      b.fix(formatterFix(program, f));
      if (r.confidence() != Confidence.HIGH) {
        b.atMost(Severity.WARNING);
      }
      b.report();
    }
    // static objects: shared by every thread that calls any method using them
    for (MethodModel m : program.bodies()) {
      if (m.kind() != MethodModel.Kind.METHOD || m.isPrivate()) {
        continue;
      }
      for (AccessSummaries.Access a : state.summaries().of(m)) {
        FieldModel f = a.field();
        if (a.kind() != AccessSummaries.Kind.OBJECT_USE || !f.isStatic() || classWide(program, f, a.held()) || done.containsKey(f)) {
          continue;
        }
        if (!ThreadSafety.FORMATTERS.contains(f.typeName()) && !f.typeName().equals("MessageDigest")) {
          continue;
        }
        done.put(f, true);
        var b = ctx.finding(a.node(), message(f) + ": static field '" + f.name() + "' is shared by every thread, and " + m.displayName() + "() "
                + a.verb() + " it " + (a.held().isEmpty() ? "without a lock" : "holding only " + a.held() + ", which other instances do not share"))
            .evidence(f.declaration(), "one static instance for the whole program")
            .suggestion(suggestion(f))
            .atMost(Severity.WARNING);
        b.fix(formatterFix(program, f));
        b.report();
      }
    }
  }

  /**
   * A shared SimpleDateFormat (declared as SimpleDateFormat or DateFormat) becomes a DateTimeFormatter;
   * where the pattern would not mean the same or a use has no java.time equivalent the builder refuses,
   * and the finding says why. Other objects get neither a fix nor a refusal: no mechanical rewrite exists.
   */
  private static dev.threadlint.core.fix.FixOutcome formatterFix(dev.threadlint.core.program.Program program, FieldModel f) {
    if (!f.typeName().equals("SimpleDateFormat") && !f.typeName().equals("DateFormat")) {
      return dev.threadlint.core.fix.FixOutcome.none();
    }
    return dev.threadlint.core.fix.Fixes.fileOf(program, f.variable())
        .map(sf -> dev.threadlint.core.fix.FormatterFixes.simpleDateFormat(sf, f))
        .orElseGet(() -> dev.threadlint.core.fix.FixOutcome.refused("the declaration of '" + f.name() + "' is not in a scanned file"));
  }

  /** A lock that all instances share: a class literal or a static lock field. An instance monitor does not protect a static. */
  private static boolean classWide(dev.threadlint.core.program.Program program, FieldModel f, dev.threadlint.core.analysis.LockSet held) {
    for (dev.threadlint.core.analysis.LockId l : held.locks()) {
      if (l.kind() == dev.threadlint.core.analysis.LockId.Kind.FIELD && l.name().equals(f.name()) && l.owner().equals(f.owner().qualifiedName())) {
        return true; // synchronized on the shared object itself
      }
      if (l.kind() == dev.threadlint.core.analysis.LockId.Kind.CLASS) {
        return true;
      }
      if (l.kind() == dev.threadlint.core.analysis.LockId.Kind.FIELD) {
        var owner = program.typeByQualifiedName(l.owner());
        if (owner.isPresent() && owner.get().field(l.name()).map(FieldModel::isStatic).orElse(false)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String message(FieldModel f) {
    return f.typeName() + " is not thread-safe";
  }

  private static String suggestion(FieldModel f) {
    return switch (f.typeName()) {
      case "SimpleDateFormat", "DateFormat" -> "Replace '" + f.name() + "' with an immutable java.time DateTimeFormatter, or create a formatter per call";
      case "Calendar", "GregorianCalendar" -> "Use java.time types (immutable) instead of a shared Calendar";
      case "StringBuilder" -> "Use a local StringBuilder per call, or give '" + f.name() + "' one owner thread";
      default -> "Create a " + f.typeName() + " per call (or per thread with ThreadLocal.withInitial), or guard every use of '" + f.name() + "' with one lock";
    };
  }
}
