package samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.report.JsonReporter;
import dev.threadlint.core.report.sarif.SarifReporter;
import dev.threadlint.core.testing.ReportSchema;
import dev.threadlint.rules.BuiltInRules;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reports of a scan of every sample validate against their schemas and carry the evidence. */
class SamplesReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static AnalysisResult result;

  @BeforeAll
  static void scanSamples() {
    String dir = System.getProperty("samples.dir");
    Path samples = dir == null || dir.isBlank() ? Path.of("").toAbsolutePath() : Path.of(dir);
    AnalysisRequest request = AnalysisRequest.builder().path(samples.resolve("src/main/java")).baseDir(samples).threads(2).build();
    result = new Analyzer(new RuleRegistry(new BuiltInRules().rules())).analyze(request);
  }

  @Test
  void jsonReportOfTheSamplesConformsToTheDocumentedSchema() throws Exception {
    StringWriter out = new StringWriter();
    new JsonReporter().write(result, out);
    assertThat(ReportSchema.errors(out.toString())).isEmpty();
    assertThat(JSON.readTree(out.toString()).at("/findings").size()).isEqualTo(result.findings().size()).isGreaterThan(10);
  }

  @Test
  void sarifReportOfTheSamplesConformsToSarif210_withEvidenceAndFlows() throws Exception {
    StringWriter out = new StringWriter();
    new SarifReporter().write(result, out);
    JsonSchema schema;
    try (InputStream in = SarifReporter.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      assertThat(in).as("official SARIF 2.1.0 schema on the classpath").isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    JsonNode sarif = JSON.readTree(out.toString());
    List<String> violations = new ArrayList<>();
    schema.validate(sarif).forEach(m -> violations.add(m.getMessage()));
    assertThat(violations).isEmpty();

    JsonNode cycle = null;
    JsonNode race = null;
    for (JsonNode r : sarif.at("/runs/0/results")) {
      String rule = r.path("ruleId").asText();
      if (cycle == null && rule.equals("lock-order-cycle")) {
        cycle = r;
      }
      if (race == null && rule.equals("unguarded-shared-field")) {
        race = r;
      }
    }
    assertThat(cycle).as("a lock-order cycle among the samples").isNotNull();
    assertThat(cycle.path("relatedLocations").size()).as("every edge of the cycle is evidence").isGreaterThanOrEqualTo(2);
    assertThat(cycle.path("codeFlows").size()).isGreaterThan(0);
    assertThat(race).as("a race among the samples").isNotNull();
    assertThat(race.path("relatedLocations").size()).as("both conflicting accesses").isGreaterThanOrEqualTo(2);
    assertThat(race.at("/partialFingerprints").size()).isGreaterThan(0);
  }
}
