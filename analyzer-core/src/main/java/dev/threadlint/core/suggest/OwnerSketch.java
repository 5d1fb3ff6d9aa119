package dev.threadlint.core.suggest;

import com.github.javaparser.ast.ImportDeclaration;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.TypeModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The channel rewrite for shared mutable state: the fields get one owner (a virtual thread from
 * Java 21, else a single-thread executor) that takes commands from a bounded {@code BlockingQueue};
 * each method that touched the state becomes a command record and a public method that sends it,
 * returning a {@code CompletableFuture} where a result comes back.
 *
 * <p>Rules call {@link #forSharedState(RuleContext, TypeModel, Collection)}; the other entry points
 * take the model or plain data.
 */
public final class OwnerSketch {
  private OwnerSketch() {}

  /** The sketch for {@code shared} fields of {@code type}, for the scanned project's release. */
  public static Suggestion forSharedState(RuleContext ctx, TypeModel type, Collection<FieldModel> shared) {
    return forSharedState(type, shared, type.methods(), SketchLevel.of(ctx));
  }

  /** The sketch from the model: the non-private declared methods among {@code methods} that touch {@code shared} become commands. */
  public static Suggestion forSharedState(TypeModel type, Collection<FieldModel> shared, Collection<MethodModel> methods, int release) {
    List<MethodModel> api = new ArrayList<>();
    List<String> helpers = new ArrayList<>();
    for (MethodModel m : methods) {
      if (m.kind() != MethodModel.Kind.METHOD || m.owner() != type) {
        continue;
      }
      if (m.isPrivate()) {
        if (!Operation.touching(List.of(m), shared).isEmpty()) {
          helpers.add(m.name() + "()");
        }
        continue;
      }
      api.add(m);
    }
    List<Operation> ops = Operation.touching(api, shared);
    List<StateField> fields = shared.stream().map(StateField::of).toList();
    Suggestion s = of(type.simpleName(), imports(type), fields, ops, release);
    if (helpers.isEmpty()) {
      return s;
    }
    return new Suggestion(s.title(), s.explanation() + "\nThe private helpers " + String.join(", ", helpers)
        + " move into the owner unchanged: only the owner calls them.", s.codeSketch());
  }

  /** The sketch from plain data. {@code imports} are whole lines ({@code import java.util.Map;}) the state's types need. */
  public static Suggestion of(String className, List<String> imports, List<StateField> fields, List<Operation> ops, int release) {
    String fieldList = fields.stream().map(StateField::name).collect(Collectors.joining(", "));
    List<String> header = List.of(
        "Sketch: " + className + "'s state (" + fieldList + ") has one owner; other threads send it commands.",
        "Generated for Java " + release + (SketchLevel.modern(release) ? " (virtual thread, pattern switch)." : " (single-thread executor; no virtual threads before Java 21)."));
    String code = new ChannelWriter(className, className, imports, fields, ops, release, header).write();
    String title = "Give " + className + "'s state (" + fieldList + ") one owner fed through a BlockingQueue";
    StringBuilder why = new StringBuilder();
    why.append("Share memory by communicating: only one thread — the owner loop of ").append(className)
        .append(" — reads and writes ").append(fieldList).append(", so no lock, volatile or atomic is needed for them.\n");
    if (!ops.isEmpty()) {
      why.append("Each operation becomes a command record: ");
      List<String> parts = new ArrayList<>();
      for (Operation op : ops) {
        String p = op.name() + "(" + op.params().stream().map(Operation.Param::name).collect(Collectors.joining(", ")) + ")"
            + " → " + ChannelWriter.capitalize(op.name());
        if (op.returnsValue()) {
          p += " (answers a CompletableFuture<" + ChannelWriter.boxed(op.returnType()) + ">)";
        }
        parts.add(p);
      }
      why.append(String.join(", ", parts)).append(".\n");
      why.append("Callers that need the old synchronous behaviour call join() on the returned future; the others go on working.\n");
    }
    why.append("The channel is an ArrayBlockingQueue of CAPACITY commands: when the owner falls behind, senders block in put() (back-pressure). ")
        .append("Use a SynchronousQueue instead for a hand-off in which every sender waits until the owner takes its command.\n");
    why.append(SketchLevel.modern(release)
        ? "The owner runs on a virtual thread (Thread.ofVirtual()); a blocked take() costs no platform thread.\n"
        : "The owner runs on a single-thread ExecutorService (Java " + release + " has no virtual threads).\n");
    why.append("Shutdown: close() sends the poison pill Stop, so commands queued before it still run; an owner that does not stop in time is interrupted.");
    return new Suggestion(title, why.toString(), code);
  }

  static List<String> imports(TypeModel type) {
    List<String> out = new ArrayList<>();
    for (ImportDeclaration i : type.file().unit().getImports()) {
      out.add(i.toString().strip());
    }
    return out;
  }
}
