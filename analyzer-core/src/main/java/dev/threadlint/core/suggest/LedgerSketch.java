package dev.threadlint.core.suggest;

import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.program.MethodModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The channel rewrite for a lock-order cycle: the multi-party operation (a transfer between two
 * accounts) moves into one owner — a ledger — that receives commands over a channel, so no thread
 * ever holds two locks. The explanation names the alternative when the locks must stay: one global
 * lock order (by a stable id, or by {@code System.identityHashCode} with a tie lock).
 */
public final class LedgerSketch {
  private LedgerSketch() {}

  /**
   * The sketch for a cycle through {@code methods} (e.g. {@code Bank.transfer(from, to, amount)})
   * that locks objects of {@code resourceType} (e.g. {@code Account}); {@code cycle} describes the
   * locks in order (e.g. {@code ["from", "to"]}).
   */
  public static Suggestion forLockCycle(RuleContext ctx, List<String> cycle, String resourceType, Collection<MethodModel> methods) {
    return forLockCycle(cycle, resourceType, methods, SketchLevel.of(ctx));
  }

  public static Suggestion forLockCycle(List<String> cycle, String resourceType, Collection<MethodModel> methods, int release) {
    List<Operation> ops = new ArrayList<>();
    List<String> imports = new ArrayList<>();
    for (MethodModel m : methods) {
      Operation.unlocked(m).ifPresent(ops::add);
      for (String i : OwnerSketch.imports(m.owner())) {
        if (!imports.contains(i)) {
          imports.add(i);
        }
      }
    }
    String source = methods.stream().findFirst().map(m -> m.owner().simpleName()).orElse("the original class");
    return of("Ledger", source, resourceType, cycle, imports, ops, release);
  }

  /** The sketch from plain data; {@code ownerName} names the owner class (e.g. {@code Ledger}). */
  public static Suggestion of(String ownerName, String sourceClass, String resourceType, List<String> cycle, List<String> imports, List<Operation> ops, int release) {
    String ring = String.join(" → ", cycle) + (cycle.isEmpty() ? "" : " → " + cycle.get(0));
    String opList = ops.stream().map(o -> o.name() + "(" + o.params().stream().map(Operation.Param::name).collect(Collectors.joining(", ")) + ")")
        .collect(Collectors.joining(", "));
    List<String> header = List.of(
        "Sketch: one " + ownerName + " performs " + (opList.isEmpty() ? "the operations" : opList) + " on " + resourceType + " objects;",
        "no thread holds two " + resourceType + " locks any more, so the cycle " + ring + " cannot form.");
    String code = new ChannelWriter(ownerName, sourceClass, imports, List.of(), ops, release, header).write();
    String title = "Let one " + ownerName + " perform " + (opList.isEmpty() ? "the multi-party operation" : opList) + " instead of locking " + resourceType + "s in turn";
    StringBuilder why = new StringBuilder();
    why.append("The locks form the cycle ").append(ring).append(": two threads can each hold one and wait forever for the other. ")
        .append("If every ").append(resourceType).append(" is changed only by ").append(ownerName)
        .append("'s owner loop, taking commands one at a time from a BlockingQueue, no lock is needed and there is no order to get wrong. ")
        .append("Reads of ").append(resourceType).append(" state must then be commands too (e.g. a Balance command answering a CompletableFuture).\n");
    why.append("Alternative, if the locks must stay: acquire them in one global order. ");
    Optional<Operation> pair = ops.stream().filter(o -> o.params().stream().filter(p -> p.type().equals(resourceType)).count() >= 2).findFirst();
    if (pair.isPresent()) {
      List<String> names = pair.get().params().stream().filter(p -> p.type().equals(resourceType)).map(Operation.Param::name).limit(2).toList();
      String a = names.get(0);
      String b = names.get(1);
      why.append("In ").append(pair.get().name()).append(", lock ").append(a).append(" and ").append(b)
          .append(" by a stable unique id if ").append(resourceType).append(" has one:\n")
          .append("    " + resourceType + " first = " + a + ".id() < " + b + ".id() ? " + a + " : " + b + ";\n")
          .append("    " + resourceType + " second = first == " + a + " ? " + b + " : " + a + ";\n")
          .append("    synchronized (first) { synchronized (second) { ... } }\n")
          .append("or, without an id, by System.identityHashCode(" + a + ") vs System.identityHashCode(" + b + "), taking a shared static TIE_LOCK first when the two hashes are equal.");
    } else {
      why.append("Number the locks (a stable id, or System.identityHashCode with a shared tie lock for equal hashes) and always take the lower one first.");
    }
    return new Suggestion(title, why.toString(), code);
  }
}
