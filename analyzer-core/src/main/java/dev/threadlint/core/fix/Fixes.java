package dev.threadlint.core.fix;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import dev.threadlint.core.api.RuleContext;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.program.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builders for exact fixes from node ranges. Offsets index the file's decoded text. */
public final class Fixes {
  private Fixes() {}

  /** A text edit that replaces the whole range of {@code node}. */
  public static Optional<TextEdit> replace(SourceFile file, Node node, String replacement) {
    // an empty file's compilation unit has the range (0,0)-(0,0): offsets are kept inside the text
    return node.getRange()
        .map(r -> new int[] {offset(file.text(), r.begin), Math.min(file.text().length(), offset(file.text(), r.end) + 1)})
        .filter(se -> se[0] <= se[1])
        .map(se -> new TextEdit(file.path(), se[0], se[1], replacement));
  }

  /** A text edit inserting {@code text} just before {@code node}. */
  public static Optional<TextEdit> insertBefore(SourceFile file, Node node, String text) {
    return node.getRange().map(r -> {
      int at = offset(file.text(), r.begin);
      return new TextEdit(file.path(), at, at, text);
    });
  }

  public static Fix fix(String description, FixKind kind, List<TextEdit> edits) {
    return new Fix(description, kind, edits);
  }

  /** The file containing {@code node}, found through the program. */
  public static Optional<SourceFile> fileOf(dev.threadlint.core.program.Program program, Node node) {
    Optional<Path> p = RuleContext.fileOf(node);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    return program.files().stream().filter(f -> f.path().equals(p.get())).findFirst();
  }

  /** The offset in {@code text} of a 1-based line/column position (tabs count as one column). */
  public static int offset(String text, Position pos) {
    int line = 1;
    int i = 0;
    while (line < pos.line && i < text.length()) {
      char c = text.charAt(i++);
      if (c == '\n') {
        line++;
      } else if (c == '\r') {
        if (i < text.length() && text.charAt(i) == '\n') {
          i++;
        }
        line++;
      }
    }
    return Math.max(0, Math.min(text.length(), i + pos.column - 1));
  }

  public static Range rangeOf(Node n) {
    return n.getRange().orElseThrow();
  }

  /** The offset just past the end of {@code node} in {@code file}'s text. */
  public static int endOffset(SourceFile file, Node node) {
    return offset(file.text(), rangeOf(node).end) + 1;
  }

  /** The offset of the start of {@code node} in {@code file}'s text. */
  public static int startOffset(SourceFile file, Node node) {
    return offset(file.text(), rangeOf(node).begin);
  }

  /** The text of {@code node} exactly as written in the file. */
  public static String textOf(SourceFile file, Node node) {
    return file.text().substring(startOffset(file, node), endOffset(file, node));
  }

  /** The whitespace that starts the line on which {@code node} begins. */
  public static String indentOf(SourceFile file, Node node) {
    String line = file.lineText(rangeOf(node).begin.line);
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return line.substring(0, i);
  }

  /** The line terminator the file uses ({@code \n} when it has none). */
  public static String lineSeparator(String text) {
    int nl = text.indexOf('\n');
    return nl > 0 && text.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
  }

  /**
   * An edit deleting {@code node}; when the node is alone on its line(s), the whole lines go,
   * so that no blank line is left behind.
   */
  public static TextEdit delete(SourceFile file, Node node) {
    String text = file.text();
    int start = startOffset(file, node);
    int end = endOffset(file, node);
    int lineStart = start;
    while (lineStart > 0 && (text.charAt(lineStart - 1) == ' ' || text.charAt(lineStart - 1) == '\t')) {
      lineStart--;
    }
    int lineEnd = end;
    while (lineEnd < text.length() && (text.charAt(lineEnd) == ' ' || text.charAt(lineEnd) == '\t')) {
      lineEnd++;
    }
    boolean aloneStart = lineStart == 0 || text.charAt(lineStart - 1) == '\n';
    boolean aloneEnd = lineEnd == text.length() || text.charAt(lineEnd) == '\n' || text.charAt(lineEnd) == '\r';
    if (aloneStart && aloneEnd) {
      if (lineEnd < text.length() && text.charAt(lineEnd) == '\r') {
        lineEnd++;
      }
      if (lineEnd < text.length() && text.charAt(lineEnd) == '\n') {
        lineEnd++;
      }
      return new TextEdit(file.path(), lineStart, lineEnd, "");
    }
    return new TextEdit(file.path(), start, end, "");
  }

  /**
   * An edit adding {@code import qualifiedName;} after the last import (or after the package
   * declaration), or empty when the type is already imported, by name or on demand, or lives in
   * {@code java.lang}.
   */
  public static Optional<TextEdit> addImport(SourceFile file, String qualifiedName) {
    List<TextEdit> edits = addImports(file, List.of(qualifiedName));
    return edits.isEmpty() ? Optional.empty() : Optional.of(edits.get(0));
  }

  /**
   * Edits adding the imports that are missing, each in sorted position among the existing imports;
   * imports that land at the same place are merged into one edit (so the edits never overlap).
   */
  public static List<TextEdit> addImports(SourceFile file, List<String> qualifiedNames) {
    CompilationUnit cu = file.unit();
    String nl = lineSeparator(file.text());
    java.util.TreeMap<Integer, java.util.List<String>> before = new java.util.TreeMap<>();
    java.util.TreeMap<Integer, java.util.List<String>> after = new java.util.TreeMap<>();
    java.util.List<String> atTop = new java.util.ArrayList<>();
    int packageEnd = cu.getPackageDeclaration().map(p -> endOffset(file, p)).orElse(-1);
    for (String qualifiedName : new java.util.TreeSet<>(qualifiedNames)) {
      if (isImported(cu, qualifiedName)) {
        continue;
      }
      if (cu.getImports().isNonEmpty()) {
        ImportDeclaration last = null;
        for (ImportDeclaration i : cu.getImports()) {
          if (!i.isStatic() && i.getNameAsString().compareTo(qualifiedName) < 0) {
            last = i;
          }
        }
        if (last == null) {
          before.computeIfAbsent(startOffset(file, cu.getImports().get(0)), k -> new java.util.ArrayList<>()).add(qualifiedName);
        } else {
          after.computeIfAbsent(endOffset(file, last), k -> new java.util.ArrayList<>()).add(qualifiedName);
        }
      } else {
        atTop.add(qualifiedName);
      }
    }
    List<TextEdit> edits = new java.util.ArrayList<>();
    before.forEach((at, names) -> {
      StringBuilder sb = new StringBuilder();
      names.forEach(n -> sb.append("import ").append(n).append(';').append(nl));
      edits.add(new TextEdit(file.path(), at, at, sb.toString()));
    });
    after.forEach((at, names) -> {
      StringBuilder sb = new StringBuilder();
      names.forEach(n -> sb.append(nl).append("import ").append(n).append(';'));
      edits.add(new TextEdit(file.path(), at, at, sb.toString()));
    });
    if (!atTop.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      atTop.forEach(n -> sb.append("import ").append(n).append(';').append(nl));
      if (packageEnd >= 0) {
        edits.add(new TextEdit(file.path(), packageEnd, packageEnd, nl + nl + sb.toString().stripTrailing()));
      } else {
        edits.add(new TextEdit(file.path(), 0, 0, sb + nl));
      }
    }
    return edits;
  }

  private static boolean isImported(CompilationUnit cu, String qualifiedName) {
    int dot = qualifiedName.lastIndexOf('.');
    String pkg = dot < 0 ? "" : qualifiedName.substring(0, dot);
    if (pkg.equals("java.lang")) {
      return true;
    }
    for (ImportDeclaration i : cu.getImports()) {
      if (i.isStatic()) {
        continue;
      }
      String n = i.getNameAsString();
      if (i.isAsterisk() ? n.equals(pkg) : n.equals(qualifiedName)) {
        return true;
      }
    }
    return false;
  }
}
