package dev.threadlint.core.report.github;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.report.Reporter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub Actions workflow commands, so findings appear as annotations on the pull request's diff:
 * {@code ::error file=F,line=L,endLine=E,col=C,endColumn=D,title=T::message}. ERROR findings are
 * {@code error}, WARNING {@code warning}, INFO {@code notice}. Values are escaped as GitHub's
 * toolkit does: in the message {@code %}, CR and LF; in properties also {@code :} and {@code ,}.
 * The message carries the evidence trace and the suggestion on further lines. Paths are relative
 * to the base directory, which should be the repository root.
 */
public final class GithubActionsReporter implements Reporter {
  @Override
  public String formatId() {
    return "github";
  }

  @Override
  public void write(AnalysisResult result, Writer out) throws IOException {
    for (Diagnostic d : result.diagnostics()) {
      String command = switch (d.level()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case NOTE -> "notice";
      };
      Map<String, String> props = new LinkedHashMap<>();
      if (d.file() != null) {
        props.put("file", result.displayPath(d.file()));
        if (d.line() > 0) {
          props.put("line", Integer.toString(d.line()));
          props.put("col", Integer.toString(Math.max(1, d.column())));
        }
      }
      props.put("title", "threadlint " + d.code());
      out.write(command(command, props, d.message()));
    }
    for (Finding f : result.findings()) {
      Map<String, String> props = new LinkedHashMap<>();
      props.put("file", result.displayPath(f.location().file()));
      props.put("line", Integer.toString(f.location().line()));
      props.put("endLine", Integer.toString(f.location().endLine()));
      props.put("col", Integer.toString(f.location().column()));
      if (f.location().endLine() == f.location().line()) {
        props.put("endColumn", Integer.toString(f.location().endColumn() + 1));
      }
      props.put("title", "threadlint " + f.ruleId());
      List<String> lines = new ArrayList<>();
      lines.add(f.message());
      for (Evidence e : f.evidence()) {
        lines.add("  " + result.displayPath(e.location().file()) + ":" + e.location().line() + ": " + e.message()
            + (e.thread() == null ? "" : " [" + e.thread() + "]"));
      }
      if (f.suggestion() != null && !f.suggestion().title().isBlank()) {
        lines.add("Suggestion: " + f.suggestion().title());
      }
      out.write(command(level(f.severity()), props, String.join("\n", lines)));
    }
    out.flush();
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "notice";
    };
  }

  static String command(String name, Map<String, String> props, String message) {
    StringBuilder b = new StringBuilder("::").append(name);
    String sep = " ";
    for (Map.Entry<String, String> p : props.entrySet()) {
      b.append(sep).append(p.getKey()).append('=').append(escapeProperty(p.getValue()));
      sep = ",";
    }
    return b.append("::").append(escapeData(message)).append('\n').toString();
  }

  /** GitHub's escaping of a command's message. */
  public static String escapeData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** GitHub's escaping of a command's property values. */
  public static String escapeProperty(String s) {
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
  }
}
