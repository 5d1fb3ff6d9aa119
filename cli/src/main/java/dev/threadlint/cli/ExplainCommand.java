package dev.threadlint.cli;

import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.engine.RuleRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code threadlint explain <rule-id>}: the rule's documentation. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Print a rule's documentation.")
public final class ExplainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "RULE-ID", description = "The rule to explain (see 'threadlint rules').")
  String ruleId;

  @Override
  public Integer call() {
    var entry = RuleRegistry.load().find(ruleId)
        .orElseThrow(() -> new InputException("unknown rule id '" + ruleId + "' (run 'threadlint rules' to list them)"));
    var m = entry.metadata();
    var out = spec.commandLine().getOut();
    out.println(m.id() + " — " + m.title());
    out.println("severity: " + m.defaultSeverity().label() + ", category: " + m.category().title());
    out.println();
    out.println(m.docs().isBlank() ? "(no documentation)" : m.docs().strip());
    out.flush();
    return ExitCode.CLEAN.code();
  }
}
