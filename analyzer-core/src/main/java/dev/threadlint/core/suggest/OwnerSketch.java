package dev.threadlint.core.suggest;

import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.threadlint.core.analysis.ThreadSafety;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.TypeModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * The sketch for one reported field together with the state that changes with it
   * ({@link #stateGroup}): one owner owns them all, and every public method that touches any of them
   * becomes a command. The explanation says why each other field joined.
   */
  public static Suggestion forField(RuleContext ctx, FieldModel reported) {
    return forField(reported, SketchLevel.of(ctx));
  }

  /** {@link #forField(RuleContext, FieldModel)} for a given release. */
  public static Suggestion forField(FieldModel reported, int release) {
    TypeModel type = reported.owner();
    Map<FieldModel, String> group = stateGroup(type, reported);
    // the sketch declares the group in the class's order: findings on any field of one group get the same sketch
    List<FieldModel> owned = type.fields().stream().filter(group::containsKey).toList();
    Suggestion s = forSharedState(type, owned, type.methods(), release);
    if (group.size() == 1) {
      return s;
    }
    StringBuilder why = new StringBuilder(s.explanation());
    for (var e : group.entrySet()) {
      if (e.getKey() != reported) {
        why.append("\n'").append(e.getKey().name()).append("' changes together with '").append(reported.name()).append("' (")
            .append(e.getValue()).append("), so the same owner owns it: a second owner, or a lock around only one of them, would let a thread see one updated and not the other.");
      }
    }
    return new Suggestion(s.title(), why.toString(), s.codeSketch());
  }

  /**
   * The state that changes together with {@code reported}: the field itself first, then, in
   * declaration order, each other field of {@code type} (static like it, or instance like it) that is
   * written in a method that also writes {@code reported}, or that is read or written together with it
   * under one lock (a {@code synchronized} method or block) in which one of the two is written. A
   * final field joins only when it is a mutable object changed there (a {@code List} added to) and not
   * of a thread-safe type. The value says where they change together ("both written in deposit()").
   * Constructors and initializers do not count: they set every field once, before sharing.
   */
  public static Map<FieldModel, String> stateGroup(TypeModel type, FieldModel reported) {
    Map<FieldModel, String> group = new LinkedHashMap<>();
    group.put(reported, "");
    List<FieldModel> candidates = new ArrayList<>();
    for (FieldModel f : type.fields()) {
      if (f != reported && f.isStatic() == reported.isStatic() && (!f.isFinal() || !ThreadSafety.isSafeField(f))) {
        candidates.add(f);
      }
    }
    if (candidates.isEmpty()) {
      return group;
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(reported.name());
    candidates.forEach(c -> names.add(c.name()));
    Map<FieldModel, Set<String>> written = new LinkedHashMap<>();
    Map<FieldModel, Set<String>> locked = new LinkedHashMap<>();
    for (MethodModel m : type.methods()) {
      if (m.kind() != MethodModel.Kind.METHOD || m.owner() != type || !(m.node() instanceof MethodDeclaration md) || md.getBody().isEmpty()) {
        continue;
      }
      Set<String> reads = new LinkedHashSet<>();
      Set<String> writes = new LinkedHashSet<>();
      Operation.accesses(md.getBody().get(), names, reads, writes);
      if (writes.contains(reported.name())) {
        for (FieldModel c : candidates) {
          if (writes.contains(c.name())) {
            written.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(m.name() + "()");
          }
        }
      }
      List<Node> regions = new ArrayList<>();
      if (md.isSynchronized()) {
        regions.add(md.getBody().get());
      } else {
        md.getBody().get().findAll(SynchronizedStmt.class).forEach(sync -> regions.add(sync.getBody()));
      }
      for (Node region : regions) {
        Set<String> r = new LinkedHashSet<>();
        Set<String> w = new LinkedHashSet<>();
        Operation.accesses(region, names, r, w);
        r.addAll(w);
        if (!r.contains(reported.name())) {
          continue;
        }
        for (FieldModel c : candidates) {
          // a final field only joins when it is changed here; a final object that is only read is no state of the owner's
          boolean together = c.isFinal() ? w.contains(c.name()) : r.contains(c.name()) && (w.contains(reported.name()) || w.contains(c.name()));
          if (together) {
            locked.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(m.name() + "()");
          }
        }
      }
    }
    for (FieldModel c : candidates) {
      List<String> parts = new ArrayList<>();
      if (written.containsKey(c)) {
        parts.add("both written in " + String.join(", ", written.get(c)));
      }
      Set<String> lockOnly = new LinkedHashSet<>(locked.getOrDefault(c, Set.of()));
      lockOnly.removeAll(written.getOrDefault(c, Set.of()));
      if (!lockOnly.isEmpty()) {
        parts.add("used together under one lock in " + String.join(", ", lockOnly));
      }
      if (!parts.isEmpty()) {
        group.put(c, String.join("; ", parts));
      }
    }
    return group;
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
    // other fields that the moved bodies mention are declared as they are, so that the sketch compiles
    List<MethodModel> moved = api.stream().filter(m -> ops.stream().anyMatch(op -> op.name().equals(m.name()))).toList();
    List<String> context = new ArrayList<>();
    for (FieldModel f : type.fields()) {
      if (!shared.contains(f) && !Operation.touching(moved, List.of(f)).isEmpty()) {
        context.add(declaration(f));
      }
    }
    Suggestion s = of(type.simpleName(), imports(type), fields, context, ops, release);
    if (helpers.isEmpty()) {
      return s;
    }
    return new Suggestion(s.title(), s.explanation() + "\nThe private helpers " + String.join(", ", helpers)
        + " move into the owner unchanged: only the owner calls them.", s.codeSketch());
  }

  /** The sketch from plain data. {@code imports} are whole lines ({@code import java.util.Map;}) the state's types need. */
  public static Suggestion of(String className, List<String> imports, List<StateField> fields, List<Operation> ops, int release) {
    return of(className, imports, fields, List.of(), ops, release);
  }

  /** {@code f} declared on its own: its modifiers, type, name and initializer. */
  private static String declaration(FieldModel f) {
    String mods = f.declaration().getModifiers().stream().map(m -> m.getKeyword().asString() + " ").collect(Collectors.joining());
    return mods + f.type() + " " + f.name() + f.variable().getInitializer().map(i -> " = " + i).orElse("") + ";";
  }

  /**
   * The sketch from plain data; {@code context} are whole declarations of other fields that the
   * operations' bodies use but the owner does not own (final values, thread-safe objects).
   */
  public static Suggestion of(String className, List<String> imports, List<StateField> fields, List<String> context, List<Operation> ops, int release) {
    String fieldList = fields.stream().map(StateField::name).collect(Collectors.joining(", "));
    List<String> header = List.of(
        "Sketch: " + className + "'s state (" + fieldList + ") has one owner; other threads send it commands.",
        "Generated for Java " + release + (SketchLevel.modern(release) ? " (virtual thread, pattern switch)." : " (single-thread executor; no virtual threads before Java 21)."));
    String code = new ChannelWriter(className, className, imports, fields, context, ops, release, header).write();
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
