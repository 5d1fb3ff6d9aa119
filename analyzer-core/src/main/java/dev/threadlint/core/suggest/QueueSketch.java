package dev.threadlint.core.suggest;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.TypeModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The channel rewrite for a producer/consumer buffer built on {@code wait}/{@code notify}: the same
 * API on a {@code BlockingQueue}, which does the waiting, the signalling and the bounding.
 */
public final class QueueSketch {
  private QueueSketch() {}

  private static final Set<String> CAPACITY_NAMES = Set.of("capacity", "max", "maxsize", "limit", "bound", "size", "max_size");

  /** The sketch for {@code buffer} of {@code type}, whose {@code puts} add and {@code takes} remove elements. */
  public static Suggestion forWaitNotify(RuleContext ctx, TypeModel type, FieldModel buffer, Collection<MethodModel> puts, Collection<MethodModel> takes) {
    return forWaitNotify(type, buffer, puts, takes, SketchLevel.of(ctx));
  }

  public static Suggestion forWaitNotify(TypeModel type, FieldModel buffer, Collection<MethodModel> puts, Collection<MethodModel> takes, int release) {
    List<Operation> putOps = new ArrayList<>();
    puts.forEach(m -> Operation.of(m, List.of(buffer)).ifPresent(putOps::add));
    List<Operation> takeOps = new ArrayList<>();
    takes.forEach(m -> Operation.of(m, List.of(buffer)).ifPresent(takeOps::add));
    String element = elementType(buffer.type())
        .or(() -> putOps.stream().filter(o -> o.params().size() == 1).map(o -> o.params().get(0).type()).findFirst())
        .or(() -> takeOps.stream().filter(Operation::returnsValue).map(Operation::returnType).findFirst())
        .orElse("Object");
    return of(type.simpleName(), OwnerSketch.imports(type), buffer.name(), element, capacity(type, buffer).orElse(null), putOps, takeOps, release);
  }

  /**
   * The sketch from plain data. {@code capacity} is the bound as a Java expression, or null when the
   * original buffer had none.
   */
  public static Suggestion of(String className, List<String> imports, String bufferName, String elementType, String capacity,
      List<Operation> puts, List<Operation> takes, int release) {
    StringBuilder c = new StringBuilder();
    c.append("// Sketch: ").append(className).append(" on a BlockingQueue; the queue does the waiting and the signalling.\n");
    int importsAt = c.length();
    c.append("public class ").append(className).append(" {\n");
    if (capacity == null) {
      c.append("  /** The original buffer had no bound; a bound gives producers back-pressure. */\n");
      c.append("  private static final int CAPACITY = 1024;\n");
    } else {
      c.append("  private static final int CAPACITY = ").append(capacity).append(";\n");
    }
    c.append("  private final BlockingQueue<").append(elementType).append("> ").append(bufferName)
        .append(" = new ArrayBlockingQueue<>(CAPACITY);\n");
    for (Operation op : puts) {
      Optional<Operation.Param> item = op.params().stream().filter(p -> p.type().equals(elementType)).findFirst()
          .or(() -> op.params().stream().findFirst());
      c.append('\n');
      c.append("  public void ").append(op.name()).append("(").append(params(op)).append(") throws InterruptedException {\n");
      if (item.isPresent()) {
        c.append("    ").append(bufferName).append(".put(").append(item.get().name()).append("); // waits while full\n");
      } else {
        c.append("    ").append(bufferName).append(".put(/* the new element */ null); // waits while full\n");
      }
      c.append("  }\n");
    }
    for (Operation op : takes) {
      c.append('\n');
      c.append("  public ").append(elementType).append(' ').append(op.name()).append("(").append(params(op)).append(") throws InterruptedException {\n");
      c.append("    return ").append(bufferName).append(".take(); // waits while empty\n");
      c.append("  }\n");
    }
    c.append("}\n");
    List<String> all = new ArrayList<>(ChannelWriter.usedImports(imports, c.substring(importsAt)));
    all.add("import java.util.concurrent.ArrayBlockingQueue;");
    all.add("import java.util.concurrent.BlockingQueue;");
    StringBuilder importLines = new StringBuilder();
    new java.util.TreeSet<>(all).forEach(i -> importLines.append(i).append('\n'));
    importLines.append('\n');
    c.insert(importsAt, importLines);
    String names = String.join(", ", puts.stream().map(o -> o.name() + "()").toList());
    String takeNames = String.join(", ", takes.stream().map(o -> o.name() + "()").toList());
    String title = "Replace " + className + "'s wait/notify buffer '" + bufferName + "' with a BlockingQueue<" + elementType + ">";
    String why = "A BlockingQueue already is a bounded buffer with the waiting built in: put() waits while it is full, take() while it is empty, "
        + "and it wakes exactly the threads that can proceed — no synchronized, wait(), notifyAll() or while loop is left to get wrong.\n"
        + (names.isEmpty() ? "" : names + (puts.size() == 1 ? " becomes a put" : " become puts") + "; ")
        + (takeNames.isEmpty() ? "" : takeNames + (takes.size() == 1 ? " becomes a take" : " become takes") + ".")
        + "\nArrayBlockingQueue keeps the bound" + (capacity == null ? " (choose one: the original had none)" : " (" + capacity + ")")
        + "; a SynchronousQueue hands each element directly from producer to consumer; LinkedBlockingQueue is unbounded (no back-pressure). "
        + "To stop consumers, put a poison-pill element they recognise, or interrupt them: take() throws InterruptedException.";
    return new Suggestion(title, why, c.toString());
  }

  private static String params(Operation op) {
    List<String> p = new ArrayList<>();
    op.params().forEach(x -> p.add(x.type() + " " + x.name()));
    return String.join(", ", p);
  }

  static Optional<String> elementType(Type t) {
    if (t instanceof ArrayType a) {
      return Optional.of(a.getComponentType().asString());
    }
    if (t instanceof ClassOrInterfaceType c && c.getTypeArguments().isPresent() && c.getTypeArguments().get().isNonEmpty()) {
      var args = c.getTypeArguments().get();
      return Optional.of(args.get(args.size() - 1).asString());
    }
    return Optional.empty();
  }

  private static Optional<String> capacity(TypeModel type, FieldModel buffer) {
    Optional<String> fromArray = buffer.variable().getInitializer()
        .filter(ArrayCreationExpr.class::isInstance).map(ArrayCreationExpr.class::cast)
        .flatMap(a -> a.getLevels().isEmpty() ? Optional.empty() : a.getLevels().get(0).getDimension())
        .map(Object::toString);
    if (fromArray.isPresent()) {
      Optional<FieldModel> named = type.field(fromArray.get());
      if (named.isEmpty()) {
        return fromArray;
      }
      return named.get().variable().getInitializer().map(Object::toString);
    }
    for (FieldModel f : type.fields()) {
      VariableDeclarator v = f.variable();
      if (f.isFinal() && CAPACITY_NAMES.contains(f.name().toLowerCase(Locale.ROOT)) && v.getInitializer().isPresent()
          && (f.typeName().equals("int") || f.typeName().equals("Integer"))) {
        return Optional.of(v.getInitializer().get().toString());
      }
    }
    return Optional.empty();
  }
}
