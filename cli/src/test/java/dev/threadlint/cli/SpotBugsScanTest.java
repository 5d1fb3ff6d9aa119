package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code threadlint scan --classes}: the built-in rules and SpotBugs on the same sample, compiled
 * here with javac. A defect both tools find is reported once, as our finding carrying SpotBugs'
 * evidence; one JSON scan is shared by the assertions.
 */
class SpotBugsScanTest {
  @TempDir
  static Path tmp;

  static Path src;
  static Path classes;
  static JsonNode report;
  static int exitCode;

  static final Map<String, String> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put("demo/Starter.java", """
        package demo;

        public class Starter {
          public void launch(Thread worker) {
            worker.run();
          }
        }
        """); // line 5: thread-run-called and RU_INVOKE_RUN
    SOURCES.put("demo/BoxLock.java", """
        package demo;

        public class BoxLock {
          private final Integer lock = 42;
          private int hits;

          public void hit() {
            synchronized (lock) {
              hits++;
            }
          }
        }
        """); // line 8: bad-monitor and DL_SYNCHRONIZATION_ON_BOXED_PRIMITIVE
    SOURCES.put("demo/LockMonitor.java", """
        package demo;

        import java.util.concurrent.locks.ReentrantLock;

        public class LockMonitor {
          private final ReentrantLock lock = new ReentrantLock();
          private int n;

          public void bump() {
            synchronized (lock) {
              n++;
            }
          }
        }
        """); // line 10: bad-monitor and JLM_JSR166_LOCK_MONITORENTER
    SOURCES.put("demo/Counter.java", """
        package demo;

        public class Counter {
          private int count;

          public void increment() {
            synchronized (this) {
              count++;
            }
          }

          public void reset() {
            synchronized (this) {
              count = 0;
            }
          }

          public boolean isPositive() {
            return count > 0;
          }
        }
        """); // line 19: IS2_INCONSISTENT_SYNC only (no source rule for it yet)
  }

  @BeforeAll
  static void compileAndScan() throws IOException {
    src = tmp.resolve("src");
    classes = tmp.resolve("classes");
    List<Path> files = new ArrayList<>();
    for (var e : SOURCES.entrySet()) {
      Path p = src.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      files.add(Files.writeString(p, e.getValue(), StandardCharsets.UTF_8));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (var fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Files.createDirectories(classes);
      var quiet = new javax.tools.DiagnosticCollector<javax.tools.JavaFileObject>(); // javac warns about BoxLock, as it should
      boolean ok = javac.getTask(null, fm, quiet, List.of("-g", "--release", "17", "-d", classes.toString()), null,
          fm.getJavaFileObjectsFromPaths(files)).call();
      assertThat(ok).as("javac").isTrue();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    exitCode = Main.run(new String[] {"scan", src.toString(), "--classes", classes.toString(), "--format", "json", "--fail-on", "never"},
        new PrintWriter(out), new PrintWriter(err));
    assertThat(err.toString()).as("nothing on stderr, SpotBugs included").isEmpty();
    report = new ObjectMapper().readTree(out.toString());
  }

  static List<JsonNode> findingsIn(String file) {
    return StreamSupport.stream(report.get("findings").spliterator(), false)
        .filter(f -> f.at("/location/file").asText().endsWith(file)).toList();
  }

  static List<String> evidenceMessages(JsonNode finding) {
    return StreamSupport.stream(finding.get("evidence").spliterator(), false).map(e -> e.get("message").asText()).toList();
  }

  @Test
  void runCalledDirectly_reportedOnceWithBothEvidences() {
    assertThat(exitCode).isZero();
    List<JsonNode> starter = findingsIn("Starter.java");
    assertThat(starter).singleElement().satisfies(f -> {
      assertThat(f.get("ruleId").asText()).isEqualTo("thread-run-called");
      assertThat(f.at("/location/line").asInt()).isEqualTo(5);
      assertThat(evidenceMessages(f)).anySatisfy(m -> assertThat(m).startsWith("also reported by SpotBugs as RU_INVOKE_RUN: "));
    });
  }

  @Test
  void boxedMonitor_reportedOnceWithBothEvidences() {
    assertThat(findingsIn("BoxLock.java")).singleElement().satisfies(f -> {
      assertThat(f.get("ruleId").asText()).isEqualTo("bad-monitor");
      assertThat(f.at("/location/line").asInt()).isEqualTo(8);
      assertThat(evidenceMessages(f)).anySatisfy(m -> assertThat(m).startsWith("also reported by SpotBugs as DL_SYNCHRONIZATION_ON_"));
    });
  }

  @Test
  void lockUsedAsMonitor_reportedOnceWithBothEvidences() {
    assertThat(findingsIn("LockMonitor.java")).singleElement().satisfies(f -> {
      assertThat(f.get("ruleId").asText()).isEqualTo("bad-monitor");
      assertThat(f.at("/location/line").asInt()).isEqualTo(10);
      assertThat(evidenceMessages(f)).anySatisfy(m -> assertThat(m).startsWith("also reported by SpotBugs as JLM_JSR166_LOCK_MONITORENTER: "));
    });
  }

  @Test
  void raceFoundByBothTools_reportedOnceWithBothEvidences() {
    // the unsynchronized read in isPositive() is our inconsistent-synchronization and SpotBugs' IS2
    assertThat(findingsIn("Counter.java")).singleElement().satisfies(f -> {
      assertThat(f.get("ruleId").asText()).isEqualTo("inconsistent-synchronization");
      assertThat(f.at("/location/line").asInt()).isEqualTo(19);
      assertThat(f.get("message").asText()).contains("'count'");
      assertThat(evidenceMessages(f)).anySatisfy(m -> assertThat(m).startsWith("also reported by SpotBugs as IS2_INCONSISTENT_SYNC: "));
    });
    List<String> ruleIds = StreamSupport.stream(report.get("rules").spliterator(), false).map(r -> r.get("id").asText()).toList();
    assertThat(ruleIds).contains("thread-run-called", "bad-monitor", "inconsistent-synchronization");
    // merged patterns fired too, but only as evidence: they are not listed as rules with findings of their own
    assertThat(ruleIds).doesNotContain("spotbugs:IS2_INCONSISTENT_SYNC", "spotbugs:RU_INVOKE_RUN", "spotbugs:JLM_JSR166_LOCK_MONITORENTER");
    assertThat(report.at("/timingsMillis/spotbugs").isNumber()).isTrue();
  }

  @Test
  void textFormat_showsTheMergedEvidence() {
    // a second, short scan of one file: the same pipeline, another reporter
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"scan", src.resolve("demo/Counter.java").toString(), "--classes", classes.toString(), "--fail-on", "never", "--no-color"},
        new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    assertThat(out.toString()).contains("Counter.java:19:").contains("[inconsistent-synchronization]")
        .contains("also reported by SpotBugs as IS2_INCONSISTENT_SYNC");
    // classes whose sources were not scanned are named, not silently dropped
    assertThat(out.toString()).contains("[spotbugs-no-source] SpotBugs reports RU_INVOKE_RUN in class demo.Starter");
  }

  @Test
  void noSpotbugs_skipsTheCrossCheck() throws IOException {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"scan", src.toString(), "--classes", classes.toString(), "--no-spotbugs", "--format", "json", "--fail-on", "never"},
        new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    JsonNode r = new ObjectMapper().readTree(out.toString());
    assertThat(r.get("findings").toString()).doesNotContain("spotbugs:").doesNotContain("also reported by SpotBugs");
    assertThat(r.at("/timingsMillis/spotbugs").isMissingNode()).isTrue();
  }

  @Test
  void missingClassFolder_exitsWithUsageErrorOnOneLine() {
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"scan", src.toString(), "--classes", tmp.resolve("nope").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString().strip()).startsWith("threadlint: class folder not found: ").doesNotContain("\n");
  }

  @Test
  void rulesCommand_listsEnabledSpotBugsPatterns() {
    StringWriter out = new StringWriter();
    assertThat(Main.run(new String[] {"rules"}, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
    assertThat(out.toString()).contains("SpotBugs MT_CORRECTNESS patterns")
        .containsPattern("spotbugs:IS2_INCONSISTENT_SYNC +ranked +shared mutable state +Inconsistent synchronization")
        .containsPattern("spotbugs:RU_INVOKE_RUN +ranked +lock discipline");
  }

  static {
    if (ToolProvider.getSystemJavaCompiler() == null) {
      throw new UncheckedIOException(new IOException("a JDK (with javac) is needed to run this test"));
    }
  }
}
