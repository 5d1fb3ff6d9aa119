import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The floor of threadlint's design: reading and parsing the same files with JavaParser at the same
 * language level and parallelism, in a warm JVM. Prints the median and spread of the measured
 * rounds. Usage: java -cp cli/target/threadlint.jar ParseOnly.java DIR THREADS WARMUP ROUNDS
 */
public class ParseOnly {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(() -> new JavaParser(
        new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_25).setStoreTokens(true)));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(null, r, "parse", 512L << 20));
    long[] times = new long[rounds];
    for (int round = 0; round < warmup + rounds; round++) {
      long t0 = System.nanoTime();
      List<Future<Boolean>> fs = new ArrayList<>();
      for (Path f : files) {
        fs.add(pool.submit(() -> parsers.get().parse(Files.readString(f, StandardCharsets.UTF_8)).isSuccessful()));
      }
      int ok = 0;
      for (Future<Boolean> f : fs) {
        ok += f.get() ? 1 : 0;
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (round >= warmup) {
        times[round - warmup] = ms;
      }
      if (round == 0) {
        System.err.println("parsed " + ok + "/" + files.size() + " files");
      }
    }
    pool.shutdown();
    Arrays.sort(times);
    System.out.println("median_ms=" + times[rounds / 2] + " min_ms=" + times[0] + " max_ms=" + times[rounds - 1]);
  }
}
