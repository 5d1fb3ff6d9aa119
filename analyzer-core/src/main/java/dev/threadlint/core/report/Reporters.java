package dev.threadlint.core.report;

import dev.threadlint.core.report.checkstyle.CheckstyleReporter;
import dev.threadlint.core.report.github.GithubActionsReporter;
import dev.threadlint.core.report.html.HtmlReporter;
import dev.threadlint.core.report.sarif.SarifReporter;
import java.util.List;
import java.util.Locale;

/** Every report format by its {@code --format} name, so the CLI and the Maven plugin offer the same ones. */
public final class Reporters {
  /** The format names, in the order help texts list them. */
  public static final List<String> FORMATS = List.of("text", "json", "sarif", "html", "checkstyle", "github");

  private Reporters() {}

  /** The reporter for {@code format}; {@code options} matter to the text format only. */
  public static Reporter forFormat(String format, ReportOptions options) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "text" -> new TextReporter(options);
      case "json" -> new JsonReporter();
      case "sarif" -> new SarifReporter();
      case "html" -> new HtmlReporter();
      case "checkstyle" -> new CheckstyleReporter();
      case "github" -> new GithubActionsReporter();
      default -> throw new IllegalArgumentException("unknown report format '" + format + "' (expected one of: " + String.join(", ", FORMATS) + ")");
    };
  }

  /** The usual file extension of a format's reports, for tools that name report files themselves. */
  public static String extension(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "text", "github" -> "txt";
      case "checkstyle" -> "xml";
      default -> format.toLowerCase(Locale.ROOT);
    };
  }
}
