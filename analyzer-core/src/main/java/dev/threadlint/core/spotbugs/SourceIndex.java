package dev.threadlint.core.spotbugs;

import com.github.javaparser.ast.body.TypeDeclaration;
import dev.threadlint.core.program.SourceFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the scanned source file SpotBugs means by a source path: the declared package as a folder
 * path plus the file name ({@code a/b/Outer.java}), which is how a class file's SourceFile
 * attribute and package combine. Keyed by the package declared in the source, not by the folder
 * it sits in, so a source tree in a non-standard layout still matches.
 */
final class SourceIndex {
  private final Map<String, SourceFile> byPath = new HashMap<>();

  SourceIndex(List<SourceFile> sources) {
    for (SourceFile s : sources) {
      String pkg = s.unit().getPackageDeclaration().map(p -> p.getNameAsString().replace('.', '/') + "/").orElse("");
      byPath.putIfAbsent(pkg + s.path().getFileName(), s);
    }
  }

  Optional<SourceFile> find(String sourcePath) {
    return Optional.ofNullable(byPath.get(sourcePath));
  }

  /** Line of the declaration of the type with this simple name, or 1. */
  static int typeLine(SourceFile file, String simpleName) {
    for (TypeDeclaration<?> t : file.unit().findAll(TypeDeclaration.class)) {
      if (t.getNameAsString().equals(simpleName) && t.getName().getRange().isPresent()) {
        return t.getName().getRange().get().begin.line;
      }
    }
    return 1;
  }

  /** Number of lines of a file's text (a final line without terminator counts). */
  static int lineCount(SourceFile file) {
    String t = file.text();
    if (t.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) == '\n') {
        n++;
      }
    }
    return t.endsWith("\n") ? n : n + 1;
  }
}
