package dev.threadlint.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.testing.ReportSchema;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every field JsonReporter can write, checked against docs/report-schema.json. */
class JsonReporterSchemaTest {
  @RuleInfo(id = "sample-rule", title = "a sample", severity = Severity.WARNING, category = Category.SHARED_MUTABLE_STATE, defectClass = "race")
  static final class SampleRule implements Rule {}

  private static final Path BASE = Path.of("/work/project").toAbsolutePath();
  private static final Path FILE = BASE.resolve("src/main/java/a/B.java");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Finding finding(Finding.Suppression suppression) {
    SourceLocation at = new SourceLocation(FILE, 10, 5, 12, 7);
    return new Finding("sample-rule", Severity.ERROR, "write of 'count' without a lock", at, "B.increment",
        List.of(new Evidence(SourceLocation.ofLine(FILE, 20), "read under lock 'this'", "worker thread", List.of("Worker.run", "B.get")),
            new Evidence(SourceLocation.ofLine(FILE, 21), "second access")),
        new Suggestion("Give 'count' one owner", "Send increments through a BlockingQueue.", "queue.put(1);"),
        List.of(new Fix("Make 'count' volatile", FixKind.SAFE, List.of(new TextEdit(FILE, 100, 104, "volatile int"))),
            new Fix("Use a channel", FixKind.REFACTORING, List.of()),
            new Fix("Read JCIP 4.1", FixKind.ADVICE, List.of())),
        "0123456789abcdef0123456789abcdef", suppression);
  }

  private static AnalysisResult fullResult() {
    return new AnalysisResult("1.2.3", BASE, List.of(RuleMetadata.of(SampleRule.class)),
        List.of(finding(null)),
        List.of(finding(new Finding.Suppression(Finding.Suppression.Kind.ANNOTATION, "@SuppressWarnings")),
            finding(new Finding.Suppression(Finding.Suppression.Kind.COMMENT, "only called at start-up")),
            finding(new Finding.Suppression(Finding.Suppression.Kind.BASELINE, ""))),
        List.of(new Diagnostic("parse-error", Diagnostic.Level.ERROR, "Parse error. Found \"{\"", FILE, 3, 9),
            Diagnostic.of("binary-file", Diagnostic.Level.WARNING, FILE, "not a text file"),
            Diagnostic.of("no-sources", Diagnostic.Level.NOTE, null, "no Java source files found")),
        1, Map.of("parse", 12L, "total", 40L));
  }

  private static String json(AnalysisResult r, boolean timings) throws Exception {
    StringWriter w = new StringWriter();
    new JsonReporter(timings).write(r, w);
    return w.toString();
  }

  @Test
  void reportWithEveryOptionalPartConforms() throws Exception {
    String json = json(fullResult(), true);

    assertThat(ReportSchema.errors(json)).isEmpty();
    // the document really contains the parts under test
    var root = MAPPER.readTree(json);
    assertThat(root.at("/findings/0/evidence/0/callPath/1").asText()).isEqualTo("B.get");
    assertThat(root.at("/findings/0/fixes/0/edits/0/file").asText()).isEqualTo("src/main/java/a/B.java");
    assertThat(root.at("/suppressed/2/suppression/kind").asText()).isEqualTo("baseline");
    assertThat(root.at("/diagnostics/0/column").asInt()).isEqualTo(9);
    assertThat(root.at("/timingsMillis/parse").asLong()).isEqualTo(12);
  }

  @Test
  void reportWithoutTimingsOrFindingsConforms() throws Exception {
    AnalysisResult empty = new AnalysisResult("1.2.3", BASE, List.of(), List.of(), List.of(), List.of(), 0, Map.of());

    assertThat(ReportSchema.errors(json(empty, false))).isEmpty();
    assertThat(ReportSchema.errors(json(fullResult(), false))).isEmpty();
  }

  private static void assertRejected(Consumer<ObjectNode> breakIt, String expectedInError) throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(json(fullResult(), true));
    breakIt.accept(root);
    assertThat(ReportSchema.errors(root)).as("schema must reject the broken document").isNotEmpty()
        .anySatisfy(e -> assertThat(e).contains(expectedInError));
  }

  @Test
  void validatorRejectsBrokenDocuments() throws Exception {
    assertRejected(r -> r.remove("summary"), "summary");
    assertRejected(r -> r.put("schemaVersion", 2), "schemaVersion");
    assertRejected(r -> r.put("surprise", true), "surprise");
    assertRejected(r -> ((ObjectNode) r.at("/findings/0")).put("severity", "fatal"), "severity");
    assertRejected(r -> ((ObjectNode) r.at("/findings/0/location")).put("line", 0), "line");
    assertRejected(r -> ((ObjectNode) r.at("/findings/0")).put("ruleId", "Not Kebab"), "ruleId");
    assertRejected(r -> ((ObjectNode) r.at("/findings/0")).remove("fingerprint"), "fingerprint");
    assertRejected(r -> ((ObjectNode) r.at("/findings/0")).put("suppression", "x"), "suppression");
    assertRejected(r -> ((ObjectNode) r.at("/suppressed/0")).remove("suppression"), "suppression");
    assertRejected(r -> ((ObjectNode) r.at("/findings/0/fixes/0")).put("kind", "magic"), "kind");
    assertRejected(r -> ((ArrayNode) r.at("/findings/0/evidence")).addObject().put("message", "no location"), "location");
    assertRejected(r -> ((ObjectNode) r.at("/diagnostics/0")).put("level", "fatal"), "level");
    assertRejected(r -> ((ObjectNode) r.at("/timingsMillis")).put("parse", -1), "parse");
  }

  @Test
  void schemaIsShippedInTheJarUnchanged() throws Exception {
    try (InputStream in = JsonReporter.class.getResourceAsStream("report-schema.json")) {
      assertThat(in).as("report-schema.json beside JsonReporter").isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(ReportSchema.text());
    }
  }
}
