package dev.threadlint.cli;

import dev.threadlint.core.engine.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code threadlint}: scan is the default subcommand. */
@Command(
    name = "threadlint",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.VersionProvider.class,
    description = "Finds data races, deadlocks and lock-discipline mistakes in Java sources, and shows how to restructure them.",
    subcommands = {ScanCommand.class, BaselineCommand.class, RulesCommand.class, ExplainCommand.class, picocli.CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n")
public final class RootCommand implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--verbose", description = "Print details, and stack traces of internal errors.", scope = picocli.CommandLine.ScopeType.INHERIT)
  boolean verbose;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  boolean verbose() {
    return verbose;
  }

  /** Only reached for {@code threadlint --verbose} alone: Main routes everything else to a subcommand. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.CLEAN.code();
  }

  static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"threadlint " + Version.get(), "Java " + System.getProperty("java.version")};
    }
  }
}
