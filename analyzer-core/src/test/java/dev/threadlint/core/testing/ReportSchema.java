package dev.threadlint.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates JSON reports against the schema the repository documents, {@code docs/report-schema.json},
 * read from the repository itself (tests run with the module directory as working directory).
 */
public final class ReportSchema {
  /** The schema file, relative to any module directory. */
  public static final Path FILE = Path.of("..", "docs", "report-schema.json");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile JsonSchema schema;

  private ReportSchema() {}

  public static String text() {
    try {
      return Files.readString(FILE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report schema at " + FILE.toAbsolutePath(), e);
    }
  }

  private static JsonSchema schema() {
    if (schema == null) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text());
    }
    return schema;
  }

  /** The validation errors of {@code json} (empty when it conforms), as "path: message" lines. */
  public static List<String> errors(String json) {
    try {
      return errors(MAPPER.readTree(json));
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
  }

  public static List<String> errors(JsonNode json) {
    return schema().validate(json).stream().map(ValidationMessage::toString).sorted().toList();
  }
}
