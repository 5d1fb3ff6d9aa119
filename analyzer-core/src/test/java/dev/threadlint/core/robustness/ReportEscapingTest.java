package dev.threadlint.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.report.JsonReporter;
import dev.threadlint.core.report.TextReporter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User-derived text survives into the text and JSON reports: a file name with spaces, quotes,
 * {@code #}, {@code %} and non-ASCII letters, and messages with quotes, line breaks, terminal
 * escapes and {@code </script>}. JSON gives the exact strings back; text keeps one line per
 * finding and per diagnostic.
 */
class ReportEscapingTest {
  static final String NAME = "Ünïcode Fïle #1 %20 \"q\".java";
  static final String BROKEN = "brökèn 'x' #2.java";
  static final String MESSAGE = "lock \"a\" held\nwhile calling 'b' </script><script>alert(1)</script> & \\ \u001b[31mred\r\nend";
  static final String EVIDENCE = "second\nline \"quoted\"";

  @TempDir
  Path dir;

  AnalysisResult result;

  /** Reports each type with a message full of characters that need escaping. */
  @RuleInfo(id = "noisy-message", title = "a message that needs escaping", severity = Severity.WARNING, category = Category.LOCK_DISCIPLINE,
      defectClass = "thread-misuse")
  public static final class NoisyMessage implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      for (TypeDeclaration<?> t : ctx.file().unit().getTypes()) {
        ctx.finding(t.getName(), MESSAGE).evidence(t, EVIDENCE).report();
      }
    }
  }

  @BeforeEach
  void scan() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("dir with space"));
    Files.writeString(sub.resolve(NAME), "class Weird {\n  int x;\n}\n", StandardCharsets.UTF_8);
    Files.writeString(sub.resolve(BROKEN), "class Broken {\n", StandardCharsets.UTF_8);
    AnalysisRequest request = AnalysisRequest.builder().path(dir).baseDir(dir).threads(1).build();
    result = new Analyzer(new RuleRegistry(List.of(new NoisyMessage()))).analyze(request);
    assertThat(result.findings()).hasSize(1);
    assertThat(result.diagnostics()).anyMatch(d -> d.code().equals("parse-error"));
  }

  @Test
  void json_givesBackTheExactPathAndMessages() throws IOException {
    StringWriter w = new StringWriter();
    new JsonReporter().write(result, w);
    JsonNode root = new ObjectMapper().readTree(w.toString());

    JsonNode f = root.get("findings").get(0);
    assertThat(f.get("location").get("file").asText()).isEqualTo("dir with space/" + NAME);
    assertThat(f.get("message").asText()).isEqualTo(MESSAGE);
    assertThat(f.get("evidence").get(0).get("message").asText()).isEqualTo(EVIDENCE);
    assertThat(f.get("evidence").get(0).get("location").get("file").asText()).isEqualTo("dir with space/" + NAME);
    assertThat(root.get("diagnostics").findValuesAsText("file")).contains("dir with space/" + BROKEN);
    // nothing raw that would end a line or a script element in an HTML page embedding the JSON
    assertThat(w.toString()).doesNotContain("\u001b");
  }

  @Test
  void text_keepsOneLinePerFindingAndDiagnostic() throws IOException {
    StringWriter w = new StringWriter();
    new TextReporter().write(result, w);
    List<String> lines = w.toString().lines().toList();

    List<String> topLevel = lines.stream().filter(l -> !l.startsWith(" ")).toList();
    assertThat(topLevel).hasSize(result.findings().size() + result.diagnostics().size() + 1);
    String finding = topLevel.stream().filter(l -> l.contains("[noisy-message]")).findFirst().orElseThrow();
    assertThat(finding).startsWith("dir with space/" + NAME + ":1:7: ");
    assertThat(finding).contains("lock \"a\" held\\nwhile calling 'b' </script><script>alert(1)</script> & \\ \\u001b[31mred\\r\\nend");
    assertThat(lines).anyMatch(l -> l.startsWith("    dir with space/" + NAME + ":1:1: second\\nline \"quoted\""));
    assertThat(topLevel).anyMatch(l -> l.startsWith("dir with space/" + BROKEN + ":") && l.contains("[parse-error]"));
    assertThat(w.toString()).doesNotContain("\u001b").doesNotContain("\r");
  }
}
