package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.threadlint.core.program.Program;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JDK calls that can block the calling thread for an unbounded or long time, as data: a
 * table from receiver type (simple name) to method names. Receiver types are matched by their
 * declared simple name, and by family suffix for the open-ended families ({@code *BlockingQueue},
 * {@code *Future}, {@code *InputStream}, {@code *Reader}). A receiver whose type is not evident
 * from declarations is never blocking (precision first).
 *
 * <p>Extra methods come from configuration as {@code "pkg.Type#method"} or {@code "Type#method"}
 * strings; only the simple type name and the method name are compared.
 */
public final class BlockingCalls {
  /** A blocking call: what to call it in messages, and the monitor it releases while it waits (for {@code wait()}). */
  public record Blocking(String description, Optional<LockId> releases) {}

  private static final Map<String, Set<String>> TABLE = Map.ofEntries(
      Map.entry("Thread", Set.of("sleep", "join")),
      Map.entry("TimeUnit", Set.of("sleep", "timedJoin", "timedWait")),
      Map.entry("CountDownLatch", Set.of("await")),
      Map.entry("CyclicBarrier", Set.of("await")),
      Map.entry("Phaser", Set.of("awaitAdvance", "awaitAdvanceInterruptibly", "arriveAndAwaitAdvance")),
      Map.entry("Semaphore", Set.of("acquire", "acquireUninterruptibly")),
      Map.entry("Exchanger", Set.of("exchange")),
      Map.entry("ExecutorService", Set.of("awaitTermination", "invokeAll", "invokeAny")),
      Map.entry("ThreadPoolExecutor", Set.of("awaitTermination", "invokeAll", "invokeAny")),
      Map.entry("ForkJoinPool", Set.of("awaitTermination", "invoke")),
      Map.entry("Process", Set.of("waitFor")),
      Map.entry("Socket", Set.of("connect")),
      Map.entry("ServerSocket", Set.of("accept")),
      Map.entry("ServerSocketChannel", Set.of("accept")),
      Map.entry("SocketChannel", Set.of("connect", "read", "write")),
      Map.entry("DatagramSocket", Set.of("receive")),
      Map.entry("Selector", Set.of("select")),
      Map.entry("HttpClient", Set.of("send")),
      Map.entry("URLConnection", Set.of("connect", "getInputStream")),
      Map.entry("HttpURLConnection", Set.of("connect", "getInputStream", "getResponseCode")),
      Map.entry("Files", Set.of("readAllBytes", "readAllLines", "readString", "write", "writeString", "copy", "move", "lines", "newInputStream")),
      Map.entry("FileChannel", Set.of("read", "write", "lock", "force")),
      Map.entry("Connection", Set.of("commit", "rollback", "prepareStatement", "createStatement", "prepareCall")),
      Map.entry("DataSource", Set.of("getConnection")),
      Map.entry("DriverManager", Set.of("getConnection")),
      Map.entry("Statement", Set.of("execute", "executeQuery", "executeUpdate", "executeBatch")),
      Map.entry("PreparedStatement", Set.of("execute", "executeQuery", "executeUpdate", "executeBatch")),
      Map.entry("CallableStatement", Set.of("execute", "executeQuery", "executeUpdate", "executeBatch")),
      Map.entry("ResultSet", Set.of("next")));

  private static final Set<String> QUEUE_METHODS = Set.of("put", "take");
  private static final Set<String> FUTURE_METHODS = Set.of("get", "join");
  private static final Set<String> STREAM_METHODS = Set.of("read", "readAllBytes", "readNBytes", "readLine", "transferTo");

  private final Set<String> extra;

  public BlockingCalls(Set<String> extra) {
    this.extra = Set.copyOf(extra);
  }

  public static final BlockingCalls DEFAULT = new BlockingCalls(Set.of());

  /** The blocking effect of {@code callNode}, if it is a known blocking call. */
  public Optional<Blocking> classify(Program program, Node callNode) {
    if (!(callNode instanceof MethodCallExpr call)) {
      return Optional.empty();
    }
    String name = call.getNameAsString();
    int args = call.getArguments().size();
    if (name.equals("wait") && args <= 2 && program.callGraph().targetsOf(call).isEmpty()
        && call.getArguments().stream().noneMatch(a -> a instanceof com.github.javaparser.ast.expr.ObjectCreationExpr || a instanceof com.github.javaparser.ast.expr.StringLiteralExpr)) {
      Expression scope = call.getScope().orElse(null);
      LockId monitor = scope == null ? unqualifiedThis(program, call) : Locks.lockOf(program, scope);
      return Optional.of(new Blocking(text(scope, name), Optional.of(monitor)));
    }
    if (call.getScope().isEmpty()) {
      return Optional.empty();
    }
    Expression scope = call.getScope().get();
    Optional<String> type = receiverType(program, scope);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    String t = type.get();
    if (isBlocking(t, name, args)) {
      return Optional.of(new Blocking(t + "." + name + "()", Optional.empty()));
    }
    for (String e : extra) {
      int hash = e.indexOf('#');
      if (hash > 0) {
        String et = e.substring(0, hash);
        et = et.substring(et.lastIndexOf('.') + 1);
        if (et.equals(t) && e.substring(hash + 1).equals(name)) {
          return Optional.of(new Blocking(t + "." + name + "()", Optional.empty()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isBlocking(String type, String name, int args) {
    Set<String> methods = TABLE.get(type);
    if (methods != null && methods.contains(name)) {
      return true;
    }
    if ((type.endsWith("BlockingQueue") || type.endsWith("BlockingDeque") || type.equals("TransferQueue")) && QUEUE_METHODS.contains(name)) {
      return true;
    }
    if ((type.equals("Future") || type.equals("FutureTask") || type.equals("CompletableFuture") || type.equals("ScheduledFuture")
        || type.equals("ForkJoinTask")) && FUTURE_METHODS.contains(name) && !(name.equals("join") && type.equals("Future"))) {
      return true;
    }
    if ((type.endsWith("InputStream") || type.endsWith("Reader") && !type.equals("StringReader")) && !type.equals("ByteArrayInputStream")
        && STREAM_METHODS.contains(name)) {
      return true;
    }
    return false;
  }

  private static Optional<String> receiverType(Program program, Expression scope) {
    Expression s = Locks.unwrap(scope);
    if (s instanceof NameExpr n && !n.getNameAsString().isEmpty() && Character.isUpperCase(n.getNameAsString().charAt(0))
        && program.localTypes().bind(n).filter(b -> b instanceof dev.threadlint.core.program.LocalTypes.TypeRef).isPresent()) {
      return Optional.of(n.getNameAsString());
    }
    return program.localTypes().typeName(s).filter(x -> !x.equals("var"));
  }

  private static LockId unqualifiedThis(Program program, MethodCallExpr call) {
    return program.enclosingType(call).map(t -> LockId.monitor(t.qualifiedName())).orElse(LockId.monitor(""));
  }

  private static String text(Expression scope, String name) {
    return (scope == null || scope instanceof ThisExpr ? "" : scope + ".") + name + "()";
  }

  /** Simple type names whose blocking methods are listed, for documentation and tests. */
  public static List<String> tableTypes() {
    return TABLE.keySet().stream().sorted().toList();
  }
}
