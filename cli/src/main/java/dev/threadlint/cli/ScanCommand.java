package dev.threadlint.cli;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.config.ChangedLines;
import dev.threadlint.core.config.ConfigLoader;
import dev.threadlint.core.config.ThreadlintConfig;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.engine.ProgressListener;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.report.FailurePolicy;
import dev.threadlint.core.report.ReportOptions;
import dev.threadlint.core.report.Reporter;
import dev.threadlint.core.report.ReporterRegistry;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadlint scan [paths]}: analyse and report. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "Scan Java sources for concurrency pitfalls (the default command).",
    exitCodeListHeading = "%nExit codes:%n")
public final class ScanCommand implements Callable<Integer> {
  enum Format { text, json, sarif, html, checkstyle, github }

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

  // ---- reports, configuration and change selection (see docs/reports.md) ----
  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: text). Repeatable: the n-th --format writes to the n-th --output; "
          + "a format without an --output writes to standard output (at most one may).")
  List<Format> formats = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report of the --format in the same position to FILE instead of standard output (repeatable).")
  List<Path> outputs = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "Read settings from FILE (default: the nearest threadlint.yml in the first scanned path or a parent directory).")
  Path config;

  @Option(names = "--changed-since", paramLabel = "REV",
      description = "Report only findings whose location or evidence is on a line changed since the git revision REV (the whole program is still analysed).")
  String changedSince;

  // ---- incremental cache (see docs/cli.md) ----
  @Option(names = "--cache", paramLabel = "DIR",
      description = "Keep per-file results in DIR and reuse them on the next scan where that gives exactly the result of a full scan "
          + "(unchanged files of unaffected dependency components). Safe to delete.")
  Path cacheDir;
  // ---- end of incremental cache ----

  /** The formats in order, each with its output file (null: standard output). */
  private List<Map.Entry<Format, Path>> reports() {
    List<Format> fs = formats.isEmpty() ? List.of(Format.text) : formats;
    if (outputs.size() > fs.size()) {
      throw new InputException("more --output than --format options: each --output belongs to the --format in the same position");
    }
    List<Map.Entry<Format, Path>> out = new ArrayList<>();
    for (int i = 0; i < fs.size(); i++) {
      out.add(new java.util.AbstractMap.SimpleEntry<>(fs.get(i), i < outputs.size() ? outputs.get(i) : null));
    }
    if (out.stream().filter(e -> e.getValue() == null).count() > 1) {
      throw new InputException("only one --format may write to standard output; give the others an --output FILE (paired by position)");
    }
    return out;
  }

  private Reporter reporter(Format format, Path output) {
    return ReporterRegistry.format(format.name()).create(new ReportOptions(output == null && useColor(), suggestions, false));
  }

  private ThreadlintConfig configuration(List<Path> scanned) {
    RuleRegistry registry = RuleRegistry.load();
    java.util.function.Predicate<String> known = id -> registry.find(id).isPresent() || id.startsWith("spotbugs:");
    if (config != null) {
      return ConfigLoader.load(config, config.toString(), known);
    }
    Optional<Path> found = ConfigLoader.discover(scanned.get(0));
    if (found.isEmpty()) {
      return ThreadlintConfig.EMPTY;
    }
    Path cwd = Path.of("").toAbsolutePath();
    String shown = found.get().startsWith(cwd) ? cwd.relativize(found.get()).toString() : found.get().toString();
    return ConfigLoader.load(found.get(), shown, known);
  }
  // ---- end of reports, configuration and change selection ----

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

  @Option(names = "--baseline", paramLabel = "FILE", description = "Report findings recorded in this baseline file (see 'threadlint baseline') as baselined; only new ones count for --fail-on.")
  Path baseline;

  @picocli.CommandLine.ParentCommand
  RootCommand parent;

  /** Creates the engine; tests replace it to reach the internal-error path. */
  Supplier<Analyzer> analyzers = Analyzer::new;

  @Override
  public Integer call() throws IOException {
    List<Map.Entry<Format, Path>> reports = reports();
    AnalysisRequest request = request();
    checkOutput();
    PrintWriter err = spec.commandLine().getErr();
    AnalysisResult result;
    try (ProgressBarListener progress = ProgressBarListener.forTerminal(err)) {
      result = analyzers.get().analyze(request, progress == null ? ProgressListener.NONE : progress);
    }
    if (changedSince != null) {
      int before = result.findings().size();
      result = ChangedLines.since(request.paths().get(0), changedSince).filter(result);
      err.println("threadlint: reporting " + result.findings().size() + " of " + before
          + " findings: those on lines changed since " + changedSince);
      err.flush();
    }
    for (Map.Entry<Format, Path> r : reports) {
      write(reporter(r.getKey(), r.getValue()), r.getValue(), result);
    }
    if (cacheDir != null && result.timingsMillis().containsKey("cache-level")) {
      err.println("threadlint: cache: " + result.timingsMillis().get("cache-files-reused") + " files reused, "
          + result.timingsMillis().get("cache-files-analysed") + " analysed");
      err.flush();
    }
    if (parent != null && parent.verbose()) {
      err.println("timings (ms): " + new java.util.TreeMap<>(result.timingsMillis()));
      err.flush();
    }
    FailurePolicy policy = failOn == FailOn.never ? FailurePolicy.NEVER : FailurePolicy.failOn(Severity.parse(failOn.name()));
    return policy.evaluate(result).failed() ? ExitCode.FINDINGS.code() : ExitCode.CLEAN.code();
  }

  /**
   * The request `scan` would build for these inputs — configuration file included — so that the
   * commands that scan on the way (baseline, fix) analyse exactly what `scan` reports.
   */
  static AnalysisRequest requestFor(List<Path> paths, List<Path> classpath, List<String> includes, List<String> excludes,
      Integer threads, String encoding, Integer release, List<String> ruleSettings) {
    ScanCommand scan = new ScanCommand();
    scan.paths = paths;
    scan.classpath = classpath;
    scan.includes = includes;
    scan.excludes = excludes;
    scan.threads = threads;
    scan.encoding = encoding;
    scan.release = release;
    scan.ruleSettings = ruleSettings;
    return scan.request();
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
    List<Path> scanned = paths.isEmpty() ? List.of(Path.of(".")) : paths;
    AnalysisRequest.Builder b = configuration(scanned).applyTo(AnalysisRequest.builder())
        .paths(scanned)
        .baseDir(Path.of("").toAbsolutePath())
        .classpath(classpath)
        .classDirs(classDirs)
        .spotbugs(spotbugs)
        .includes(includes)
        .excludes(excludes)
        .charset(charset)
        .targetRelease(release)
        .baselineFile(baseline)
        .cacheDir(cacheDir);
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

  private void write(Reporter reporter, Path output, AnalysisResult result) throws IOException {
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      reporter.write(result, out);
      out.flush();
      return;
    }
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        reporter.write(result, w);
      }
    } catch (IOException e) {
      throw new InputException("cannot write " + output + ": " + describe(e));
    }
  }

  /** Fails before the scan when the report could not be written: a directory, or a path through a file. */
  /** Output paths that cannot be written are input errors, found before the scan rather than after it. */
  private void checkOutput() {
    for (Path output : outputs) {
      if (Files.isDirectory(output)) {
        throw new InputException("cannot write " + output + ": it is a directory");
      }
      for (Path p = output.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
        if (Files.exists(p)) {
          if (!Files.isDirectory(p)) {
            throw new InputException("cannot write " + output + ": " + p + " is not a directory");
          }
          break;
        }
      }
    }
  }

  /** The reason an output operation failed, in words (the exceptions' own messages are often only a path). */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException f) {
      return f.getFile() + " exists and is not a directory";
    }
    if (e instanceof java.nio.file.NoSuchFileException f) {
      return "no such file or directory: " + f.getFile();
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private boolean useColor() {
    if (noColor || System.getenv("NO_COLOR") != null) {
      return false;
    }
    return ProgressBarListener.isTerminal() && !"dumb".equals(System.getenv("TERM")) && System.getenv("TERM") != null
        && !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }
}
