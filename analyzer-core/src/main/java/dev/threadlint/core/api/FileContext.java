package dev.threadlint.core.api;

import com.github.javaparser.ast.Node;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.SourceFile;
import java.util.List;
import java.util.function.Consumer;

/** The context of a per-file check. */
public final class FileContext extends RuleContext {
  private final SourceFile file;

  public FileContext(Program program, SourceFile file, RuleMetadata rule, Severity severity, Integer targetRelease, Consumer<Finding> sink) {
    super(program, rule, severity, targetRelease, sink);
    this.file = file;
  }

  public SourceFile file() {
    return file;
  }

  /** All nodes of a kind in this file. */
  public <T extends Node> List<T> findAll(Class<T> type) {
    return file.unit().findAll(type);
  }
}
