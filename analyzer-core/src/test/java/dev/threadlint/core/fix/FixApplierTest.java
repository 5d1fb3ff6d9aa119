package dev.threadlint.core.fix;

import static dev.threadlint.core.fix.FixFixture.FILE;
import static dev.threadlint.core.fix.FixFixture.find;
import static dev.threadlint.core.fix.FixFixture.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.program.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixApplierTest {
  private static final String TEXT = """
      class Box {
        private volatile int n;
        private Object item;
        synchronized void put(Object o) { item = o; n++; notify(); }
        synchronized Object take() throws InterruptedException { if (item == null) wait(); return item; }
      }
      """;

  private static FixApplier.Candidate candidate(String label, FixOutcome o) {
    return new FixApplier.Candidate(label, o.fix().orElseThrow());
  }

  @Test
  void mergesIndependentFixesOfOneFile() {
    SourceFile f = source(TEXT);
    var result = FixApplier.safeOnly().apply(FILE, TEXT, List.of(
        candidate("notify", MonitorFixes.notifyAll(f, find(f, MethodCallExpr.class, c -> c.getNameAsString().equals("notify")))),
        candidate("wait", MonitorFixes.waitInLoop(f, find(f, MethodCallExpr.class, c -> c.getNameAsString().equals("wait")))),
        candidate("counter", CounterFixes.atomic(f, find(f, VariableDeclarator.class, v -> v.getNameAsString().equals("n"))))));
    assertThat(result.rejected()).isEmpty();
    assertThat(result.applied()).extracting(FixApplier.Candidate::label).containsExactly("notify", "wait", "counter");
    assertThat(result.updated()).contains("notifyAll();").contains("while (item == null) wait();").contains("n.incrementAndGet();")
        .startsWith("import java.util.concurrent.atomic.AtomicInteger;");
    assertThat(result.changed()).isTrue();
  }

  @Test
  void twoFixesAddingDifferentImportsAtTheSamePlace_bothApply() {
    String text = """
        import java.util.List;

        class Stats {
          private volatile int hits;
          private volatile long bytes;
          private final List<String> log = List.of();
          void record(int n) { hits++; bytes += n; }
        }
        """;
    SourceFile f = source(text);
    var result = FixApplier.safeOnly().apply(FILE, text, List.of(
        candidate("hits", CounterFixes.atomic(f, find(f, VariableDeclarator.class, v -> v.getNameAsString().equals("hits")))),
        candidate("bytes", CounterFixes.atomic(f, find(f, VariableDeclarator.class, v -> v.getNameAsString().equals("bytes"))))));
    assertThat(result.rejected()).isEmpty();
    assertThat(result.updated()).startsWith("import java.util.List;\nimport java.util.concurrent.atomic.AtomicInteger;\nimport java.util.concurrent.atomic.AtomicLong;\n")
        .contains("hits.incrementAndGet(); bytes.addAndGet(n);");
    FixFixture.assertCompilesBeforeAndAfter(text, result.updated());
  }

  @Test
  void overlappingFixIsRejectedAsAWhole_firstOneWins() {
    SourceFile f = source(TEXT);
    MethodCallExpr notify = find(f, MethodCallExpr.class, c -> c.getNameAsString().equals("notify"));
    Fix other = new Fix("rename notify", FixKind.SAFE, List.of(
        Fixes.replace(f, notify, "notifyAll()").orElseThrow(),
        Fixes.insertBefore(f, find(f, MethodDeclaration.class, m -> m.getNameAsString().equals("take")), "// took\n  ").orElseThrow()));
    var result = FixApplier.safeOnly().apply(FILE, TEXT, List.of(
        candidate("first", MonitorFixes.notifyAll(f, notify)), new FixApplier.Candidate("second", other)));
    assertThat(result.applied()).extracting(FixApplier.Candidate::label).containsExactly("first");
    assertThat(result.rejected()).singleElement().satisfies(r -> {
      assertThat(r.candidate().label()).isEqualTo("second");
      assertThat(r.reason()).contains("overlap");
    });
    assertThat(result.updated()).doesNotContain("// took"); // no half-applied fix
  }

  @Test
  void identicalEditsFromTwoFixesCountOnce() {
    SourceFile f = source(TEXT);
    TextEdit imp = Fixes.addImport(f, "java.util.List").orElseThrow();
    var result = FixApplier.safeOnly().apply(FILE, TEXT, List.of(
        new FixApplier.Candidate("a", new Fix("a", FixKind.SAFE, List.of(imp))),
        new FixApplier.Candidate("b", new Fix("b", FixKind.SAFE, List.of(imp)))));
    assertThat(result.applied()).hasSize(2);
    assertThat(result.updated().split("import java.util.List;", -1)).hasSize(2);
  }

  @Test
  void fixThatBreaksTheSyntaxIsRefused() {
    SourceFile f = source(TEXT);
    Fix broken = new Fix("break it", FixKind.SAFE,
        List.of(Fixes.replace(f, find(f, ClassOrInterfaceDeclaration.class, c -> true).getName(), "class").orElseThrow()));
    var result = FixApplier.safeOnly().apply(FILE, TEXT, List.of(new FixApplier.Candidate("broken", broken)));
    assertThat(result.changed()).isFalse();
    assertThat(result.rejected()).singleElement().extracting(FixApplier.Rejection::reason).asString().contains("no longer parse");
  }

  @Test
  void onlySafeFixesByDefault() {
    SourceFile f = source(TEXT);
    Fix refactoring = new Fix("r", FixKind.REFACTORING, List.of(Fixes.insertBefore(f, f.unit().getType(0), "// x\n").orElseThrow()));
    assertThat(FixApplier.safeOnly().apply(FILE, TEXT, List.of(new FixApplier.Candidate("r", refactoring))).changed()).isFalse();
    assertThat(FixApplier.including(FixKind.SAFE, FixKind.REFACTORING).apply(FILE, TEXT, List.of(new FixApplier.Candidate("r", refactoring))).updated())
        .startsWith("// x\n");
  }

  @Test
  void editOutsideTheTextOrForAnotherFileIsRefused() {
    var outside = new Fix("o", FixKind.SAFE, List.of(new TextEdit(FILE, 5000, 5001, "")));
    var elsewhere = new Fix("e", FixKind.SAFE, List.of(new TextEdit(Path.of("/virtual/Other.java"), 0, 0, "x")));
    var result = FixApplier.safeOnly().apply(FILE, TEXT, List.of(new FixApplier.Candidate("o", outside), new FixApplier.Candidate("e", elsewhere)));
    assertThat(result.rejected()).extracting(FixApplier.Rejection::reason)
        .containsExactly("an edit lies outside the file: the file is not the text that was analysed", "the fix edits another file (Other.java)");
  }

  @Test
  void textEdits_applyBottomUp_andRejectOverlap() {
    Path p = Path.of("x");
    assertThat(TextEdits.apply("abcdef", List.of(new TextEdit(p, 4, 5, "E"), new TextEdit(p, 0, 1, "AA"), new TextEdit(p, 2, 2, "+")))).isEqualTo("AAb+cdEf");
    assertThatThrownBy(() -> TextEdits.apply("abcdef", List.of(new TextEdit(p, 1, 3, ""), new TextEdit(p, 2, 4, ""))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlapping");
    assertThat(TextEdits.apply("abc", List.of(new TextEdit(p, 1, 1, "1"), new TextEdit(p, 1, 1, "2")))).isEqualTo("a12bc"); // list order
    assertThat(TextEdits.overlap(new TextEdit(p, 2, 2, "a"), new TextEdit(p, 1, 3, "b"))).isTrue();
    assertThat(TextEdits.overlap(new TextEdit(p, 2, 2, "a"), new TextEdit(p, 2, 4, "b"))).isFalse(); // insertion at the start of a replaced range
  }

  @Test
  void candidatesByFile_takesTheFirstSafeFixOfEachFinding() {
    SourceFile f = source(TEXT);
    MethodCallExpr notify = find(f, MethodCallExpr.class, c -> c.getNameAsString().equals("notify"));
    Fix advice = new Fix("advice", FixKind.ADVICE, List.of());
    Fix safe = MonitorFixes.notifyAll(f, notify).fix().orElseThrow();
    var finding = new dev.threadlint.core.finding.Finding("notify-instead-of-notify-all", dev.threadlint.core.api.Severity.WARNING, "m",
        dev.threadlint.core.finding.SourceLocation.ofLine(FILE, 4), "Box.put", List.of(), null, List.of(advice, safe), "fp", null);
    var byFile = FixApplier.safeOnly().candidatesByFile(List.of(finding));
    assertThat(byFile).containsOnlyKeys(FILE);
    assertThat(byFile.get(FILE)).singleElement().satisfies(c -> {
      assertThat(c.fix()).isEqualTo(safe);
      assertThat(c.label()).isEqualTo("notify-instead-of-notify-all at line 4");
    });
  }

  @Test
  void lppRewrite_keepsEverythingElseByteForByte() {
    String text = """
        class   Odd {   // odd spacing stays
            int  a ;
          void  m( ) {   if (a>0)  { a--; }   }
        }
        """;
    SourceFile f = source(text);
    IfStmt target = f.unit().findFirst(IfStmt.class).orElseThrow();
    TextEdit edit = LppRewrite.rewrite(f, target, copy -> copy.setCondition(new com.github.javaparser.ast.expr.NameExpr("ready"))).orElseThrow();
    String out = TextEdits.apply(text, List.of(edit));
    assertThat(out).isEqualTo(text.replace("a>0", "ready"));
    assertThat(edit.replacement()).isEqualTo("ready");
    assertThat(f.unit().findFirst(IfStmt.class).orElseThrow().getCondition().toString()).isEqualTo("a > 0"); // analysed tree untouched
  }
}
