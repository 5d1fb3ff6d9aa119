package dev.threadlint.core.suggest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the Java text of an owner class: a command type per operation, a bounded
 * {@code BlockingQueue} of commands, one owner loop that alone holds the state, public methods that
 * send commands (and return a {@code CompletableFuture} where a result or a checked exception comes
 * back), and shutdown by a poison-pill command with an interrupt as the last resort.
 */
final class ChannelWriter {
  private final String className;
  private final String sourceClass;
  private final String commandType;
  private final List<String> imports;
  private final List<StateField> fields;
  private final List<Operation> ops;
  private final int release;
  private final List<String> header;
  private final StringBuilder out = new StringBuilder();
  private final Map<Operation, String> recordNames = new LinkedHashMap<>();
  private final Set<String> taken = new HashSet<>();
  private final String stop;
  private final String queue;
  private final String owner;
  private final String loop;
  private final String close;
  private final String replyHelper;
  private final String capacity;

  /** Declarations (whole lines) of the source class's other fields that the moved bodies use; not owned state. */
  private final List<String> context;

  ChannelWriter(String className, String sourceClass, List<String> imports, List<StateField> fields, List<Operation> ops, int release, List<String> header) {
    this(className, sourceClass, imports, fields, List.of(), ops, release, header);
  }

  ChannelWriter(String className, String sourceClass, List<String> imports, List<StateField> fields, List<String> context, List<Operation> ops,
      int release, List<String> header) {
    this.context = context;
    this.className = className;
    this.sourceClass = sourceClass;
    this.commandType = className + "Command";
    this.imports = imports;
    this.fields = fields;
    this.ops = ops;
    this.release = release;
    this.header = header;
    taken.add(className);
    taken.add(commandType);
    fields.forEach(f -> taken.add(f.name()));
    for (Operation op : ops) {
      taken.add(op.name());
      taken.add(handler(op));
    }
    for (Operation op : ops) {
      recordNames.put(op, unique(capitalize(op.name())));
    }
    this.stop = unique("Stop");
    this.queue = unique("commands");
    this.owner = unique("owner");
    this.loop = unique("run");
    this.close = taken.contains("close") ? unique("shutdown") : unique("close");
    this.replyHelper = unique("reply");
    this.capacity = unique("CAPACITY");
  }

  private String unique(String base) {
    String name = base;
    int i = 2;
    while (!taken.add(name)) {
      name = base + i++;
    }
    return name;
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String handler(Operation op) {
    return "do" + capitalize(op.name());
  }

  /** Commands that carry a reply: a result, or a checked exception to hand back. */
  private static boolean replies(Operation op) {
    return op.returnsValue() || !op.thrown().isEmpty();
  }

  static String boxed(String type) {
    return switch (type) {
      case "void" -> "Void";
      case "int" -> "Integer";
      case "char" -> "Character";
      case "long" -> "Long";
      case "boolean" -> "Boolean";
      case "double" -> "Double";
      case "float" -> "Float";
      case "short" -> "Short";
      case "byte" -> "Byte";
      default -> type;
    };
  }

  private String typeParams(Operation op) {
    return op.typeParameters().isEmpty() ? "" : "<" + String.join(", ", op.typeParameters()) + ">";
  }

  private String wildcards(Operation op) {
    if (op.typeParameters().isEmpty()) {
      return "";
    }
    List<String> w = new ArrayList<>();
    op.typeParameters().forEach(t -> w.add("?"));
    return "<" + String.join(", ", w) + ">";
  }

  private String replyName(Operation op) {
    for (Operation.Param p : op.params()) {
      if (p.name().equals("reply")) {
        return "result";
      }
    }
    return "reply";
  }

  private void line(int indent, String text) {
    if (!text.isEmpty()) {
      out.append("  ".repeat(indent)).append(text);
    }
    out.append('\n');
  }

  String write() {
    boolean modern = SketchLevel.modern(release);
    boolean records = SketchLevel.records(release);
    for (String h : header) {
      line(0, "// " + h);
    }
    Set<String> jdk = new TreeSet<>(List.of("java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.BlockingQueue"));
    if (ops.stream().anyMatch(ChannelWriter::replies)) {
      jdk.add("java.util.concurrent.Callable");
      jdk.add("java.util.concurrent.CompletableFuture");
    }
    if (!modern) {
      jdk.add("java.util.concurrent.ExecutorService");
      jdk.add("java.util.concurrent.Executors");
      jdk.add("java.util.concurrent.TimeUnit");
    }
    int importsAt = out.length();
    line(0, "");
    line(0, "public final class " + className + (close.equals("close") ? " implements AutoCloseable" : "") + " {");
    line(1, "/** Bounded: when the owner falls behind, senders block in put() (back-pressure). */");
    line(1, "private static final int " + capacity + " = 1024;");
    line(0, "");
    // the command type and one command per operation
    List<String> permits = new ArrayList<>(recordNames.values());
    permits.add(stop);
    if (records) {
      line(1, "private sealed interface " + commandType + " permits " + String.join(", ", permits) + " {}");
    } else {
      line(1, "private interface " + commandType + " {}");
    }
    line(0, "");
    for (Operation op : ops) {
      List<String> components = new ArrayList<>();
      op.params().forEach(p -> components.add(p.storedType() + " " + p.name()));
      if (replies(op)) {
        components.add("CompletableFuture<" + boxed(op.returnType()) + "> " + replyName(op));
      }
      String access = access(op);
      if (!access.isEmpty()) {
        line(1, "/** " + access + " */");
      }
      String name = recordNames.get(op);
      if (records) {
        line(1, "private record " + name + typeParams(op) + "(" + String.join(", ", components) + ") implements " + commandType + " {}");
      } else {
        writeClassCommand(name + typeParams(op), name, components);
      }
    }
    if (records) {
      line(1, "private record " + stop + "() implements " + commandType + " {}");
    } else {
      line(1, "private static final class " + stop + " implements " + commandType + " {}");
    }
    line(0, "");
    line(1, "private final BlockingQueue<" + commandType + "> " + queue + " = new ArrayBlockingQueue<>(" + capacity + ");");
    if (modern) {
      line(1, "private final Thread " + owner + ";");
    } else {
      line(1, "private final ExecutorService " + owner + " = Executors.newSingleThreadExecutor();");
    }
    line(0, "");
    if (!fields.isEmpty()) {
      line(1, "// Touched only by the owner loop: no lock, no volatile needed.");
    }
    for (StateField f : fields) {
      line(1, "private " + (f.isFinal() ? "final " : "") + f.type() + " " + f.name() + (f.initializer().isEmpty() ? "" : " = " + f.initializer()) + ";");
    }
    if (!context.isEmpty()) {
      line(0, "");
      line(1, "// Used by the moved bodies, declared as in " + sourceClass + "; not state the owner needs to own (final, thread-safe or outside the group).");
      context.forEach(c -> line(1, c));
    }
    line(0, "");
    line(1, "public " + className + "() {");
    if (modern) {
      line(2, owner + " = Thread.ofVirtual().name(\"" + decapitalize(className) + "-owner\").start(this::" + loop + ");");
    } else {
      line(2, owner + ".execute(this::" + loop + ");");
    }
    line(1, "}");
    // public methods become sends
    for (Operation op : ops) {
      line(0, "");
      writeSend(op);
    }
    line(0, "");
    line(1, "/** Stops the owner after the commands already queued; interrupts it if it does not stop in time. */");
    if (close.equals("close")) {
      line(1, "@Override");
    }
    line(1, "public void " + close + "() throws InterruptedException {");
    line(2, queue + ".put(new " + stop + "());");
    if (modern) {
      line(2, owner + ".join(10_000);");
      line(2, "if (" + owner + ".isAlive()) {");
      line(3, owner + ".interrupt();");
      line(2, "}");
    } else {
      line(2, owner + ".shutdown();");
      line(2, "if (!" + owner + ".awaitTermination(10, TimeUnit.SECONDS)) {");
      line(3, owner + ".shutdownNow(); // interrupts the loop");
      line(2, "}");
    }
    line(1, "}");
    line(0, "");
    writeLoop(modern, records);
    for (Operation op : ops) {
      line(0, "");
      writeHandler(op);
    }
    if (ops.stream().anyMatch(ChannelWriter::replies)) {
      line(0, "");
      line(1, "private static <T> void " + replyHelper + "(CompletableFuture<T> reply, Callable<T> operation) {");
      line(2, "try {");
      line(3, "reply.complete(operation.call());");
      line(2, "} catch (Exception e) {");
      line(3, "reply.completeExceptionally(e);");
      line(2, "}");
      line(1, "}");
    }
    line(0, "}");
    Set<String> all = new TreeSet<>(usedImports(imports, out.substring(importsAt)));
    jdk.forEach(j -> all.add("import " + j + ";"));
    StringBuilder importLines = new StringBuilder();
    all.forEach(i -> importLines.append(i).append('\n'));
    out.insert(importsAt, importLines);
    return out.toString();
  }

  /** The import lines whose simple name the code mentions (on-demand and static imports are kept). */
  static List<String> usedImports(List<String> imports, String code) {
    List<String> keep = new ArrayList<>();
    for (String i : imports) {
      String name = i.replace("import", "").replace(";", "").strip();
      if (name.startsWith("static ") || name.endsWith("*")) {
        keep.add(i);
        continue;
      }
      String simple = name.substring(name.lastIndexOf('.') + 1);
      if (java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(simple) + "\\b").matcher(code).find()) {
        keep.add(i);
      }
    }
    return keep;
  }

  private static String decapitalize(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private String access(Operation op) {
    List<String> parts = new ArrayList<>();
    if (!op.writes().isEmpty()) {
      parts.add("writes " + String.join(", ", new TreeSet<>(op.writes())));
    }
    Set<String> onlyRead = new TreeSet<>(op.reads());
    onlyRead.removeAll(op.writes());
    if (!onlyRead.isEmpty()) {
      parts.add("reads " + String.join(", ", onlyRead));
    }
    return parts.isEmpty() ? "" : capitalize(op.name()) + " " + String.join("; ", parts) + ".";
  }

  private void writeClassCommand(String declared, String name, List<String> components) {
    line(1, "private static final class " + declared + " implements " + commandType + " {");
    for (String c : components) {
      line(2, "final " + c + ";");
    }
    List<String> assigns = new ArrayList<>();
    for (String c : components) {
      String n = c.substring(c.lastIndexOf(' ') + 1);
      assigns.add("this." + n + " = " + n + ";");
    }
    line(0, "");
    line(2, name + "(" + String.join(", ", components) + ") {");
    assigns.forEach(a -> line(3, a));
    line(2, "}");
    line(1, "}");
  }

  private void writeSend(Operation op) {
    List<String> params = new ArrayList<>();
    List<String> args = new ArrayList<>();
    op.params().forEach(p -> {
      params.add(p.type() + " " + p.name());
      args.add(p.name());
    });
    String tp = op.typeParameters().isEmpty() ? "" : typeParams(op) + " ";
    String name = recordNames.get(op);
    String diamond = op.typeParameters().isEmpty() ? "" : "<>";
    if (replies(op)) {
      String future = "CompletableFuture<" + boxed(op.returnType()) + ">";
      String reply = replyName(op);
      line(1, "public " + tp + future + " " + op.name() + "(" + String.join(", ", params) + ") throws InterruptedException {");
      line(2, future + " " + reply + " = new CompletableFuture<>();");
      args.add(reply);
      line(2, queue + ".put(new " + name + diamond + "(" + String.join(", ", args) + "));");
      line(2, "return " + reply + ";");
    } else {
      line(1, "public " + tp + "void " + op.name() + "(" + String.join(", ", params) + ") throws InterruptedException {");
      line(2, queue + ".put(new " + name + diamond + "(" + String.join(", ", args) + "));");
    }
    line(1, "}");
  }

  private String call(Operation op, boolean records) {
    List<String> args = new ArrayList<>();
    op.params().forEach(p -> args.add("c." + p.name() + (records ? "()" : "")));
    String invoke = handler(op) + "(" + String.join(", ", args) + ")";
    if (!replies(op)) {
      return invoke + ";";
    }
    String reply = "c." + replyName(op) + (records ? "()" : "");
    if (op.returnsValue()) {
      return replyHelper + "(" + reply + ", () -> " + invoke + ");";
    }
    return replyHelper + "(" + reply + ", () -> { " + invoke + "; return null; });";
  }

  private void writeLoop(boolean modern, boolean records) {
    line(1, "/** The owner: takes one command at a time, so the state needs no lock. */");
    line(1, "private void " + loop + "() {");
    line(2, "try {");
    line(3, "while (true) {");
    line(4, commandType + " command = " + queue + ".take();");
    line(4, "try {");
    if (modern) {
      line(5, "switch (command) {");
      for (Operation op : ops) {
        line(6, "case " + recordNames.get(op) + wildcards(op) + " c -> " + call(op, true));
      }
      line(6, "case " + stop + " c -> {");
      line(7, "return;");
      line(6, "}");
      line(5, "}");
    } else {
      boolean first = true;
      for (Operation op : ops) {
        String name = recordNames.get(op);
        String test = records ? "command instanceof " + name + wildcards(op) + " c" : "command instanceof " + name;
        line(first ? 5 : 0, (first ? "if (" : "") + test + ") {");
        if (!records) {
          line(6, name + wildcards(op) + " c = (" + name + wildcards(op) + ") command;");
        }
        line(6, call(op, records));
        out.append("  ".repeat(5)).append("} else if (");
        first = false;
      }
      if (first) {
        out.append("  ".repeat(5)).append("if (");
      }
      out.append("command instanceof ").append(stop).append(") {\n");
      line(6, "return;");
      line(5, "}");
    }
    line(4, "} catch (RuntimeException e) {");
    line(5, "// a failing command must not end the owner: report it and serve the next one");
    line(5, "Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);");
    line(4, "}");
    line(3, "}");
    line(2, "} catch (InterruptedException e) {");
    line(3, "Thread.currentThread().interrupt(); // interrupted while waiting: stop owning the state");
    line(2, "}");
    line(1, "}");
  }

  private void writeHandler(Operation op) {
    List<String> params = new ArrayList<>();
    op.params().forEach(p -> params.add(p.storedType() + " " + p.name()));
    String tp = op.typeParameters().isEmpty() ? "" : typeParams(op) + " ";
    String throwsClause = op.thrown().isEmpty() ? "" : " throws " + String.join(", ", op.thrown());
    line(1, "/** The body of " + sourceClass + "." + op.name() + "(), now run by the owner only. */");
    line(1, "private " + tp + op.returnType() + " " + handler(op) + "(" + String.join(", ", params) + ")" + throwsClause + " {");
    if (op.body().isBlank()) {
      line(2, "throw new UnsupportedOperationException(\"move the body of " + op.name() + "() here\");");
    } else {
      String body = op.body().strip();
      if (body.startsWith("{") && body.endsWith("}")) {
        body = body.substring(1, body.length() - 1);
      }
      for (String l : body.strip().split("\\R")) {
        String t = l.stripTrailing();
        // JavaParser prints bodies with 4-space indentation; re-indent to this sketch's 2 spaces
        int spaces = 0;
        while (spaces < t.length() && t.charAt(spaces) == ' ') {
          spaces++;
        }
        line(2, " ".repeat(Math.max(0, spaces / 2 - 2)) + t.strip());
      }
    }
    line(1, "}");
  }
}
