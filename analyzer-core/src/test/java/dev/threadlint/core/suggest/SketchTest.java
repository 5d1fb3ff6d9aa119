package dev.threadlint.core.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.MethodModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.Resolver;
import dev.threadlint.core.program.SourceFile;
import dev.threadlint.core.program.TypeModel;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SketchTest {
  private static final String COUNTER = """
      package demo;

      import java.util.ArrayList;
      import java.util.List;

      public class Counter {
        private int count;
        private final List<String> log = new ArrayList<>();
        private String name = "hits";

        public synchronized void increment(int by) {
          count += by;
          log.add("+" + by);
        }

        public int get() {
          synchronized (this) {
            return count;
          }
        }

        public List<String> history(int last) throws java.io.IOException {
          return new ArrayList<>(log.subList(Math.max(0, log.size() - last), log.size()));
        }

        public String name() {
          return name;
        }

        private void trim() {
          log.clear();
        }
      }
      """;

  private static Program program(Map<String, String> sources) {
    List<SourceFile> files = new ArrayList<>();
    for (var e : sources.entrySet()) {
      Path p = Path.of("/virtual/src").resolve(e.getKey()).toAbsolutePath();
      CompilationUnit cu = new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_17)).parse(e.getValue()).getResult().orElseThrow();
      cu.setStorage(p);
      files.add(new SourceFile(p, e.getValue(), cu));
    }
    return new Program(files, new Resolver(List.of(), (p, why) -> {}));
  }

  private static TypeModel type(Program p, String name) {
    return p.types().stream().filter(t -> t.simpleName().equals(name)).findFirst().orElseThrow();
  }

  private static List<FieldModel> fields(TypeModel t, String... names) {
    return List.of(names).stream().map(n -> t.field(n).orElseThrow()).toList();
  }

  private static List<MethodModel> methods(TypeModel t, String... names) {
    return List.of(names).stream().map(n -> t.methods().stream().filter(m -> m.name().equals(n)).findFirst().orElseThrow()).toList();
  }

  static boolean parses(String code, LanguageLevel level) {
    ParseResult<CompilationUnit> r = new JavaParser(new ParserConfiguration().setLanguageLevel(level)).parse(code);
    return r.isSuccessful();
  }

  static List<String> compile(Path out, int release, Map<String, String> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(URI.create("string:///" + name), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignore) {
        return text;
      }
    }));
    javac.getTask(null, null, diagnostics, List.of("--release", String.valueOf(release), "-proc:none", "-d", out.toString()), null, units).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }

  private static Path classesDir(String name) throws Exception {
    Path dir = Path.of("target", "sketch-classes", name);
    Files.createDirectories(dir);
    return dir;
  }

  @Test
  void ownerSketch_java21_namesTheRealCodeAndUsesAVirtualThreadAndPatternSwitch() {
    Program p = program(Map.of("demo/Counter.java", COUNTER));
    TypeModel counter = type(p, "Counter");
    Suggestion s = OwnerSketch.forSharedState(counter, fields(counter, "count", "log"), counter.methods(), 21);
    String code = s.codeSketch();
    assertThat(s.title()).isEqualTo("Give Counter's state (count, log) one owner fed through a BlockingQueue");
    assertThat(code)
        .contains("private sealed interface CounterCommand permits Increment, Get, History, Stop {}")
        .contains("private record Increment(int by) implements CounterCommand {}")
        .contains("private record Get(CompletableFuture<Integer> reply) implements CounterCommand {}")
        .contains("private record History(int last, CompletableFuture<List<String>> reply) implements CounterCommand {}")
        .contains("private record Stop() implements CounterCommand {}")
        .contains("private final BlockingQueue<CounterCommand> commands = new ArrayBlockingQueue<>(CAPACITY);")
        .contains("Thread.ofVirtual().name(\"counter-owner\").start(this::run)")
        .contains("switch (command) {")
        .contains("case Increment c -> doIncrement(c.by());")
        .contains("case Get c -> reply(c.reply(), () -> doGet());")
        .contains("public CompletableFuture<Integer> get() throws InterruptedException {")
        .contains("public void increment(int by) throws InterruptedException {")
        .contains("commands.put(new Increment(by));")
        // the original bodies moved into the owner, the synchronized block unwrapped
        .contains("count += by;").contains("log.add(\"+\" + by);")
        .contains("private List<String> doHistory(int last) throws java.io.IOException {")
        .contains("/** Increment writes count, log. */")
        .contains("/** Get reads count. */")
        .contains("import java.util.List;")
        .doesNotContain("synchronized")
        .doesNotContain("name()"); // does not touch the shared fields: not a command
    assertThat(s.explanation()).contains("SynchronousQueue").contains("virtual thread").contains("Stop")
        .contains("increment(by) → Increment").contains("The private helpers trim()");
    assertThat(parses(code, LanguageLevel.JAVA_21)).as(code).isTrue();
    assertThat(parses(code, LanguageLevel.JAVA_17)).as("pattern switch needs 21").isFalse();
  }

  @Test
  void ownerSketch_java17_executorAndInstanceofChain_compilesAndWorks() throws Exception {
    Program p = program(Map.of("demo/Counter.java", COUNTER));
    TypeModel counter = type(p, "Counter");
    Suggestion s = OwnerSketch.forSharedState(counter, fields(counter, "count", "log"), counter.methods(), 17);
    String code = "package demo;\n" + s.codeSketch();
    assertThat(code).contains("Executors.newSingleThreadExecutor()").contains("if (command instanceof Increment c) {")
        .contains("} else if (command instanceof Stop) {").doesNotContain("ofVirtual").doesNotContain("switch");
    assertThat(parses(code, LanguageLevel.JAVA_17)).isTrue();
    Path out = classesDir("owner17");
    assertThat(compile(out, 17, Map.of("demo/Counter.java", code))).as(code).isEmpty();
    // run the sketch: many threads send increments; the owner applies them all, with no lock
    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> c = loader.loadClass("demo.Counter");
      Object counterSketch = c.getConstructor().newInstance();
      Method increment = c.getMethod("increment", int.class);
      ExecutorService senders = Executors.newFixedThreadPool(4);
      for (int i = 0; i < 400; i++) {
        senders.submit(() -> {
          increment.invoke(counterSketch, 1);
          return null;
        });
      }
      senders.shutdown();
      assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<?> total = (CompletableFuture<?>) c.getMethod("get").invoke(counterSketch);
      assertThat(total.get(30, TimeUnit.SECONDS)).isEqualTo(400);
      CompletableFuture<?> history = (CompletableFuture<?>) c.getMethod("history", int.class).invoke(counterSketch, 2);
      assertThat(history.get(30, TimeUnit.SECONDS)).isEqualTo(List.of("+1", "+1"));
      c.getMethod("close").invoke(counterSketch);
    }
  }

  @Test
  void ownerSketch_java11_classesInsteadOfRecords_compiles() throws Exception {
    Program p = program(Map.of("demo/Counter.java", COUNTER));
    TypeModel counter = type(p, "Counter");
    String code = "package demo;\n" + OwnerSketch.forSharedState(counter, fields(counter, "count", "log"), counter.methods(), 11).codeSketch();
    assertThat(code).doesNotContain("record ").doesNotContain("sealed").contains("private static final class Increment implements CounterCommand {")
        .contains("Increment c = (Increment) command;");
    assertThat(parses(code, LanguageLevel.JAVA_11)).as(code).isTrue();
    assertThat(compile(classesDir("owner11"), 11, Map.of("demo/Counter.java", code))).as(code).isEmpty();
  }

  @Test
  void ownerSketch_fromPlainData_avoidsNameClashes() {
    Operation stop = Operation.of("stop", List.of(), "void");
    Operation put = Operation.of("put", List.of(new Operation.Param("String", "reply")), "boolean");
    Suggestion s = OwnerSketch.of("Pump", List.of(), List.of(new StateField("boolean", "commands", "false")), List.of(stop, put), 21);
    assertThat(s.codeSketch()).contains("permits Stop, Put, Stop2").contains("BlockingQueue<PumpCommand> commands2")
        .contains("record Put(String reply, CompletableFuture<Boolean> result)")
        .contains("throw new UnsupportedOperationException(\"move the body of stop() here\");");
    assertThat(parses(s.codeSketch(), LanguageLevel.JAVA_21)).as(s.codeSketch()).isTrue();
  }

  /** Method names that the sketch itself would use (run, close, reply), overloads, varargs and a generic method. */
  private static final String AWKWARD = """
      package demo;

      import java.util.ArrayList;
      import java.util.List;

      public class Jobs implements Runnable, AutoCloseable {
        private int CAPACITY = 3;
        private final List<String> names = new ArrayList<>();

        public void run() { CAPACITY++; }
        public void close() { names.clear(); }
        public String reply(String to) { return to + names.size(); }
        public void add(String name) { names.add(name); }
        public void add(int times) { for (int i = 0; i < times; i++) names.add("x"); }
        public void addAll(String... more) { names.addAll(List.of(more)); }
        public <T extends CharSequence> int longest(List<T> of) { return names.size() + of.size(); }
      }
      """;

  @ParameterizedTest
  @ValueSource(ints = {11, 17})
  void ownerSketch_clashingNamesOverloadsVarargsGenerics_compile(int release) throws Exception {
    Program p = program(Map.of("demo/Jobs.java", AWKWARD));
    TypeModel jobs = type(p, "Jobs");
    String code = "package demo;\n" + OwnerSketch.forSharedState(jobs, fields(jobs, "CAPACITY", "names"), jobs.methods(), release).codeSketch();
    assertThat(code).contains("public void shutdown() throws InterruptedException")
        .contains("private void run2() {").contains("private static final int CAPACITY2 = 1024;").doesNotContain("implements AutoCloseable");
    if (release == 11) {
      assertThat(code).doesNotContain("sealed").contains("private static final class Add2 implements JobsCommand {");
    } else {
      assertThat(code).contains("permits Run, Close, Reply, Add, Add2, AddAll, Longest, Stop");
    }
    assertThat(compile(classesDir("awkward" + release), release, Map.of("demo/Jobs.java", code))).as(code).isEmpty();
  }

  private static final String BANK = """
      package bank;

      public class Bank {
        public void transfer(Account from, Account to, long amount) {
          synchronized (from) {
            synchronized (to) {
              from.balance -= amount;
              to.balance += amount;
            }
          }
        }
      }
      """;
  private static final String ACCOUNT = """
      package bank;

      public class Account {
        long balance;
      }
      """;

  @ParameterizedTest
  @ValueSource(ints = {17, 21})
  void ledgerSketch_movesTheTransferIntoOneOwner(int release) throws Exception {
    Program p = program(Map.of("bank/Bank.java", BANK, "bank/Account.java", ACCOUNT));
    TypeModel bank = type(p, "Bank");
    Suggestion s = LedgerSketch.forLockCycle(List.of("from", "to"), "Account", methods(bank, "transfer"), release);
    String code = s.codeSketch();
    assertThat(code).contains("public final class Ledger implements AutoCloseable")
        .contains("Transfer(Account from, Account to, long amount)")
        .contains("public void transfer(Account from, Account to, long amount) throws InterruptedException {")
        .contains("from.balance -= amount;").contains("to.balance += amount;")
        .contains("/** The body of Bank.transfer(), now run by the owner only. */")
        .doesNotContain("synchronized");
    assertThat(s.title()).isEqualTo("Let one Ledger perform transfer(from, to, amount) instead of locking Accounts in turn");
    assertThat(s.explanation()).contains("from → to → from").contains("from.id() < to.id()").contains("System.identityHashCode(from)").contains("TIE_LOCK");
    assertThat(parses(code, release == 21 ? LanguageLevel.JAVA_21 : LanguageLevel.JAVA_17)).as(code).isTrue();
    if (release == 17) {
      assertThat(compile(classesDir("ledger"), 17, Map.of("bank/Ledger.java", "package bank;\n" + code, "bank/Account.java", ACCOUNT))).as(code).isEmpty();
    }
  }

  private static final String BUFFER = """
      import java.util.LinkedList;

      public class Mailbox {
        private static final int CAPACITY = 16;
        private final LinkedList<String> messages = new LinkedList<>();

        public synchronized void send(String message) throws InterruptedException {
          while (messages.size() == CAPACITY) {
            wait();
          }
          messages.addLast(message);
          notifyAll();
        }

        public synchronized String receive() throws InterruptedException {
          while (messages.isEmpty()) {
            wait();
          }
          notifyAll();
          return messages.removeFirst();
        }
      }
      """;

  @Test
  void queueSketch_keepsTheApiOnABlockingQueue() {
    Program p = program(Map.of("Mailbox.java", BUFFER));
    TypeModel box = type(p, "Mailbox");
    Suggestion s = QueueSketch.forWaitNotify(box, box.field("messages").orElseThrow(), methods(box, "send"), methods(box, "receive"), 17);
    String code = s.codeSketch();
    assertThat(code).contains("private static final int CAPACITY = 16;")
        .contains("private final BlockingQueue<String> messages = new ArrayBlockingQueue<>(CAPACITY);")
        .contains("public void send(String message) throws InterruptedException {\n    messages.put(message);")
        .contains("public String receive() throws InterruptedException {\n    return messages.take();")
        .doesNotContain("wait()").doesNotContain("synchronized")
        .doesNotContain("import java.util.LinkedList;"); // the original's import, no longer used
    assertThat(s.title()).isEqualTo("Replace Mailbox's wait/notify buffer 'messages' with a BlockingQueue<String>");
    assertThat(s.explanation()).contains("send() becomes a put").contains("receive() becomes a take").contains("SynchronousQueue");
    assertThat(parses(code, LanguageLevel.JAVA_17)).isTrue();
    assertThat(compile(Path.of("target", "sketch-classes", "queue"), 17, Map.of("Mailbox.java", code))).as(code).isEmpty();
  }

  @Test
  void queueSketch_arrayBuffer_elementTypeAndBoundFromTheArray() {
    Program p = program(Map.of("Ring.java", """
        class Ring {
          private final int size = 8;
          private final Object[] slots = new Object[size];
          synchronized void push(Object o) throws InterruptedException { }
          synchronized Object pop() throws InterruptedException { return null; }
        }
        """));
    TypeModel ring = type(p, "Ring");
    String code = QueueSketch.forWaitNotify(ring, ring.field("slots").orElseThrow(), methods(ring, "push"), methods(ring, "pop"), 11).codeSketch();
    assertThat(code).contains("CAPACITY = 8;").contains("BlockingQueue<Object> slots");
    assertThat(parses(code, LanguageLevel.JAVA_11)).isTrue();
  }

  static {
    new File("target/sketch-classes").mkdirs();
  }
}
