package dev.threadlint.rules.locking;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.TypeModel;
import dev.threadlint.core.suggest.QueueSketch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the producer/consumer buffer behind a wait/notify finding: a collection field of the class
 * that one method adds to and another takes from. When there is one, the finding's suggestion is the
 * {@link QueueSketch} (the buffer becomes a {@code BlockingQueue}) under the rule's one-line advice.
 */
final class WaitNotifyBuffer {
  private WaitNotifyBuffer() {}

  private static final Set<String> COLLECTIONS = Set.of("Queue", "Deque", "List", "LinkedList", "ArrayList", "ArrayDeque", "LinkedBlockingQueue");
  private static final Set<String> PUTS = Set.of("add", "addLast", "addFirst", "offer", "offerLast", "push");
  private static final Set<String> TAKES = Set.of("remove", "removeFirst", "removeLast", "poll", "pollFirst", "pollLast", "pop");

  static Suggestion suggestion(RuleContext ctx, Node at, String oneLine) {
    Optional<TypeModel> type = ctx.program().enclosingType(at);
    if (type.isEmpty()) {
      return Suggestion.oneLine(oneLine);
    }
    for (FieldModel f : type.get().fields()) {
      String raw = f.typeName().replaceAll("<.*", "");
      if (!COLLECTIONS.contains(raw)) {
        continue;
      }
      List<MethodModel> puts = new ArrayList<>();
      List<MethodModel> takes = new ArrayList<>();
      for (MethodModel m : type.get().methods()) {
        if (m.kind() != MethodModel.Kind.METHOD || m.owner() != type.get() || m.body().isEmpty()) {
          continue;
        }
        boolean put = false;
        boolean take = false;
        for (MethodCallExpr c : m.body().get().findAll(MethodCallExpr.class)) {
          if (c.getScope().isPresent() && names(c.getScope().get().toString(), f.name())) {
            put |= PUTS.contains(c.getNameAsString());
            take |= TAKES.contains(c.getNameAsString());
          }
        }
        if (put && !take) {
          puts.add(m);
        } else if (take && !put) {
          takes.add(m);
        }
      }
      if (!puts.isEmpty() && !takes.isEmpty()) {
        Suggestion s = QueueSketch.forWaitNotify(ctx, type.get(), f, puts, takes);
        if (s.hasSketch()) {
          String explanation = s.explanation() == null || s.explanation().isBlank() ? s.title() : s.title() + ". " + s.explanation();
          return new Suggestion(oneLine, explanation, s.codeSketch());
        }
      }
    }
    return Suggestion.oneLine(oneLine);
  }

  private static boolean names(String scope, String field) {
    return scope.equals(field) || scope.equals("this." + field);
  }
}
