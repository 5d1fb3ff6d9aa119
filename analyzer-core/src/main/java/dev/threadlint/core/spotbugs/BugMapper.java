package dev.threadlint.core.spotbugs;

import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.program.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns SpotBugs bug records into threadlint findings placed on the scanned sources. A bug whose
 * source is not among the scanned files, or whose line lies beyond the end of its source (the
 * classes are older than the sources), becomes a diagnostic instead.
 */
public final class BugMapper {
  /** Prefix of every rule id of the cross-check. */
  public static final String RULE_PREFIX = "spotbugs:";

  private final SourceIndex index;

  public BugMapper(List<SourceFile> sources) {
    this.index = new SourceIndex(sources);
  }

  /** A mapped finding with the bug it came from (the de-duplication needs the field). */
  public record Mapped(Finding finding, BugRecord bug) {}

  /** Findings and diagnostics of one mapping. */
  public record Result(List<Mapped> findings, List<Diagnostic> diagnostics) {
    public Result {
      findings = List.copyOf(findings);
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public static String ruleId(String bugType) {
    return RULE_PREFIX + bugType;
  }

  public Result map(List<BugRecord> bugs) {
    List<Mapped> out = new ArrayList<>();
    List<Diagnostic> diags = new ArrayList<>();
    for (BugRecord b : bugs) {
      Optional<SourceFile> file = index.find(b.primary().sourcePath());
      if (file.isEmpty()) {
        diags.add(Diagnostic.of("spotbugs-no-source", Diagnostic.Level.WARNING, null,
            "SpotBugs reports " + b.type() + " in class " + b.className() + " (" + where(b.primary())
                + "), whose source is not among the scanned files; not reported: " + b.message()));
        continue;
      }
      SourceFile src = file.get();
      int lines = SourceIndex.lineCount(src);
      BugRecord.Line p = b.primary();
      if (p.known() && p.endLine() > lines) {
        diags.add(new Diagnostic("spotbugs-stale-class", Diagnostic.Level.WARNING,
            "class " + b.className() + " does not match its source: SpotBugs reports " + b.type() + " at line " + p.startLine()
                + " but the file has " + lines + " lines (are the classes out of date? rebuild them)",
            src.path(), 0, 0));
        continue;
      }
      SourceLocation loc = p.known()
          ? new SourceLocation(src.path(), p.startLine(), 1, Math.max(p.startLine(), p.endLine()), 1)
          : SourceLocation.ofLine(src.path(), SourceIndex.typeLine(src, simpleName(b.className())));
      List<Evidence> evidence = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (BugRecord.Line l : b.lines()) {
        Optional<SourceFile> ef = index.find(l.sourcePath());
        if (ef.isPresent() && l.known() && l.endLine() <= SourceIndex.lineCount(ef.get())
            && seen.add(l.sourcePath() + ":" + l.startLine() + ":" + l.role())) {
          evidence.add(new Evidence(new SourceLocation(ef.get().path(), l.startLine(), 1, Math.max(l.startLine(), l.endLine()), 1),
              l.role() + " (SpotBugs)"));
        }
      }
      Finding f = new Finding(ruleId(b.type()), Severities.of(b.priority(), b.rank()), b.message(), loc,
          symbol(b), evidence, null, List.of(), null, null);
      out.add(new Mapped(f, b));
    }
    return new Result(out, diags);
  }

  private static String where(BugRecord.Line l) {
    return l.known() ? l.sourcePath() + ":" + l.startLine() : l.sourcePath();
  }

  /** {@code a.b.Outer$Inner} → {@code Outer.Inner}; with the member: {@code Outer.Inner.member}. */
  static String symbol(BugRecord b) {
    String cls = b.className();
    String simple = cls.substring(cls.lastIndexOf('.') + 1).replace('$', '.');
    return b.member() == null ? simple : simple + "." + b.member();
  }

  private static String simpleName(String className) {
    String s = className.substring(className.lastIndexOf('.') + 1);
    return s.substring(s.lastIndexOf('$') + 1);
  }
}
