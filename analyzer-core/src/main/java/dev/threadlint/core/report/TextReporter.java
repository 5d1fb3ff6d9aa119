package dev.threadlint.core.report;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import java.io.IOException;
import java.io.Writer;

/**
 * Compiler-style text: {@code path:line:col: severity: [rule-id] message}, with the evidence trace
 * and the suggestion indented under each finding, diagnostics, and a summary line.
 */
public final class TextReporter implements Reporter {
  private static final String RESET = "\u001b[0m";
  private final ReportOptions options;

  public TextReporter(ReportOptions options) {
    this.options = options;
  }

  public TextReporter() {
    this(ReportOptions.PLAIN);
  }

  @Override
  public String formatId() {
    return "text";
  }

  @Override
  public void write(AnalysisResult result, Writer out) throws IOException {
    for (Diagnostic d : result.diagnostics()) {
      String where = d.file() == null ? "threadlint" : oneLine(result.displayPath(d.file())) + (d.line() > 0 ? ":" + d.line() + ":" + Math.max(1, d.column()) : "");
      out.write(where + ": " + color(d.level().name().toLowerCase(java.util.Locale.ROOT), d.level() == Diagnostic.Level.ERROR ? "\u001b[31m" : "\u001b[33m")
          + ": [" + d.code() + "] " + oneLine(d.message()) + "\n");
    }
    for (Finding f : result.findings()) {
      out.write(oneLine(result.displayPath(f.location().file())) + ":" + f.location().line() + ":" + f.location().column() + ": "
          + severity(f.severity()) + ": [" + f.ruleId() + "] " + oneLine(f.message()) + "\n");
      for (Evidence e : f.evidence()) {
        out.write("    " + oneLine(result.displayPath(e.location().file())) + ":" + e.location().line() + ":" + e.location().column() + ": "
            + oneLine(e.message()) + "\n");
        if (!e.callPath().isEmpty()) {
          out.write("        via " + oneLine(String.join(" -> ", e.callPath())) + "\n");
        }
      }
      if (f.suggestion() != null) {
        out.write("    " + color("suggestion:", "\u001b[36m") + " " + oneLine(f.suggestion().title()) + "\n");
        if (options.suggestions()) {
          if (!f.suggestion().explanation().isBlank()) {
            for (String line : f.suggestion().explanation().split("\\R")) {
              out.write("      " + line + "\n");
            }
          }
          if (f.suggestion().hasSketch()) {
            for (String line : f.suggestion().codeSketch().split("\\R")) {
              out.write("      | " + line + "\n");
            }
          }
        }
      }
      java.util.Optional<dev.threadlint.core.finding.Fix> applicable = f.fixes().stream().filter(x -> !x.edits().isEmpty()).findFirst();
      if (applicable.isPresent()) {
        out.write("    fix available: " + oneLine(applicable.get().description()) + " (threadlint fix)\n");
      } else if (!f.fixes().isEmpty()) {
        out.write("    " + oneLine(f.fixes().get(0).description()) + "\n");
      }
    }
    long errors = result.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = result.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
    long infos = result.findings().stream().filter(f -> f.severity() == Severity.INFO).count();
    StringBuilder summary = new StringBuilder();
    summary.append(result.findings().size()).append(result.findings().size() == 1 ? " finding" : " findings")
        .append(" (").append(errors).append(" error").append(errors == 1 ? "" : "s")
        .append(", ").append(warnings).append(" warning").append(warnings == 1 ? "" : "s")
        .append(", ").append(infos).append(" info)")
        .append(" in ").append(result.filesScanned()).append(result.filesScanned() == 1 ? " file" : " files");
    long baselined = result.baselined();
    if (result.suppressed().size() > baselined) {
      summary.append("; ").append(result.suppressed().size() - baselined).append(" suppressed");
    }
    if (baselined > 0) {
      summary.append("; ").append(baselined).append(" baselined");
    }
    if (!result.diagnostics().isEmpty()) {
      summary.append("; ").append(result.diagnostics().size()).append(result.diagnostics().size() == 1 ? " diagnostic" : " diagnostics");
    }
    out.write(summary.append('\n').toString());
    out.flush();
  }

  /**
   * User-derived text (paths, messages quoting code) on one line: line breaks and other control
   * characters are shown as escapes, so that every finding stays one line and no file name can
   * move the cursor or colour a terminal.
   */
  static String oneLine(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String esc = switch (c) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> null;
        default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? String.format("\\u%04x", (int) c) : null;
      };
      if (esc != null && b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (b != null) {
        if (esc != null) {
          b.append(esc);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  private String severity(Severity s) {
    String code = switch (s) {
      case ERROR -> "\u001b[1;31m";
      case WARNING -> "\u001b[1;33m";
      case INFO -> "\u001b[1;34m";
    };
    return color(s.label(), code);
  }

  private String color(String text, String code) {
    return options.color() ? code + text + RESET : text;
  }
}
