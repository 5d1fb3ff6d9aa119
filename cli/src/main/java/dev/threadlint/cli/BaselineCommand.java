package dev.threadlint.cli;

import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.Baseline;
import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.finding.AnalysisResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code threadlint baseline [paths] --output FILE}: records today's findings so that
 * {@code scan --baseline FILE} reports only new ones. Takes the scan's input options and maps them
 * with the scan's own code, so both see the same findings with the same fingerprints.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = {"Record the fingerprints of today's findings in a baseline file.",
        "Then 'threadlint scan --baseline FILE' reports those as baselined and fails only on new findings.",
        "Paths in the file are relative to the current directory: run scan from the same directory."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:baseline written", "2:usage or input error", "3:internal error"})
public final class BaselineCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Files or directories to scan (default: the current directory).")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The baseline file to write (replaced if it exists).")
  Path output;

  @Option(names = {"-cp", "--classpath"}, paramLabel = "PATHS", split = "${sys:path.separator}",
      description = "Jars and class folders for type resolution, separated by '${sys:path.separator}'.")
  List<Path> classpath = new ArrayList<>();

  @Option(names = "--include", paramLabel = "GLOB", description = "Only scan files matching this glob (repeatable).")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip files and directories matching this glob (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of processors).")
  Integer threads;

  @Option(names = "--encoding", paramLabel = "CHARSET", description = "Source file encoding (default: UTF-8).")
  String encoding = "UTF-8";

  @Option(names = "--release", paramLabel = "N", description = "The Java release the sources target (e.g. 17).")
  Integer release;

  @Option(names = "--rule", paramLabel = "ID=SETTING", description = "Re-grade or disable a rule: ID=error|warning|info|off (repeatable).")
  List<String> ruleSettings = new ArrayList<>();

  @Override
  public Integer call() {
    if (Files.isDirectory(output)) {
      throw new InputException("output path is a directory: " + output);
    }
    AnalysisResult result = new Analyzer().analyze(request());
    Baseline baseline = Baseline.of(result);
    baseline.write(output);
    spec.commandLine().getOut().println("wrote " + output + ": " + baseline.entries().size()
        + (baseline.entries().size() == 1 ? " finding" : " findings") + " in " + result.filesScanned()
        + (result.filesScanned() == 1 ? " file" : " files") + " baselined");
    spec.commandLine().getOut().flush();
    return ExitCode.CLEAN.code();
  }

  /** The same request {@code scan} builds from the same options. */
  AnalysisRequest request() {
    return ScanCommand.requestFor(paths, classpath, includes, excludes, threads, encoding, release, ruleSettings);
  }
}
