package dev.threadlint.core.spotbugs;

import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.api.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Rule metadata for {@code spotbugs:<TYPE>} ids, built from SpotBugs' own pattern descriptions,
 * so that reporters listing rules (JSON, SARIF) and {@code threadlint explain} cover them. The
 * default severity is nominal ({@code warning}): each finding's severity comes from its bug's
 * priority and rank ({@link Severities}).
 */
public final class SpotBugsRules {
  private static volatile Map<String, RuleMetadata> catalogue;

  private SpotBugsRules() {}

  /** Metadata of every MT_CORRECTNESS pattern SpotBugs reports, by rule id, sorted. */
  public static Map<String, RuleMetadata> all() {
    Map<String, RuleMetadata> c = catalogue;
    if (c == null) {
      Map<String, RuleMetadata> m = new LinkedHashMap<>();
      for (SpotBugsRunner.PatternInfo p : SpotBugsRunner.patterns()) {
        m.put(BugMapper.ruleId(p.type()), metadata(p));
      }
      c = java.util.Collections.unmodifiableMap(m);
      catalogue = c;
    }
    return c;
  }

  /** Metadata of a {@code spotbugs:<TYPE>} id; a type SpotBugs does not list gets a minimal entry. */
  public static RuleMetadata of(String ruleId) {
    RuleMetadata m = all().get(ruleId);
    if (m != null) {
      return m;
    }
    String type = ruleId.startsWith(BugMapper.RULE_PREFIX) ? ruleId.substring(BugMapper.RULE_PREFIX.length()) : ruleId;
    return metadata(new SpotBugsRunner.PatternInfo(type, "SpotBugs pattern " + type, "", List.of()));
  }

  static RuleMetadata metadata(SpotBugsRunner.PatternInfo p) {
    PatternTable.Mapping map = PatternTable.of(p.type());
    String id = BugMapper.ruleId(p.type());
    String docs = "# " + id + "\n\n" + plainText(p.detailHtml()) + "\n\n"
        + "Reported by SpotBugs (bytecode analysis" + (p.detectors().isEmpty() ? "" : (p.detectors().size() == 1 ? ", detector " : ", detectors ")
        + String.join(", ", p.detectors())) + ") when compiled classes are given with --classes; "
        + "threadlint category: " + map.category().title() + ", defect class: " + map.defectClass() + ".\n\n"
        + "## Suppression\n\n@SuppressWarnings(\"threadlint:" + id + "\") on the enclosing declaration, "
        + "or // threadlint:ignore " + id + " <reason>. SpotBugs' own @SuppressFBWarnings is honoured too.\n";
    return new RuleMetadata(id, p.shortDescription(), Severity.WARNING, map.category(), map.defectClass(),
        List.of("spotbugs", "bytecode"), "0.1.0", List.of(), docs);
  }

  /** SpotBugs' HTML pattern details as plain text: tags dropped, entities decoded, blank runs collapsed. */
  static String plainText(String html) {
    if (html == null) {
      return "";
    }
    String t = html.replaceAll("(?i)<\\s*(br|/p|/li|/pre)\\s*/?>", "\n").replaceAll("<[^>]*>", "");
    t = StringEscapeUtils.unescapeHtml4(t);
    StringBuilder sb = new StringBuilder();
    for (String para : t.strip().split("\\R\\s*\\R")) {
      String p = para.strip().replaceAll("[ \\t]+", " ").replaceAll(" ?\\R ?", "\n");
      if (!p.isEmpty()) {
        if (sb.length() > 0) {
          sb.append("\n\n");
        }
        sb.append(p);
      }
    }
    return sb.toString();
  }
}
