package dev.threadlint.core.analysis;

import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.TypeModel;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.Optional;
import java.util.Set;

/**
 * What is known about JDK and common-library types and methods, kept as data: which types are
 * thread-safe or immutable, which collections are not, which objects keep hidden mutable state,
 * which collection methods read or write contents, and which annotations mean "thread-safe",
 * "singleton" or "guarded by". Matching is by simple name so no symbol resolution is needed.
 */
public final class ThreadSafety {
  private ThreadSafety() {}

  /** Types whose instances may be shared between threads without extra locking. */
  public static final Set<String> THREAD_SAFE_TYPES = Set.of(
      "ConcurrentHashMap", "ConcurrentMap", "ConcurrentSkipListMap", "ConcurrentSkipListSet", "ConcurrentNavigableMap",
      "ConcurrentLinkedQueue", "ConcurrentLinkedDeque", "CopyOnWriteArrayList", "CopyOnWriteArraySet",
      "BlockingQueue", "BlockingDeque", "TransferQueue", "ArrayBlockingQueue", "LinkedBlockingQueue", "LinkedBlockingDeque",
      "PriorityBlockingQueue", "DelayQueue", "SynchronousQueue", "LinkedTransferQueue",
      "AtomicInteger", "AtomicLong", "AtomicBoolean", "AtomicReference", "AtomicIntegerArray", "AtomicLongArray",
      "AtomicReferenceArray", "AtomicMarkableReference", "AtomicStampedReference", "LongAdder", "DoubleAdder",
      "LongAccumulator", "DoubleAccumulator", "AtomicIntegerFieldUpdater", "AtomicLongFieldUpdater", "AtomicReferenceFieldUpdater",
      "ThreadLocal", "InheritableThreadLocal",
      "Executor", "ExecutorService", "ScheduledExecutorService", "ThreadPoolExecutor", "ScheduledThreadPoolExecutor",
      "ForkJoinPool", "CompletionService", "ExecutorCompletionService", "CompletableFuture", "Future", "FutureTask",
      "Lock", "ReentrantLock", "ReadWriteLock", "ReentrantReadWriteLock", "StampedLock", "Condition",
      "Semaphore", "CountDownLatch", "CyclicBarrier", "Phaser", "Exchanger",
      "Thread", "ThreadGroup", "Timer", "Random", "SecureRandom", "Logger", "Log", "Clock", "Object",
      "Vector", "Hashtable", "StringBuffer", "Charset", "VarHandle", "MethodHandle",
      "Cache", "LoadingCache", "Striped", "RateLimiter", "EventBus", "Meter", "Counter", "Histogram");

  /** Immutable value types: sharing them is safe. */
  public static final Set<String> IMMUTABLE_TYPES = Set.of(
      "String", "Integer", "Long", "Short", "Byte", "Character", "Boolean", "Double", "Float", "Number",
      "BigInteger", "BigDecimal", "UUID", "Pattern", "Class", "Optional", "OptionalInt", "OptionalLong", "OptionalDouble",
      "Instant", "Duration", "Period", "LocalDate", "LocalTime", "LocalDateTime", "ZonedDateTime", "OffsetDateTime",
      "OffsetTime", "ZoneId", "ZoneOffset", "Year", "YearMonth", "MonthDay", "DateTimeFormatter", "Locale", "Currency",
      "Path", "URI", "URL", "File", "InetAddress", "InetSocketAddress", "TimeUnit", "ChronoUnit", "Enum", "Void",
      "ImmutableList", "ImmutableSet", "ImmutableMap", "ImmutableSortedMap", "ImmutableSortedSet", "ImmutableMultimap",
      "ImmutableListMultimap", "ImmutableSetMultimap", "ImmutableCollection", "ImmutableTable", "ImmutableBiMap",
      "ImmutableRangeSet", "ImmutableRangeMap", "Splitter", "Joiner", "CharMatcher", "MediaType");

  /** Collections whose contents must not be mutated by one thread while another uses them. */
  public static final Set<String> NON_THREAD_SAFE_COLLECTIONS = Set.of(
      "HashMap", "LinkedHashMap", "TreeMap", "IdentityHashMap", "WeakHashMap", "EnumMap",
      "ArrayList", "LinkedList", "HashSet", "LinkedHashSet", "TreeSet", "EnumSet", "ArrayDeque", "PriorityQueue", "BitSet",
      "Map", "List", "Set", "Collection", "Queue", "Deque", "SortedMap", "NavigableMap", "SortedSet", "NavigableSet",
      "Multimap", "ListMultimap", "SetMultimap", "HashMultimap", "ArrayListMultimap", "Multiset", "HashMultiset", "Table", "HashBasedTable");

  /** Initializers that make an interface-typed collection field thread-safe or immutable. */
  public static final Set<String> SAFE_COLLECTION_FACTORIES = Set.of(
      "synchronizedMap", "synchronizedList", "synchronizedSet", "synchronizedSortedMap", "synchronizedSortedSet",
      "synchronizedNavigableMap", "synchronizedNavigableSet", "synchronizedCollection",
      "unmodifiableMap", "unmodifiableList", "unmodifiableSet", "unmodifiableCollection", "unmodifiableSortedMap",
      "unmodifiableSortedSet", "unmodifiableNavigableMap", "emptyMap", "emptyList", "emptySet", "singletonList",
      "singleton", "singletonMap", "of", "copyOf", "ofEntries", "newConcurrentMap", "newSetFromMap", "newKeySet");

  /** Objects with hidden mutable state that are unsafe to share; the formatters are the classic case. */
  public static final Set<String> NON_THREAD_SAFE_OBJECTS = Set.of(
      "SimpleDateFormat", "DateFormat", "DecimalFormat", "NumberFormat", "MessageFormat", "ChoiceFormat",
      "Calendar", "GregorianCalendar", "MessageDigest", "Mac", "Cipher", "Signature", "StringBuilder", "Matcher",
      "Formatter", "CharsetEncoder", "CharsetDecoder", "Deflater", "Inflater", "CRC32", "Adler32");

  /** The formatter subset of {@link #NON_THREAD_SAFE_OBJECTS}. */
  public static final Set<String> FORMATTERS = Set.of(
      "SimpleDateFormat", "DateFormat", "DecimalFormat", "NumberFormat", "MessageFormat", "ChoiceFormat", "Calendar", "GregorianCalendar");

  /** Calls on a collection that change its contents. */
  public static final Set<String> CONTAINER_WRITES = Set.of(
      "put", "putAll", "putIfAbsent", "remove", "removeAll", "retainAll", "removeIf", "clear", "add", "addAll",
      "set", "offer", "offerFirst", "offerLast", "push", "pop", "poll", "pollFirst", "pollLast", "addFirst", "addLast",
      "removeFirst", "removeLast", "compute", "computeIfAbsent", "computeIfPresent", "merge", "replace", "replaceAll",
      "sort", "pollFirstEntry", "pollLastEntry", "trimToSize", "ensureCapacity", "flip", "setAll", "putEntry");

  /** Calls on a collection that read its contents. */
  public static final Set<String> CONTAINER_READS = Set.of(
      "get", "getOrDefault", "containsKey", "containsValue", "contains", "containsAll", "size", "isEmpty", "iterator",
      "listIterator", "keySet", "values", "entrySet", "stream", "parallelStream", "forEach", "indexOf", "lastIndexOf",
      "peek", "peekFirst", "peekLast", "element", "first", "last", "firstKey", "lastKey", "firstEntry", "lastEntry",
      "headMap", "tailMap", "subMap", "headSet", "tailSet", "subSet", "subList", "toArray", "equals", "hashCode",
      "toString", "ceiling", "floor", "higher", "lower", "ceilingKey", "floorKey", "ceilingEntry", "floorEntry",
      "higherKey", "lowerKey", "descendingMap", "descendingSet", "spliterator", "getFirst", "getLast", "count");

  /** Simple names of annotations that declare a class thread-safe. */
  public static final Set<String> THREAD_SAFE_ANNOTATIONS = Set.of("ThreadSafe");

  /** Simple names of annotations that make a class a container-managed singleton. */
  public static final Set<String> SINGLETON_ANNOTATIONS = Set.of(
      "Component", "Service", "Controller", "RestController", "Repository", "Singleton", "ApplicationScoped", "Configuration");

  /** Annotations on a field or a setter that mean "injected once by the container at start-up". */
  public static final Set<String> INJECTION_ANNOTATIONS = Set.of(
      "Autowired", "Inject", "Value", "Resource", "PersistenceContext", "EJB", "PostConstruct", "Required", "ConfigProperty");

  /** Annotations that mark a field or class as safe by other means. */
  public static final Set<String> IMMUTABLE_ANNOTATIONS = Set.of("Immutable");

  /** Non-singleton scopes: a bean in one of these is not shared by all requests. */
  public static final Set<String> NON_SINGLETON_SCOPES = Set.of("prototype", "request", "session", "thread");

  /** Simple names of supertypes that make a class a servlet. */
  public static final Set<String> SERVLET_TYPES = Set.of("HttpServlet", "GenericServlet", "Servlet");

  /** True when a type name (simple, erased) is thread-safe or immutable. */
  public static boolean isSafeTypeName(String simple) {
    if (simple == null) {
      return false;
    }
    String s = simple.contains(".") ? simple.substring(simple.lastIndexOf('.') + 1) : simple;
    return THREAD_SAFE_TYPES.contains(s) || IMMUTABLE_TYPES.contains(s)
        || s.startsWith("Atomic") || s.startsWith("Concurrent") || s.startsWith("CopyOnWrite") || s.startsWith("Immutable")
        || s.endsWith("BlockingQueue") || s.endsWith("Executor") || s.endsWith("ExecutorService") || s.endsWith("Logger")
        || s.endsWith("Lock") || isPrimitive(s);
  }

  public static boolean isPrimitive(String s) {
    return switch (s) {
      case "int", "long", "short", "byte", "char", "boolean", "double", "float" -> true;
      default -> false;
    };
  }

  /** True when a field's type or initializer makes its contents safe to share (thread-safe, immutable, a record with final parts, a wrapped collection). */
  public static boolean isSafeField(FieldModel f) {
    if (isSafeTypeName(f.typeName())) {
      return true;
    }
    if (f.hasAnnotation("Immutable")) {
      return true;
    }
    Optional<Expression> init = f.variable().getInitializer();
    if (init.isPresent()) {
      Expression e = Locks.unwrap(init.get());
      if (e instanceof ObjectCreationExpr oce && isSafeTypeName(oce.getType().getNameAsString())) {
        return true;
      }
      if (e instanceof MethodCallExpr mc && SAFE_COLLECTION_FACTORIES.contains(mc.getNameAsString())) {
        return true;
      }
    }
    return false;
  }

  /** True when a field holds a collection that is not thread-safe (by declared type, unless initialized safely). */
  public static boolean isUnsafeCollectionField(FieldModel f) {
    String t = f.typeName();
    if (!NON_THREAD_SAFE_COLLECTIONS.contains(t)) {
      return false;
    }
    Optional<Expression> init = f.variable().getInitializer();
    if (init.isPresent()) {
      Expression e = Locks.unwrap(init.get());
      if (e instanceof ObjectCreationExpr oce) {
        String created = oce.getType().getNameAsString();
        return !isSafeTypeName(created) && !created.equals("Vector") && !created.equals("Hashtable");
      }
      if (e instanceof MethodCallExpr mc && SAFE_COLLECTION_FACTORIES.contains(mc.getNameAsString())) {
        return false;
      }
      if (isInterfaceType(t)) {
        return false; // made by a factory or a conditional: the implementation is not evident
      }
    }
    // an interface-typed field assigned in a constructor: unsafe only if every value is a new unsafe collection
    if (isInterfaceType(t)) {
      for (var m : f.owner().methods()) {
        if (!m.isConstructor() || m.body().isEmpty()) {
          continue;
        }
        for (com.github.javaparser.ast.expr.AssignExpr a : m.body().get().findAll(com.github.javaparser.ast.expr.AssignExpr.class)) {
          Expression target = Locks.unwrap(a.getTarget());
          String name = target instanceof com.github.javaparser.ast.expr.NameExpr n ? n.getNameAsString()
              : target instanceof com.github.javaparser.ast.expr.FieldAccessExpr fa ? fa.getNameAsString() : "";
          if (name.equals(f.name())) {
            Expression v = Locks.unwrap(a.getValue());
            if (!(v instanceof ObjectCreationExpr oce) || isSafeTypeName(oce.getType().getNameAsString())) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  private static boolean isInterfaceType(String t) {
    return switch (t) {
      case "Map", "List", "Set", "Collection", "Queue", "Deque", "SortedMap", "NavigableMap", "SortedSet", "NavigableSet",
          "Multimap", "ListMultimap", "SetMultimap", "Multiset", "Table" -> true;
      default -> false;
    };
  }

  /** True when a field holds a non-thread-safe object such as a {@code SimpleDateFormat}. */
  public static boolean isUnsafeObjectField(FieldModel f) {
    return NON_THREAD_SAFE_OBJECTS.contains(f.typeName());
  }

  /** True when a type is a record (all components final) or is annotated immutable. */
  public static boolean isImmutableType(TypeModel t) {
    if (t.kind() == TypeModel.Kind.RECORD || t.kind() == TypeModel.Kind.ENUM) {
      return true;
    }
    if (t.annotations().stream().anyMatch(IMMUTABLE_ANNOTATIONS::contains)) {
      return true;
    }
    return !t.fields().isEmpty() && t.fields().stream().allMatch(f -> f.isStatic() || (f.isFinal() && isSafeTypeName(f.typeName())));
  }
}
