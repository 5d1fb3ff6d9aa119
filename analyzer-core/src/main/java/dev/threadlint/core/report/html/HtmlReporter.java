package dev.threadlint.core.report.html;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.owasp.encoder.Encode;

/**
 * One self-contained HTML page: inline CSS and script, no network access (a Content-Security-Policy
 * forbids any), readable from disk. Every finding is rendered once on the server side with the
 * code around each of its locations (flagged lines highlighted), its evidence trace, its
 * suggestion and its fixes as unified diffs; the page's script only groups (by rule or by file),
 * filters (severity, rule, search text, suppressed) and counts those elements. All text that comes
 * from the scanned code or from findings is escaped by the OWASP encoder; the script embeds no data.
 *
 * <p>The source text is read from disk when the report is written (UTF-8, falling back to
 * ISO-8859-1 for files that are not UTF-8).
 */
public final class HtmlReporter implements Reporter {
  /** Lines of context shown above and below a flagged range. */
  static final int CONTEXT = 3;

  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");

  @Override
  public String formatId() {
    return "html";
  }

  @Override
  public void write(AnalysisResult result, Writer out) throws IOException {
    Sources sources = new Sources();
    StringBuilder h = new StringBuilder(64 * 1024);
    List<Finding> all = new ArrayList<>(result.findings());
    all.addAll(result.suppressed());
    all.sort(Finding.ORDER);
    Map<String, RuleMetadata> rules = new TreeMap<>();
    for (RuleMetadata m : result.rules()) {
      rules.put(m.id(), m);
    }

    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>threadlint report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n")
        .append("<body data-rendered=\"false\">\n<header>\n<div class=\"title\"><h1>threadlint report</h1>\n<p class=\"meta\">")
        .append(text("threadlint " + result.toolVersion())).append(" · ")
        .append(result.filesScanned()).append(result.filesScanned() == 1 ? " file" : " files").append(" scanned · ")
        .append(plural(count(result, Severity.ERROR), "error")).append(", ")
        .append(plural(count(result, Severity.WARNING), "warning")).append(", ")
        .append(count(result, Severity.INFO)).append(" info · ")
        .append(result.suppressed().size()).append(" suppressed · ")
        .append(result.diagnostics().size()).append(result.diagnostics().size() == 1 ? " diagnostic" : " diagnostics")
        .append("</p></div>\n");
    controls(h, rules, all);
    h.append("</header>\n<main>\n");
    h.append("<p id=\"shown\" class=\"shown\" aria-live=\"polite\"></p>\n");
    h.append("<noscript><p class=\"shown\">").append(all.size()).append(" findings (enable scripts to group and filter)</p></noscript>\n");
    if (all.isEmpty()) {
      h.append("<p class=\"empty\">No findings.</p>\n");
    }
    h.append("<div id=\"groups\"></div>\n<div id=\"pool\">\n");
    int n = 0;
    for (Finding f : all) {
      finding(h, result, sources, rules.get(f.ruleId()), f, ++n);
    }
    h.append("</div>\n");
    diagnostics(h, result);
    h.append("</main>\n<script>\n").append(JS).append("</script>\n</body>\n</html>\n");
    out.write(h.toString());
    out.flush();
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static long count(AnalysisResult result, Severity s) {
    return result.findings().stream().filter(f -> f.severity() == s).count();
  }

  private static void controls(StringBuilder h, Map<String, RuleMetadata> rules, List<Finding> all) {
    h.append("<form class=\"controls\" id=\"controls\" onsubmit=\"return false\">\n")
        .append("<input type=\"search\" id=\"search\" placeholder=\"Search messages, code, files\" aria-label=\"Search\">\n")
        .append("<select id=\"rule\" aria-label=\"Rule\"><option value=\"\">All rules</option>");
    Map<String, Long> perRule = new TreeMap<>();
    for (Finding f : all) {
      perRule.merge(f.ruleId(), 1L, Long::sum);
    }
    for (String id : perRule.keySet()) {
      RuleMetadata m = rules.get(id);
      String title = m == null ? "" : m.title();
      h.append("<option value=\"").append(attr(id)).append("\" data-title=\"").append(attr(title)).append("\">")
          .append(text(id)).append("</option>");
    }
    h.append("</select>\n<span class=\"sev-filters\">");
    for (Severity s : Severity.values()) {
      h.append("<label class=\"sev-").append(s.label()).append("\"><input type=\"checkbox\" class=\"sev\" value=\"")
          .append(s.label()).append("\" checked> ").append(s.label()).append("</label>");
    }
    h.append("<label><input type=\"checkbox\" id=\"suppressed\"> suppressed</label></span>\n")
        .append("<span class=\"group-by\">Group by <label><input type=\"radio\" name=\"group\" value=\"rule\" checked> rule</label>")
        .append("<label><input type=\"radio\" name=\"group\" value=\"file\"> file</label></span>\n</form>\n");
  }

  private static void finding(StringBuilder h, AnalysisResult result, Sources sources, RuleMetadata rule, Finding f, int n) {
    String path = result.displayPath(f.location().file());
    String sev = f.severity().label();
    h.append("<article class=\"finding sev-").append(sev).append(f.isSuppressed() ? " is-suppressed" : "")
        .append("\" id=\"f").append(n).append("\" data-severity=\"").append(sev)
        .append("\" data-rule=\"").append(attr(f.ruleId()))
        .append("\" data-file=\"").append(attr(path))
        .append("\" data-suppressed=\"").append(f.isSuppressed()).append("\">\n");
    h.append("<h3><span class=\"badge sev-").append(sev).append("\">").append(sev).append("</span> ")
        .append("<span class=\"rule-id\">").append(text(f.ruleId())).append("</span> ")
        .append("<a class=\"where\" href=\"#f").append(n).append("\">").append(text(path + ":" + f.location().line() + ":" + f.location().column()))
        .append("</a>");
    if (f.symbol() != null) {
      h.append(" <span class=\"symbol\">").append(text(f.symbol())).append("</span>");
    }
    h.append("</h3>\n<p class=\"message\">").append(text(f.message())).append("</p>\n");
    if (rule != null) {
      h.append("<p class=\"rule-title\">").append(text(rule.title())).append("</p>\n");
    }
    if (f.isSuppressed()) {
      String j = f.suppression().justification();
      h.append("<p class=\"suppression\">Suppressed (").append(text(f.suppression().kind().name().toLowerCase(Locale.ROOT))).append(")")
          .append(j == null || j.isBlank() ? "" : ": " + text(j)).append("</p>\n");
    }
    code(h, sources, f.location());
    if (!f.evidence().isEmpty()) {
      h.append("<section class=\"evidence\"><h4>Evidence</h4>\n<ol class=\"trace\">\n");
      for (Evidence e : f.evidence()) {
        h.append("<li class=\"step\">");
        if (e.thread() != null) {
          h.append("<span class=\"thread\">").append(text(e.thread())).append("</span> ");
        }
        h.append("<span class=\"where\">").append(text(result.displayPath(e.location().file()) + ":" + e.location().line()))
            .append("</span> <span class=\"step-message\">").append(text(e.message())).append("</span>");
        if (!e.callPath().isEmpty()) {
          h.append("<div class=\"via\">via ").append(text(String.join(" → ", e.callPath()))).append("</div>");
        }
        code(h, sources, e.location());
        h.append("</li>\n");
      }
      h.append("</ol></section>\n");
    }
    if (f.suggestion() != null) {
      h.append("<section class=\"suggestion\"><h4>Suggestion: ").append(text(f.suggestion().title())).append("</h4>\n");
      if (f.suggestion().explanation() != null && !f.suggestion().explanation().isBlank()) {
        h.append("<p>").append(text(f.suggestion().explanation())).append("</p>\n");
      }
      if (f.suggestion().hasSketch()) {
        h.append("<pre class=\"sketch\"><code>").append(text(f.suggestion().codeSketch())).append("</code></pre>\n");
      }
      h.append("</section>\n");
    }
    for (Fix fix : f.fixes()) {
      h.append("<section class=\"fix\"><h4>Fix (").append(text(fix.kind().name().toLowerCase(Locale.ROOT))).append("): ")
          .append(text(fix.description())).append("</h4>\n");
      List<String> diff = diff(result, sources, fix);
      if (!diff.isEmpty()) {
        h.append("<pre class=\"diff\">");
        for (String line : diff) {
          String cls = line.startsWith("+++") || line.startsWith("---") ? "file"
              : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
          h.append("<span class=\"").append(cls).append("\">").append(text(line)).append("</span>");
        }
        h.append("</pre>\n");
      }
      h.append("</section>\n");
    }
    h.append("</article>\n");
  }

  /** The lines around {@code loc}, the flagged ones marked. */
  private static void code(StringBuilder h, Sources sources, SourceLocation loc) {
    Optional<List<String>> lines = sources.lines(loc.file());
    if (lines.isEmpty()) {
      h.append("<p class=\"no-source\">(source not available)</p>\n");
      return;
    }
    List<String> ls = lines.get();
    int from = Math.max(1, loc.line() - CONTEXT);
    int to = Math.min(ls.size(), loc.endLine() + CONTEXT);
    h.append("<div class=\"code\"><table class=\"code\"><tbody>\n");
    for (int i = from; i <= to; i++) {
      boolean hit = i >= loc.line() && i <= loc.endLine();
      h.append("<tr").append(hit ? " class=\"hit\"" : "").append("><td class=\"ln\">").append(i).append("</td><td class=\"src\">")
          .append(text(ls.get(i - 1))).append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  /** The fix as a unified diff per file (paths relative to the base directory). */
  private static List<String> diff(AnalysisResult result, Sources sources, Fix fix) {
    Map<Path, List<TextEdit>> byFile = new TreeMap<>();
    for (TextEdit e : fix.edits()) {
      byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e);
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<Path, List<TextEdit>> entry : byFile.entrySet()) {
      Optional<String> original = sources.text(entry.getKey());
      if (original.isEmpty()) {
        continue;
      }
      String text = original.get();
      List<TextEdit> edits = new ArrayList<>(entry.getValue());
      edits.sort(Comparator.comparingInt(TextEdit::start).reversed());
      StringBuilder fixed = new StringBuilder(text);
      for (TextEdit e : edits) {
        if (e.end() > fixed.length()) {
          continue;
        }
        fixed.replace(e.start(), e.end(), e.replacement());
      }
      List<String> before = text.lines().toList();
      List<String> after = fixed.toString().lines().toList();
      Patch<String> patch = DiffUtils.diff(before, after);
      String name = result.displayPath(entry.getKey());
      out.addAll(UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, before, patch, 2));
    }
    return out;
  }

  private static void diagnostics(StringBuilder h, AnalysisResult result) {
    if (result.diagnostics().isEmpty()) {
      return;
    }
    h.append("<section class=\"diagnostics\" id=\"diagnostics\"><h2>Diagnostics</h2>\n<table><thead><tr><th>level</th><th>code</th><th>where</th><th>message</th></tr></thead><tbody>\n");
    for (Diagnostic d : result.diagnostics()) {
      String where = d.file() == null ? "" : result.displayPath(d.file()) + (d.line() > 0 ? ":" + d.line() : "");
      h.append("<tr><td>").append(text(d.level().name().toLowerCase(Locale.ROOT))).append("</td><td>").append(text(d.code()))
          .append("</td><td>").append(text(where)).append("</td><td>").append(text(d.message())).append("</td></tr>\n");
    }
    h.append("</tbody></table></section>\n");
  }

  private static String text(String s) {
    return Encode.forHtml(s == null ? "" : s);
  }

  private static String attr(String s) {
    return Encode.forHtmlAttribute(s == null ? "" : s);
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReporter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Source texts read once per report. */
  private static final class Sources {
    private final Map<Path, Optional<String>> texts = new HashMap<>();
    private final Map<Path, Optional<List<String>>> lines = new LinkedHashMap<>();

    Optional<String> text(Path file) {
      return texts.computeIfAbsent(file, Sources::read);
    }

    Optional<List<String>> lines(Path file) {
      return lines.computeIfAbsent(file, f -> text(f).map(t -> t.lines().toList()));
    }

    private static Optional<String> read(Path file) {
      try {
        byte[] bytes = Files.readAllBytes(file);
        try {
          return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
          return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
        }
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }
}
