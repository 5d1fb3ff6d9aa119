package dev.threadlint.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings a team has accepted for now, so that a build gate fails only on new ones. A
 * baseline is a JSON file of finding {@linkplain Fingerprints fingerprints}; the rule id, path,
 * symbol and message beside each fingerprint are for people reading the file and reviewing its
 * diffs, matching uses the fingerprint alone. Applying a baseline moves the matching findings to
 * {@link AnalysisResult#suppressed()} with a {@link Finding.Suppression.Kind#BASELINE}
 * suppression: they are still reported, as baselined, never silently dropped.
 *
 * <p>The file is written deterministically (entries sorted, no timestamps) so that it can be
 * committed and diffed. Paths are relative to the scan's base directory, as in every report.
 *
 * @param version format version of the file, {@link #FORMAT_VERSION} when written by this build
 * @param fingerprintVersion the {@link Fingerprints#VERSION} the fingerprints were computed with
 * @param entries one per accepted finding, sorted
 */
public record Baseline(int version, String fingerprintVersion, List<Entry> entries) {
  /** The version of the file format this build reads and writes. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::path)
      .thenComparing(Entry::ruleId)
      .thenComparing(e -> e.symbol() == null ? "" : e.symbol())
      .thenComparing(Entry::message)
      .thenComparing(Entry::fingerprint);

  public Baseline {
    entries = entries.stream().sorted(ORDER).toList();
  }

  /** One accepted finding. Only {@code fingerprint} takes part in matching. */
  @JsonPropertyOrder({"fingerprint", "ruleId", "path", "symbol", "message"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("ruleId") String ruleId,
      @JsonProperty("path") String path,
      @JsonProperty("symbol") String symbol,
      @JsonProperty("message") String message) {}

  /** The baseline of every active finding of {@code result} (suppressed ones need no baseline). */
  public static Baseline of(AnalysisResult result) {
    List<Entry> entries = new ArrayList<>();
    for (Finding f : result.findings()) {
      entries.add(new Entry(f.fingerprint(), f.ruleId(), result.displayPath(f.location().file()), f.symbol(), f.message()));
    }
    return new Baseline(FORMAT_VERSION, Fingerprints.VERSION, entries);
  }

  /** Reads a baseline file; a missing, unreadable, malformed or incompatible file is an {@link InputException}. */
  public static Baseline read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException("baseline file not found: " + file);
    } catch (AccessDeniedException e) {
      throw new InputException("cannot read baseline file " + file + ": permission denied");
    } catch (IOException e) {
      throw new InputException("cannot read baseline file " + file + ": " + e.getMessage());
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException("baseline file " + file + " is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")");
    }
    if (root == null || !root.isObject() || !root.path("version").isInt()) {
      throw new InputException("baseline file " + file + " has no \"version\"; it was not written by 'threadlint baseline'");
    }
    int version = root.get("version").asInt();
    if (version != FORMAT_VERSION) {
      throw new InputException("baseline file " + file + " has version " + version + ", this threadlint reads version "
          + FORMAT_VERSION + "; regenerate it with 'threadlint baseline' (or the Maven goal threadlint:baseline)");
    }
    String fpVersion = root.path("fingerprintVersion").asText("");
    if (!fpVersion.equals(Fingerprints.VERSION)) {
      throw new InputException("baseline file " + file + " holds fingerprints of version '" + fpVersion + "', this threadlint computes '"
          + Fingerprints.VERSION + "'; regenerate it with 'threadlint baseline' (or the Maven goal threadlint:baseline)");
    }
    if (!root.path("entries").isArray()) {
      throw new InputException("baseline file " + file + " has no \"entries\" array");
    }
    List<Entry> entries = new ArrayList<>();
    int i = 0;
    for (JsonNode n : root.get("entries")) {
      i++;
      String fp = n.path("fingerprint").asText("");
      if (fp.isBlank()) {
        throw new InputException("baseline file " + file + ": entry " + i + " has no \"fingerprint\"");
      }
      entries.add(new Entry(fp, n.path("ruleId").asText(""), n.path("path").asText(""),
          n.hasNonNull("symbol") ? n.get("symbol").asText() : null, n.path("message").asText("")));
    }
    return new Baseline(version, fpVersion, entries);
  }

  /** Writes the file atomically (a temporary file beside it, then a move), creating parent folders. */
  public void write(Path file) {
    try {
      AtomicFiles.replace(file, tmp -> {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          write(w);
        }
      });
    } catch (AccessDeniedException e) {
      throw new InputException("cannot write baseline file " + file + ": permission denied");
    } catch (IOException e) {
      throw new InputException("cannot write baseline file " + file + ": " + e.getMessage());
    }
  }

  /** Writes the JSON form: {@code version}, {@code fingerprintVersion}, sorted {@code entries}, a final newline. */
  public void write(Writer out) throws IOException {
    var root = MAPPER.createObjectNode();
    root.put("version", version);
    root.put("fingerprintVersion", fingerprintVersion);
    root.set("entries", MAPPER.valueToTree(entries));
    MAPPER.writeValue(out, root);
    out.write("\n");
    out.flush();
  }

  /** The fingerprints of all entries. */
  public Set<String> fingerprints() {
    Set<String> out = new HashSet<>();
    for (Entry e : entries) {
      out.add(e.fingerprint());
    }
    return out;
  }

  /**
   * The result with every active finding whose fingerprint is in this baseline moved to the
   * suppressed findings, with a {@link Finding.Suppression.Kind#BASELINE} suppression whose
   * justification names {@code source} (the baseline file, for the reader of a report).
   */
  public AnalysisResult apply(AnalysisResult result, String source) {
    Set<String> known = fingerprints();
    List<Finding> active = new ArrayList<>();
    List<Finding> suppressed = new ArrayList<>(result.suppressed());
    for (Finding f : result.findings()) {
      if (f.fingerprint() != null && known.contains(f.fingerprint())) {
        suppressed.add(f.withSuppression(new Finding.Suppression(Finding.Suppression.Kind.BASELINE, "in baseline " + source)));
      } else {
        active.add(f);
      }
    }
    if (active.size() == result.findings().size()) {
      return result;
    }
    suppressed.sort(Finding.ORDER);
    return new AnalysisResult(result.toolVersion(), result.baseDir(), result.rules(), active, suppressed,
        result.diagnostics(), result.filesScanned(), result.timingsMillis());
  }
}
