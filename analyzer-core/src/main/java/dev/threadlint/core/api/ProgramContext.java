package dev.threadlint.core.api;

import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.program.Program;
import java.util.function.Consumer;

/** The context of a whole-program check. */
public final class ProgramContext extends RuleContext {
  public ProgramContext(Program program, RuleMetadata rule, Severity severity, Integer targetRelease, Consumer<Finding> sink) {
    super(program, rule, severity, targetRelease, sink);
  }
}
