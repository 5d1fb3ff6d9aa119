package dev.threadlint.core.spotbugs;

import java.util.List;

/**
 * One SpotBugs bug instance, copied out of SpotBugs' own types.
 *
 * @param type the bug pattern, e.g. {@code IS2_INCONSISTENT_SYNC}
 * @param priority SpotBugs' confidence: 1 high, 2 normal, 3 low
 * @param rank SpotBugs' bug rank, 1 (scariest) to 20
 * @param message the long description with the culprits filled in
 * @param className the binary name of the primary class ({@code a.b.Outer$Inner})
 * @param member the primary method or field name, or null
 * @param field the primary field name, or null
 * @param primary the primary source line
 * @param lines further source lines SpotBugs attached (e.g. each unsynchronized access)
 */
public record BugRecord(
    String type, int priority, int rank, String message, String className, String member, String field, Line primary, List<Line> lines) {

  public BugRecord {
    lines = List.copyOf(lines);
  }

  /**
   * A source line as SpotBugs sees it: {@code sourcePath} is the package path plus the file name
   * from the class file's SourceFile attribute ({@code a/b/Outer.java}); lines are 1-based, or ≤ 0
   * when the class has no line table.
   */
  public record Line(String sourcePath, int startLine, int endLine, String role) {
    public boolean known() {
      return startLine > 0;
    }
  }
}
