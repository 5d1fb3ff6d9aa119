package dev.threadlint.cli;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.engine.ProgressListener;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.report.JsonReporter;
import dev.threadlint.core.report.ReportOptions;
import dev.threadlint.core.report.Reporter;
import dev.threadlint.core.report.TextReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadlint scan [paths]}: analyse and report. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "Scan Java sources for concurrency pitfalls (the default command).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:usage or input error (bad option, missing path, unknown rule id)",
      "3:internal error"
    })
public final class ScanCommand implements Callable<Integer> {
  enum Format { text, json }

  enum FailOn { error, warning, info, never }

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Files or directories to scan (default: the current directory).")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-cp", "--classpath"}, paramLabel = "PATHS", split = "${sys:path.separator}",
      description = "Jars and class folders for type resolution, separated by '${sys:path.separator}'.")
  List<Path> classpath = new ArrayList<>();

  // bytecode cross-check (SpotBugs): --classes and --[no-]spotbugs
  @Option(names = "--classes", paramLabel = "DIR", split = "${sys:path.separator}",
      description = "Compiled classes of the scanned sources (class folders or jars; repeatable or separated by '${sys:path.separator}'): "
          + "run SpotBugs' multithreaded-correctness detectors on them and merge their findings with ours.")
  List<Path> classDirs = new ArrayList<>();

  @Option(names = "--spotbugs", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Run the SpotBugs cross-check when --classes is given (default: on; --no-spotbugs skips it).")
  boolean spotbugs = true;

  @Option(names = "--include", paramLabel = "GLOB", description = "Only scan files matching this glob (repeatable), relative to each scanned directory.")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip files and directories matching this glob (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
  Format format = Format.text;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit with 1 when a finding at or above this severity remains: ${COMPLETION-CANDIDATES} (default: error).")
  FailOn failOn = FailOn.error;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of processors).")
  Integer threads;

  @Option(names = "--no-color", description = "Never colour the output (colour is used only on a terminal).")
  boolean noColor;

  @Option(names = "--encoding", paramLabel = "CHARSET", description = "Source file encoding (default: UTF-8).")
  String encoding = "UTF-8";

  @Option(names = "--release", paramLabel = "N", description = "The Java release the sources target (e.g. 17); some rules depend on it.")
  Integer release;

  @Option(names = "--rule", paramLabel = "ID=SETTING", description = "Re-grade or disable a rule: ID=error|warning|info|off (repeatable).")
  List<String> ruleSettings = new ArrayList<>();

  @Option(names = "--suggestions", description = "Print the full restructuring sketch under each finding.")
  boolean suggestions;

  @picocli.CommandLine.ParentCommand
  RootCommand parent;

  @Override
  public Integer call() throws IOException {
    AnalysisRequest request = request();
    PrintWriter err = spec.commandLine().getErr();
    AnalysisResult result;
    try (ProgressBarListener progress = ProgressBarListener.forTerminal(err)) {
      result = new Analyzer().analyze(request, progress == null ? ProgressListener.NONE : progress);
    }
    Reporter reporter = switch (format) {
      case text -> new TextReporter(new ReportOptions(output == null && useColor(), suggestions, false));
      case json -> new JsonReporter();
    };
    write(reporter, result);
    if (parent != null && parent.verbose()) {
      err.println("timings (ms): " + new java.util.TreeMap<>(result.timingsMillis()));
      err.flush();
    }
    if (failOn == FailOn.never) {
      return ExitCode.CLEAN.code();
    }
    Severity threshold = Severity.parse(failOn.name());
    return result.count(threshold) > 0 ? ExitCode.FINDINGS.code() : ExitCode.CLEAN.code();
  }

  AnalysisRequest request() {
    Charset charset;
    try {
      charset = Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new InputException("unknown encoding '" + encoding + "'");
    }
    if (threads != null && threads < 1) {
      throw new InputException("--threads must be at least 1");
    }
    AnalysisRequest.Builder b = AnalysisRequest.builder()
        .paths(paths.isEmpty() ? List.of(Path.of(".")) : paths)
        .baseDir(Path.of("").toAbsolutePath())
        .classpath(classpath)
        .classDirs(classDirs)
        .spotbugs(spotbugs)
        .includes(includes)
        .excludes(excludes)
        .charset(charset)
        .targetRelease(release);
    if (threads != null) {
      b.threads(threads);
    }
    for (String s : ruleSettings) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new InputException("--rule expects ID=SETTING, e.g. bad-monitor=off; got '" + s + "'");
      }
      try {
        b.rule(s.substring(0, eq).trim(), AnalysisRequest.RuleSetting.parse(s.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        throw new InputException("--rule " + s + ": " + e.getMessage());
      }
    }
    return b.build();
  }

  private void write(Reporter reporter, AnalysisResult result) throws IOException {
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      reporter.write(result, out);
      out.flush();
      return;
    }
    if (Files.isDirectory(output)) {
      throw new InputException("output path is a directory: " + output);
    }
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        reporter.write(result, w);
      }
    } catch (AccessDeniedException e) {
      throw new InputException("cannot write " + output + ": permission denied");
    } catch (IOException e) {
      throw new InputException("cannot write " + output + ": " + e.getMessage());
    }
  }

  private boolean useColor() {
    if (noColor || System.getenv("NO_COLOR") != null) {
      return false;
    }
    return System.console() != null && !"dumb".equals(System.getenv("TERM")) && System.getenv("TERM") != null
        && !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }
}
