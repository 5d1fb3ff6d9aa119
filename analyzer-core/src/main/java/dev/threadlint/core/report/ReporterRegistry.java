package dev.threadlint.core.report;

import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.report.checkstyle.CheckstyleReporter;
import dev.threadlint.core.report.github.GithubActionsReporter;
import dev.threadlint.core.report.html.HtmlReporter;
import dev.threadlint.core.report.sarif.SarifReporter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every report format by its id, so that front ends (the CLI's {@code --format}, the Maven
 * plugin's {@code formats}) accept a new reporter as soon as it is registered here, without a
 * change of their own. One line per format in {@link #BUILT_IN}.
 */
public final class ReporterRegistry {
  /**
   * A report format.
   *
   * @param id the format id users name
   * @param fileName the report's file name when written into a report folder
   * @param factory builds the reporter for the given presentation options
   */
  public record Format(String id, String fileName, Function<ReportOptions, Reporter> factory) {
    public Reporter create(ReportOptions options) {
      return factory.apply(options);
    }
  }

  private static final Map<String, Format> BUILT_IN = new LinkedHashMap<>();

  static {
    register(new Format("text", "threadlint.txt", TextReporter::new));
    register(new Format("json", "threadlint.json", o -> new JsonReporter()));
    register(new Format("sarif", "threadlint.sarif", o -> new SarifReporter()));
    register(new Format("html", "threadlint.html", o -> new HtmlReporter()));
    register(new Format("checkstyle", "threadlint-checkstyle.xml", o -> new CheckstyleReporter()));
    register(new Format("github", "threadlint-github.txt", o -> new GithubActionsReporter()));
  }

  private ReporterRegistry() {}

  private static void register(Format f) {
    if (BUILT_IN.putIfAbsent(f.id(), f) != null) {
      throw new IllegalStateException("duplicate report format " + f.id());
    }
  }

  /** The ids of all formats, in registration order. */
  public static List<String> ids() {
    return List.copyOf(BUILT_IN.keySet());
  }

  public static Map<String, Format> formats() {
    return Collections.unmodifiableMap(BUILT_IN);
  }

  /** The format with this id (case-insensitive); an unknown id is an {@link InputException} listing the known ones. */
  public static Format format(String id) {
    Format f = BUILT_IN.get(id.trim().toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new InputException("unknown report format '" + id.trim() + "' (known formats: " + String.join(", ", BUILT_IN.keySet()) + ")");
    }
    return f;
  }
}
