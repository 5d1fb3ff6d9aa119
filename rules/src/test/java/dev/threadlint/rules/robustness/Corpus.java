package dev.threadlint.rules.robustness;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real Java files to mutate: this repository's own sources (read at test time, relative to the
 * module directory) and a few inline concurrency snippets, each with its token boundaries by kind.
 */
final class Corpus {
  /** One source with the start offset and length of every token, grouped by token category. */
  record Source(String name, String text, Map<JavaToken.Category, List<int[]>> tokens) {}

  private static volatile List<Source> all;

  private Corpus() {}

  static List<Source> sources() {
    List<Source> s = all;
    if (s == null) {
      synchronized (Corpus.class) {
        if (all == null) {
          all = load();
        }
        s = all;
      }
    }
    return s;
  }

  /** Module directories whose main sources serve as seeds; paths are relative to the rules module. */
  private static final List<String> ROOTS = List.of(
      "../analyzer-core/src/main/java", "src/main/java", "../cli/src/main/java", "../samples/src/main/java");

  /** Seeds larger than this are skipped, to keep each try fast. */
  private static final int MAX_SEED_CHARS = 16_000;

  private static List<Source> load() {
    List<Source> out = new ArrayList<>();
    for (String[] snippet : SNIPPETS) {
      out.add(source(snippet[0], snippet[1]));
    }
    for (String root : ROOTS) {
      Path dir = Path.of(root);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted(Comparator.comparing(Path::toString)).toList()) {
          String text = Files.readString(p, StandardCharsets.UTF_8);
          if (text.length() <= MAX_SEED_CHARS) {
            out.add(source(p.getFileName().toString(), text));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (out.size() < SNIPPETS.length + 10) {
      throw new IllegalStateException("expected the repository's own sources under " + ROOTS + " (working directory "
          + Path.of("").toAbsolutePath() + ")");
    }
    return List.copyOf(out);
  }

  private static Source source(String name, String text) {
    ParserConfiguration c = new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.RAW).setStoreTokens(true);
    ParseResult<CompilationUnit> r = new JavaParser(c).parse(text);
    Map<JavaToken.Category, List<int[]>> tokens = new EnumMap<>(JavaToken.Category.class);
    if (r.getResult().isPresent() && r.getResult().get().getTokenRange().isPresent()) {
      int offset = 0;
      StringBuilder seen = new StringBuilder();
      for (JavaToken t : r.getResult().get().getTokenRange().get()) {
        String tt = t.getText();
        if (!tt.isEmpty()) {
          tokens.computeIfAbsent(t.getCategory(), k -> new ArrayList<>()).add(new int[] {offset, tt.length()});
        }
        offset += tt.length();
        seen.append(tt);
      }
      if (!seen.toString().equals(text)) {
        tokens.clear(); // tokens do not tile the text: fall back to character positions
      }
    }
    return new Source(name, text, tokens);
  }

  /** Inline concurrency code: rules fire on these, so mutants carry findings. */
  static final String[][] SNIPPETS = {
    {"Account.java", """
        package bank;

        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;

        public class Account {
          private long balance;
          private Integer version = 0;
          private final Object lock = new Object();

          public void deposit(long amount) {
            synchronized (version) {
              balance += amount;
            }
          }

          public synchronized long balance() {
            return balance;
          }

          void transfer(Account to, long amount) {
            synchronized (this) {
              synchronized (to) {
                balance -= amount;
                to.balance += amount;
              }
            }
          }

          void runAll(ExecutorService pool) {
            Thread t = new Thread(() -> deposit(1));
            t.run();
            pool.submit(() -> { synchronized (lock) { balance++; } });
            ExecutorService single = Executors.newSingleThreadExecutor();
            single.execute(t);
          }
        }
        """},
    {"Cache.java", """
        package cache;

        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.locks.ReentrantLock;

        /** A cache with \\u0041 escapes, "quotes" and a text block. */
        class Cache<K, V> {
          private final Map<K, V> map = new HashMap<>();
          private final ReentrantLock lock = new ReentrantLock();
          private volatile boolean closed;
          private static final String HELP = \"""
              usage: cache <key>
                \\t tabbed "quoted" line
              \""";

          V get(K key) {
            synchronized ("cache") {
              return map.get(key);
            }
          }

          void put(K key, V value) {
            lock.lock();
            try {
              if (!closed) map.put(key, value);
            } finally {
              lock.unlock();
            }
          }

          void onEach(java.util.function.BiConsumer<K, V> f) {
            synchronized (lock) {
              map.forEach(f);
            }
            char c = '\\u00e9';
            int x = 0x7fff_ffff, y = 0b1010, z = 1_000;
            new Thread() { @Override public void run() { closed = true; } }.run();
          }
        }
        """},
    {"Worker.java", """
        package work;

        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.LinkedBlockingQueue;

        public final class Worker extends Thread {
          sealed interface Command permits Add, Get {}
          record Add(int n) implements Command {}
          record Get(CompletableFuture<Integer> reply) implements Command {}

          private final BlockingQueue<Command> inbox = new LinkedBlockingQueue<>();
          private int total;

          @Override
          public void run() {
            while (!isInterrupted()) {
              try {
                switch (inbox.take()) {
                  case Add a -> total += a.n();
                  case Get g -> g.reply().complete(total);
                }
              } catch (InterruptedException e) {
                return;
              }
            }
          }

          void demo() throws Exception {
            Worker w = new Worker();
            w.run();
            synchronized (getClass()) { total++; }
            var f = CompletableFuture.supplyAsync(() -> total).thenApply(x -> x + 1);
            Object o = switch (total) { case 0 -> "zero"; default -> { yield "many"; } };
          }
        }
        """},
  };
}
