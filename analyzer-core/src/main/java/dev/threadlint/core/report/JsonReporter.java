package dev.threadlint.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.finding.TextEdit;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;

/** The JSON report; its schema is {@code docs/report-schema.json} (schemaVersion 1). */
public final class JsonReporter implements Reporter {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private final boolean includeTimings;

  public JsonReporter(boolean includeTimings) {
    this.includeTimings = includeTimings;
  }

  public JsonReporter() {
    this(true);
  }

  @Override
  public String formatId() {
    return "json";
  }

  @Override
  public void write(AnalysisResult result, Writer out) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode tool = root.putObject("tool");
    tool.put("name", "threadlint");
    tool.put("version", result.toolVersion());
    ArrayNode rules = root.putArray("rules");
    for (RuleMetadata m : result.rules()) {
      ObjectNode r = rules.addObject();
      r.put("id", m.id());
      r.put("title", m.title());
      r.put("category", m.category().id());
      r.put("defectClass", m.defectClass());
      r.put("defaultSeverity", m.defaultSeverity().label());
    }
    ArrayNode findings = root.putArray("findings");
    for (Finding f : result.findings()) {
      findings.add(finding(result, f));
    }
    ArrayNode suppressed = root.putArray("suppressed");
    for (Finding f : result.suppressed()) {
      ObjectNode n = finding(result, f);
      ObjectNode s = n.putObject("suppression");
      s.put("kind", f.suppression().kind().name().toLowerCase(Locale.ROOT));
      s.put("justification", f.suppression().justification());
      suppressed.add(n);
    }
    ArrayNode diagnostics = root.putArray("diagnostics");
    for (Diagnostic d : result.diagnostics()) {
      ObjectNode n = diagnostics.addObject();
      n.put("code", d.code());
      n.put("level", d.level().name().toLowerCase(Locale.ROOT));
      n.put("message", d.message());
      if (d.file() != null) {
        n.put("file", result.displayPath(d.file()));
      }
      if (d.line() > 0) {
        n.put("line", d.line());
        n.put("column", Math.max(1, d.column()));
      }
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("filesScanned", result.filesScanned());
    summary.put("findings", result.findings().size());
    summary.put("suppressed", result.suppressed().size());
    summary.put("diagnostics", result.diagnostics().size());
    if (includeTimings) {
      ObjectNode t = root.putObject("timingsMillis");
      for (Map.Entry<String, Long> e : new java.util.TreeMap<>(result.timingsMillis()).entrySet()) {
        t.put(e.getKey(), e.getValue());
      }
    }
    MAPPER.writeValue(out, root);
    out.write("\n");
    out.flush();
  }

  private static ObjectNode finding(AnalysisResult result, Finding f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("ruleId", f.ruleId());
    n.put("severity", f.severity().label());
    n.put("message", f.message());
    n.set("location", location(result, f.location()));
    if (f.symbol() != null) {
      n.put("symbol", f.symbol());
    }
    n.put("fingerprint", f.fingerprint());
    ArrayNode ev = n.putArray("evidence");
    for (Evidence e : f.evidence()) {
      ObjectNode x = ev.addObject();
      x.set("location", location(result, e.location()));
      x.put("message", e.message());
      if (e.thread() != null) {
        x.put("thread", e.thread());
      }
      ArrayNode path = x.putArray("callPath");
      e.callPath().forEach(path::add);
    }
    if (f.suggestion() != null) {
      ObjectNode s = n.putObject("suggestion");
      s.put("title", f.suggestion().title());
      s.put("explanation", f.suggestion().explanation());
      s.put("codeSketch", f.suggestion().codeSketch());
    }
    ArrayNode fixes = n.putArray("fixes");
    for (Fix fix : f.fixes()) {
      ObjectNode x = fixes.addObject();
      x.put("description", fix.description());
      x.put("kind", fix.kind().name().toLowerCase(Locale.ROOT));
      ArrayNode edits = x.putArray("edits");
      for (TextEdit e : fix.edits()) {
        ObjectNode ed = edits.addObject();
        ed.put("file", result.displayPath(e.file()));
        ed.put("start", e.start());
        ed.put("end", e.end());
        ed.put("replacement", e.replacement());
      }
    }
    return n;
  }

  private static ObjectNode location(AnalysisResult result, SourceLocation l) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("file", result.displayPath(l.file()));
    n.put("line", l.line());
    n.put("column", l.column());
    n.put("endLine", l.endLine());
    n.put("endColumn", l.endColumn());
    return n;
  }
}
