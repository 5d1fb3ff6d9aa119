package dev.threadlint.core.api;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.program.Program;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What a rule sees: the program, the rule's own metadata and severity, and a way to report. */
public class RuleContext {
  private final Program program;
  private final RuleMetadata rule;
  private final Severity severity;
  private final Consumer<Finding> sink;
  private final Integer targetRelease;

  public RuleContext(Program program, RuleMetadata rule, Severity severity, Integer targetRelease, Consumer<Finding> sink) {
    this.program = program;
    this.rule = rule;
    this.severity = severity;
    this.targetRelease = targetRelease;
    this.sink = sink;
  }

  public Program program() {
    return program;
  }

  /** Extra annotations and blocking methods the project declared (threadlint.yml, CLI, Maven). */
  public dev.threadlint.core.program.ProjectKnowledge knowledge() {
    return program.knowledge();
  }

  public RuleMetadata rule() {
    return rule;
  }

  /** The Java release the scanned project targets, when known ({@code --release}, Maven's compiler release). */
  public Optional<Integer> targetRelease() {
    return Optional.ofNullable(targetRelease);
  }

  /** Starts a finding at {@code node}; call {@link FindingBuilder#report()} to emit it. */
  public FindingBuilder finding(Node node, String message) {
    return new FindingBuilder(node, message);
  }

  /** The absolute path of the file a node belongs to. */
  public static Optional<Path> fileOf(Node node) {
    return node.findCompilationUnit().flatMap(CompilationUnit::getStorage).map(s -> s.getPath());
  }

  /** The location of a node (its whole range). */
  public static SourceLocation locationOf(Node node) {
    Path file = fileOf(node).orElseThrow(() -> new IllegalArgumentException("node has no file: " + node));
    return node.getRange()
        .map(r -> new SourceLocation(file, r.begin.line, r.begin.column, r.end.line, r.end.column))
        .orElse(SourceLocation.ofLine(file, 1));
  }

  /** Evidence at a node. */
  public static Evidence evidence(Node node, String message) {
    return new Evidence(locationOf(node), message);
  }

  /** {@code Outer.Inner.member} for the declarations enclosing {@code node}. */
  public static String symbolOf(Node node) {
    Deque<String> parts = new ArrayDeque<>();
    String member = null;
    Node n = node;
    while (n != null) {
      if (member == null) {
        if (n instanceof CallableDeclaration<?> c) {
          member = c.isConstructorDeclaration() ? "<init>" : c.getNameAsString();
        } else if (n instanceof InitializerDeclaration i) {
          member = i.isStatic() ? "<clinit>" : "<init>";
        } else if (n instanceof FieldDeclaration f) {
          member = f.getVariables().isEmpty() ? "<field>" : f.getVariable(0).getNameAsString();
        } else if (n instanceof VariableDeclarator v && v.getParentNode().filter(FieldDeclaration.class::isInstance).isPresent()) {
          member = v.getNameAsString();
        }
      }
      if (n instanceof TypeDeclaration<?> t) {
        parts.addFirst(t.getNameAsString());
      } else if (n instanceof ObjectCreationExpr oce && oce.getAnonymousClassBody().isPresent() && n != node) {
        parts.addFirst("new " + oce.getType().getNameAsString() + "(){}");
      }
      n = n.getParentNode().orElse(null);
    }
    String type = String.join(".", parts);
    if (member == null) {
      return type;
    }
    return type.isEmpty() ? member : type + "." + member;
  }

  /** Builds one finding. */
  public final class FindingBuilder {
    private final Node node;
    private final String message;
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<Fix> fixes = new ArrayList<>();
    private Suggestion suggestion;
    private Severity findingSeverity = severity;
    private SourceLocation location;

    private FindingBuilder(Node node, String message) {
      this.node = node;
      this.message = message;
    }

    public FindingBuilder evidence(Node at, String text) {
      evidence.add(RuleContext.evidence(at, text));
      return this;
    }

    public FindingBuilder evidence(Evidence e) {
      evidence.add(e);
      return this;
    }

    public FindingBuilder suggestion(Suggestion s) {
      this.suggestion = s;
      return this;
    }

    public FindingBuilder suggestion(String oneLine) {
      this.suggestion = Suggestion.oneLine(oneLine);
      return this;
    }

    public FindingBuilder fix(Fix fix) {
      fixes.add(fix);
      return this;
    }

    /**
     * Attaches what a fix builder decided: its fix, or — where a mechanical fix would not be safe —
     * an {@link FixKind#ADVICE} entry without edits that says why, so the finding explains the
     * missing fix instead of silently having none.
     */
    public FindingBuilder fix(dev.threadlint.core.fix.FixOutcome outcome) {
      if (outcome.fix().isPresent()) {
        fixes.add(outcome.fix().get());
      } else if (!outcome.reason().isBlank()) {
        String reason = outcome.reason().startsWith("no automatic fix") ? outcome.reason() : "no automatic fix: " + outcome.reason();
        fixes.add(new Fix(reason, FixKind.ADVICE, List.of()));
      }
      return this;
    }

    /** Lowers (never raises) the severity for this finding, e.g. when confidence is lower. */
    public FindingBuilder atMost(Severity s) {
      if (findingSeverity.isAtLeast(s)) {
        findingSeverity = s;
      }
      return this;
    }

    /** Reports at a narrower location than the node's whole range (e.g. the first line). */
    public FindingBuilder at(SourceLocation loc) {
      this.location = loc;
      return this;
    }

    public void report() {
      SourceLocation loc = location != null ? location : locationOf(node);
      sink.accept(new Finding(rule.id(), findingSeverity, message, loc, symbolOf(node), evidence, suggestion, fixes, null, null));
    }
  }
}
