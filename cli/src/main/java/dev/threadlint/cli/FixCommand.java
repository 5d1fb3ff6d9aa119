package dev.threadlint.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.engine.ProgressListener;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.engine.SourceDiscovery;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.fix.FixApplier;
import dev.threadlint.core.fix.SourceSnapshot;
import dev.threadlint.core.fix.SourceWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code threadlint fix [paths]}: scans, collects the SAFE fixes (and REFACTORING ones with
 * {@code --include-refactorings}), and prints them as a unified diff;
 * with {@code --write} applies them in place (atomically, only to files unchanged since they were
 * read), scans again and reports which findings are gone.
 */
@Command(name = "fix", mixinStandardHelpOptions = true,
    description = "Show the safe fixes as a unified diff; apply them with --write.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on (after --write: in the re-scan)",
      "1:findings at or above --fail-on",
      "2:usage or input error, or a file that could not be written",
      "3:internal error"
    })
public final class FixCommand implements Callable<Integer> {
  enum FailOn { error, warning, info, never }

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Files or directories to fix (default: the current directory).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--rule", paramLabel = "ID", description = "Only apply fixes of findings of this rule (repeatable).")
  List<String> rules = new ArrayList<>();

  @Option(names = "--write", description = "Apply the fixes to the files (atomically), then scan again.")
  boolean write;

  @Option(names = "--include-refactorings", description = "Also apply REFACTORING fixes (structural; review the diff first).")
  boolean includeRefactorings;

  @Option(names = {"-cp", "--classpath"}, paramLabel = "PATHS", split = "${sys:path.separator}",
      description = "Jars and class folders for type resolution, separated by '${sys:path.separator}'.")
  List<Path> classpath = new ArrayList<>();

  @Option(names = "--include", paramLabel = "GLOB", description = "Only consider files matching this glob (repeatable).")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip files and directories matching this glob (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--encoding", paramLabel = "CHARSET", description = "Source file encoding (default: UTF-8).")
  String encoding = "UTF-8";

  @Option(names = "--release", paramLabel = "N", description = "The Java release the sources target (e.g. 17).")
  Integer release;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of processors).")
  Integer threads;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit with 1 when a finding at or above this severity remains: ${COMPLETION-CANDIDATES} (default: error).")
  FailOn failOn = FailOn.error;

  private final SourceWriter writer;
  private final Consumer<AnalysisResult> afterAnalysis;
  private final java.util.function.Supplier<Analyzer> analyzers;

  public FixCommand() {
    this(new SourceWriter(), r -> {}, Analyzer::new);
  }

  /**
   * For tests: a writer with another mover, a hook that runs between the analysis and the writes,
   * and the analyzer (with its rules).
   */
  FixCommand(SourceWriter writer, Consumer<AnalysisResult> afterAnalysis, java.util.function.Supplier<Analyzer> analyzers) {
    this.writer = writer;
    this.afterAnalysis = afterAnalysis;
    this.analyzers = analyzers;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } catch (InputException e) {
      err.println("threadlint: " + e.getMessage());
      err.flush();
      return ExitCode.USAGE.code();
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int run(PrintWriter out, PrintWriter err) throws IOException {
    AnalysisRequest request = request();
    Charset charset = request.charset();
    Analyzer analyzer = analyzers.get();
    Set<String> ruleIds = ruleIds(analyzer.registry());

    // snapshot every input before the analysis reads it: a fix is written only over these bytes
    Map<Path, SourceSnapshot> snapshots = new HashMap<>();
    for (Path f : new SourceDiscovery(includes, excludes).discover(request.paths()).files()) {
      try {
        snapshots.put(norm(f), SourceSnapshot.read(f, charset));
      } catch (IOException e) {
        // unreadable: the analysis reports it as a diagnostic; no fix will be written to it
      }
    }
    AnalysisResult result = analyzer.analyze(request, ProgressListener.NONE);
    afterAnalysis.accept(result);

    List<Finding> selected = result.findings().stream().filter(f -> ruleIds.isEmpty() || ruleIds.contains(f.ruleId())).toList();
    FixApplier applier = includeRefactorings ? FixApplier.including(FixKind.SAFE, FixKind.REFACTORING) : FixApplier.safeOnly();
    Map<Path, List<FixApplier.Candidate>> byFile = new TreeMap<>(applier.candidatesByFile(selected));
    List<FixApplier.FileResult> changed = new ArrayList<>();
    boolean failed = false;
    for (var e : byFile.entrySet()) {
      SourceSnapshot snap = snapshots.get(norm(e.getKey()));
      String shown = result.displayPath(e.getKey());
      if (snap == null) {
        err.println("threadlint: " + shown + ": not read before the analysis; no fix applied");
        failed = true;
        continue;
      }
      FixApplier.FileResult r = applier.apply(e.getKey(), snap.text(), e.getValue());
      for (FixApplier.Rejection rej : r.rejected()) {
        err.println("threadlint: " + shown + ": fix for " + rej.candidate().label() + " not applied: " + rej.reason());
      }
      if (r.changed()) {
        changed.add(r);
      }
    }
    if (changed.isEmpty()) {
      out.println("No applicable fix" + (ruleIds.isEmpty() ? "" : " for " + String.join(", ", ruleIds)) + " in " + result.filesScanned()
          + (result.filesScanned() == 1 ? " file." : " files."));
      return failed ? ExitCode.USAGE.code() : exit(result);
    }
    int fixes = changed.stream().mapToInt(r -> r.applied().size()).sum();
    if (!write) {
      for (FixApplier.FileResult r : changed) {
        printDiff(out, result.displayPath(r.file()), r.original(), r.updated());
      }
      out.println(fixes + (fixes == 1 ? " fix" : " fixes") + " in " + changed.size() + (changed.size() == 1 ? " file" : " files")
          + "; run with --write to apply.");
      return failed ? ExitCode.USAGE.code() : exit(result);
    }
    int written = 0;
    for (FixApplier.FileResult r : changed) {
      String shown = result.displayPath(r.file());
      try {
        writer.write(snapshots.get(norm(r.file())), r.updated());
        written++;
        out.println("fixed " + shown + " (" + r.applied().size() + (r.applied().size() == 1 ? " fix)" : " fixes)"));
      } catch (SourceWriter.RefusedException ex) {
        err.println("threadlint: " + shown + ": " + ex.getMessage());
        failed = true;
      }
    }
    if (written == 0) {
      return ExitCode.USAGE.code();
    }
    AnalysisResult after = analyzer.analyze(request, ProgressListener.NONE);
    List<Finding> gone = gone(result.findings(), after.findings());
    for (Finding f : gone) {
      out.println("gone: " + result.displayPath(f.location().file()) + ":" + f.location().line() + ": [" + f.ruleId() + "] " + f.message());
    }
    out.println(gone.size() + (gone.size() == 1 ? " finding" : " findings") + " fixed; " + after.findings().size() + " remaining.");
    return failed ? ExitCode.USAGE.code() : exit(after);
  }

  /** Findings of {@code before} with no counterpart (same rule, file, symbol and message) in {@code after}. */
  static List<Finding> gone(List<Finding> before, List<Finding> after) {
    Map<String, Integer> remaining = new HashMap<>();
    for (Finding f : after) {
      remaining.merge(key(f), 1, Integer::sum);
    }
    List<Finding> out = new ArrayList<>();
    for (Finding f : before) {
      Integer n = remaining.get(key(f));
      if (n == null || n == 0) {
        out.add(f);
      } else {
        remaining.put(key(f), n - 1);
      }
    }
    return out;
  }

  private static Path norm(Path p) {
    return p.toAbsolutePath().normalize();
  }

  private static String key(Finding f) {
    return f.ruleId() + '\u0000' + f.location().file() + '\u0000' + f.symbol() + '\u0000' + f.message();
  }

  private int exit(AnalysisResult result) {
    if (failOn == FailOn.never) {
      return ExitCode.CLEAN.code();
    }
    return result.count(Severity.parse(failOn.name())) > 0 ? ExitCode.FINDINGS.code() : ExitCode.CLEAN.code();
  }

  static void printDiff(PrintWriter out, String path, String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    Patch<String> patch = DiffUtils.diff(a, b);
    String p = path.startsWith("/") ? path.substring(1) : path;
    for (String line : UnifiedDiffUtils.generateUnifiedDiff("a/" + p, "b/" + p, a, patch, 3)) {
      out.println(line);
    }
  }

  private static List<String> lines(String text) {
    List<String> l = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
    if (l.size() > 1 && l.get(l.size() - 1).isEmpty()) {
      l.remove(l.size() - 1); // the terminator of the last line, not a line
    }
    return l;
  }

  private Set<String> ruleIds(RuleRegistry registry) {
    Set<String> ids = new LinkedHashSet<>();
    for (String id : rules) {
      RuleRegistry.Entry e = registry.find(id.trim()).orElseThrow(() -> new InputException("unknown rule id '" + id + "' (see 'threadlint rules')"));
      ids.add(e.metadata().id());
    }
    return ids;
  }


  /** The request `scan` builds for the same inputs (configuration file included), so fix acts on what scan reports. */
  private AnalysisRequest request() {
    return ScanCommand.requestFor(paths, classpath, includes, excludes, threads, encoding, release, List.of());
  }

}
