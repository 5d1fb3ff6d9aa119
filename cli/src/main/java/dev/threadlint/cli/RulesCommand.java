package dev.threadlint.cli;

import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.spotbugs.SpotBugsRules;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadlint rules}: the rule list. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = {"List the rules: id, default severity, category, title.",
    "Then the SpotBugs patterns that 'scan --classes' enables (their severity follows each bug's rank and priority)."})
public final class RulesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var entries = RuleRegistry.load().entries();
    var spotbugs = SpotBugsRules.all().values();
    int width = entries.stream().mapToInt(e -> e.metadata().id().length()).max().orElse(10);
    for (var e : entries) {
      RuleMetadata m = e.metadata();
      out.printf("%-" + width + "s  %-7s  %-21s  %s%n", m.id(), m.defaultSeverity().label(), m.category().title(), m.title());
    }
    out.println();
    out.println("SpotBugs MT_CORRECTNESS patterns (bytecode cross-check, run by 'scan --classes DIR'):");
    int sbWidth = spotbugs.stream().mapToInt(m -> m.id().length()).max().orElse(10);
    for (RuleMetadata m : spotbugs) {
      out.printf("%-" + sbWidth + "s  %-7s  %-21s  %s%n", m.id(), "ranked", m.category().title(), m.title());
    }
    out.flush();
    return ExitCode.CLEAN.code();
  }
}
