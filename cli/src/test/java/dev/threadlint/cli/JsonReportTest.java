package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadlint.core.testing.ReportSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real scans through the CLI: the JSON validates against docs/report-schema.json and is deterministic. */
@Timeout(120)
class JsonReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private void writeMixedTree() {
    Cli.write(dir, "a/Both.java", Cli.BOTH);
    Cli.write(dir, "a/Clean.java", Cli.CLEAN);
    Cli.write(dir, "b/Broken.java", "class Broken { void f( { }\n");
    Cli.write(dir, "b/Suppressed.java", """
        class Suppressed {
          @SuppressWarnings("threadlint:thread-run-called")
          void go(Thread t) {
            t.run();
          }
          void other() {
            // threadlint:ignore bad-monitor the literal is private to this test fixture
            synchronized ("x") {}
            synchronized ("y") {} // threadlint:ignore bad-monitor
          }
        }
        """);
  }

  @Test
  void scanOutputValidatesAgainstTheSchema() throws Exception {
    writeMixedTree();
    try {
      Files.write(dir.resolve("b/Binary.java"), new byte[] {1, 0, 2});
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }

    Cli r = Cli.run("scan", "--format", "json", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(ReportSchema.errors(r.out())).isEmpty();
    JsonNode root = MAPPER.readTree(r.out());
    // the document exercises findings with fixes and suggestions, suppressions of both kinds, and diagnostics
    assertThat(root.at("/findings").size()).as("the two in a/Both.java").isEqualTo(2);
    assertThat(root.at("/suppressed").size()).isEqualTo(3);
    assertThat(root.at("/suppressed").findValuesAsText("kind")).contains("annotation", "comment");
    assertThat(root.at("/diagnostics").findValuesAsText("code")).containsExactlyInAnyOrder("binary-file", "parse-error", "bad-suppression");
    assertThat(root.at("/findings").findValues("fixes").stream().mapToInt(JsonNode::size).sum()).isPositive();
    assertThat(root.at("/summary/filesScanned").asInt()).isEqualTo(3);
    assertThat(root.at("/tool/version").asText()).isEqualTo(dev.threadlint.core.engine.Version.get());
  }

  @Test
  void emptyScanValidatesToo() {
    Cli r = Cli.run("scan", "--format", "json", dir.toString());

    assertThat(r.code()).isEqualTo(0);
    assertThat(ReportSchema.errors(r.out())).isEmpty();
    assertThat(r.out()).contains("\"code\" : \"no-sources\"");
  }

  @Test
  void validatorIsReallyOn() throws Exception {
    writeMixedTree();
    Cli r = Cli.run("scan", "--format", "json", dir.toString());
    ObjectNode root = (ObjectNode) MAPPER.readTree(r.out());
    ((ObjectNode) root.at("/findings/0/location")).remove("line");
    root.put("schemaVersion", "1");

    List<String> errors = ReportSchema.errors(root);

    assertThat(errors).anySatisfy(e -> assertThat(e).contains("line"));
    assertThat(errors).anySatisfy(e -> assertThat(e).contains("schemaVersion"));
    assertThat(ReportSchema.errors("{\"schemaVersion\": 1}")).isNotEmpty();
  }

  private String withoutTimings(String json) throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(json);
    assertThat(root.has("timingsMillis")).isTrue();
    root.remove("timingsMillis");
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  @Test
  void outputIsIdenticalAcrossRunsAndThreadCounts() throws Exception {
    for (int i = 0; i < 40; i++) {
      Cli.write(dir, "p" + (i % 5) + "/C" + i + ".java", """
          class C%d {
            private Integer boxed = 0;
            void go() {
              Thread t = new Thread(() -> {});
              t.run();
              synchronized (boxed) { boxed++; }
              synchronized (getClass()) {}
            }
          }
          """.formatted(i));
    }
    writeMixedTree();

    List<String> reports = new ArrayList<>();
    for (String threads : List.of("1", "4", "1", "4")) {
      Cli r = Cli.run("scan", "--format", "json", "--threads", threads, dir.toString());
      assertThat(r.code()).isEqualTo(1);
      reports.add(withoutTimings(r.out()));
    }
    List<String> texts = new ArrayList<>();
    for (String threads : List.of("1", "4")) {
      texts.add(Cli.run("scan", "--threads", threads, dir.toString()).out());
    }

    assertThat(reports).allSatisfy(rep -> assertThat(rep).isEqualTo(reports.get(0)));
    assertThat(texts.get(1)).isEqualTo(texts.get(0));
    JsonNode findings = MAPPER.readTree(reports.get(0)).get("findings");
    // three per generated class (run(), boxed monitor, getClass()) and the two in a/Both.java
    assertThat(findings.size()).isEqualTo(40 * 3 + 2);
    // sorted by path, line, column, rule id
    for (int i = 1; i < findings.size(); i++) {
      JsonNode a = findings.get(i - 1);
      JsonNode b = findings.get(i);
      int byFile = a.at("/location/file").asText().compareTo(b.at("/location/file").asText());
      int byLine = Integer.compare(a.at("/location/line").asInt(), b.at("/location/line").asInt());
      int byCol = Integer.compare(a.at("/location/column").asInt(), b.at("/location/column").asInt());
      int byRule = a.get("ruleId").asText().compareTo(b.get("ruleId").asText());
      int order = byFile != 0 ? byFile : byLine != 0 ? byLine : byCol != 0 ? byCol : byRule;
      assertThat(order).as("finding %d before %d", i - 1, i).isLessThanOrEqualTo(0);
    }
  }

  @Test
  void userDerivedTextIsEscaped() throws Exception {
    String name = "we\"ird dir #1 100%/" + (nonAsciiFileNames() ? "Grüße" : "Gruesse") + " Quote.java";
    Path odd = Cli.write(dir, name, """
        class Quote {
          void go() {
            synchronized ("a \\"quoted\\" \\\\ lock\\n") {}
          }
        }
        """);

    Cli r = Cli.run("scan", "--format", "json", "--output", dir.resolve("r.json").toString(), dir.toString());

    String json = Files.readString(dir.resolve("r.json"), StandardCharsets.UTF_8);
    assertThat(r.code()).isEqualTo(0);
    assertThat(ReportSchema.errors(json)).isEmpty();
    JsonNode f = MAPPER.readTree(json).at("/findings/0");
    assertThat(f.at("/location/file").asText()).endsWith(name);
    assertThat(f.get("message").asText()).contains("\"a \\\"quoted\\\" \\\\ lock\\n\"");
    assertThat(odd).exists();
  }

  /** File names are bytes on Unix; under a C/POSIX locale the JVM cannot map non-ASCII names. */
  private static boolean nonAsciiFileNames() {
    try {
      Path.of("Grüße");
      return true;
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }
}
