package dev.threadlint.core.engine;

import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.program.Annotations;
import dev.threadlint.core.program.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suppressions written in one file: {@code @SuppressWarnings("threadlint")} or
 * {@code @SuppressWarnings("threadlint:<rule-id>")} on any enclosing declaration, and
 * {@code // threadlint:ignore <rule-id>[,<rule-id>...] <reason>} on the finding's line or the line
 * above ({@code all} matches every rule).
 */
final class Suppressions {
  static final String PREFIX = "threadlint";
  private static final Pattern IGNORE = Pattern.compile("threadlint:ignore(?:\\s+([\\w:,-]+))?(?:\\s+(.*))?");

  private record Region(Range range, Set<String> ids) {}

  private record Ignore(Set<String> ids, String reason) {}

  private final List<Region> regions = new ArrayList<>();
  private final Map<Integer, List<Ignore>> ignoresByLine = new HashMap<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  Suppressions(SourceFile file) {
    for (Node n : file.unit().findAll(Node.class, x -> x instanceof NodeWithAnnotations<?>)) {
      for (AnnotationExpr a : ((NodeWithAnnotations<?>) n).getAnnotations()) {
        if (!Annotations.simpleName(a).equals("SuppressWarnings")) {
          continue;
        }
        Set<String> ids = new java.util.HashSet<>();
        for (String v : Annotations.stringValues(a, "value")) {
          if (v.equals(PREFIX)) {
            ids.add("*");
          } else if (v.startsWith(PREFIX + ":")) {
            ids.add(v.substring(PREFIX.length() + 1));
          }
        }
        if (!ids.isEmpty()) {
          n.getRange().ifPresent(r -> regions.add(new Region(r, ids)));
        }
      }
    }
    for (Comment c : file.unit().getAllContainedComments()) {
      String text = c.getContent().strip();
      Matcher m = IGNORE.matcher(text);
      if (!m.lookingAt() || c.getRange().isEmpty()) {
        continue;
      }
      int line = c.getRange().get().begin.line;
      if (m.group(1) == null) {
        diagnostics.add(new Diagnostic("bad-suppression", Diagnostic.Level.WARNING,
            "threadlint:ignore needs a rule id and a reason: // threadlint:ignore <rule-id> <reason>", file.path(), line, c.getRange().get().begin.column));
        continue;
      }
      String reason = m.group(2) == null ? "" : m.group(2).strip();
      if (reason.isEmpty()) {
        diagnostics.add(new Diagnostic("bad-suppression", Diagnostic.Level.WARNING,
            "threadlint:ignore without a reason; say why the finding does not apply", file.path(), line, c.getRange().get().begin.column));
      }
      Ignore ig = new Ignore(Set.of(m.group(1).split(",")), reason);
      // applies to its own line and, as a comment on a line of its own, to the next line
      ignoresByLine.computeIfAbsent(line, k -> new ArrayList<>()).add(ig);
      String before = file.lineText(line);
      int col = c.getRange().get().begin.column;
      if (col - 1 <= before.length() && before.substring(0, col - 1).isBlank()) {
        ignoresByLine.computeIfAbsent(c.getRange().get().end.line + 1, k -> new ArrayList<>()).add(ig);
      }
    }
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The suppression that silences {@code f}, or null. */
  Finding.Suppression match(Finding f, RuleMetadata rule) {
    SourceLocation loc = f.location();
    for (Region r : regions) {
      if (contains(r.range(), loc) && matches(r.ids(), rule)) {
        return new Finding.Suppression(Finding.Suppression.Kind.ANNOTATION, "@SuppressWarnings");
      }
    }
    for (Ignore ig : ignoresByLine.getOrDefault(loc.line(), List.of())) {
      if (matches(ig.ids(), rule) || ig.ids().contains("all")) {
        return new Finding.Suppression(Finding.Suppression.Kind.COMMENT, ig.reason());
      }
    }
    return null;
  }

  private static boolean matches(Set<String> ids, RuleMetadata rule) {
    if (ids.contains("*") || ids.contains(rule.id())) {
      return true;
    }
    for (String alt : rule.altIds()) {
      if (ids.contains(alt)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(Range r, SourceLocation loc) {
    if (loc.line() < r.begin.line || loc.line() > r.end.line) {
      return false;
    }
    if (loc.line() == r.begin.line && loc.column() < r.begin.column) {
      return false;
    }
    return loc.line() != r.end.line || loc.column() <= r.end.column;
  }
}
