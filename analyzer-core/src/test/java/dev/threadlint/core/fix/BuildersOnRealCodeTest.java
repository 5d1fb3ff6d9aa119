package dev.threadlint.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.threadlint.core.finding.Suggestion;
import dev.threadlint.core.program.FieldModel;
import dev.threadlint.core.program.Program;
import dev.threadlint.core.program.Resolver;
import dev.threadlint.core.program.SourceFile;
import dev.threadlint.core.program.TypeModel;
import dev.threadlint.core.suggest.OwnerSketch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every fix builder and the owner sketch run over this module's own sources (a few hundred nodes of
 * real, varied Java): no builder may throw, every fix it builds must apply cleanly and leave code
 * that parses, and every sketch must parse at its language level.
 */
class BuildersOnRealCodeTest {
  private static List<SourceFile> corpus() throws IOException {
    List<SourceFile> out = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          String text = Files.readString(p);
          CompilationUnit cu = new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_17)).parse(text).getResult().orElseThrow();
          cu.setStorage(p.toAbsolutePath());
          out.add(new SourceFile(p.toAbsolutePath(), text, cu));
        }
      }
    }
    return out;
  }

  private int built;
  private int refused;

  private void check(SourceFile f, FixOutcome o) {
    if (!o.isPresent()) {
      assertThat(o.reason()).isNotBlank();
      refused++;
      return;
    }
    built++;
    String out = TextEdits.apply(f.text(), o.fix().orElseThrow().edits());
    assertThat(FixApplier.parses(out, LanguageLevel.JAVA_17)).as("%s after %s", f.path(), o.fix().get().description()).isTrue();
  }

  @Test
  void everyBuilderOnEveryCandidateNode() throws IOException {
    List<SourceFile> files = corpus();
    assertThat(files).hasSizeGreaterThan(40);
    for (SourceFile f : files) {
      for (VariableDeclarator v : f.unit().findAll(VariableDeclarator.class)) {
        if (v.getParentNode().orElse(null) instanceof com.github.javaparser.ast.body.FieldDeclaration) {
          check(f, CounterFixes.atomic(f, v));
          check(f, VisibilityFixes.addVolatile(f, v));
          check(f, FormatterFixes.simpleDateFormat(f, v));
        }
      }
      for (MethodCallExpr c : f.unit().findAll(MethodCallExpr.class)) {
        switch (c.getNameAsString()) {
          case "notify" -> check(f, MonitorFixes.notifyAll(f, c));
          case "wait" -> check(f, MonitorFixes.waitInLoop(f, c));
          case "lock", "lockInterruptibly" -> {
            check(f, LockFixes.moveLockBeforeTry(f, c));
            check(f, LockFixes.wrapInTryFinally(f, c));
          }
          case "put" -> check(f, MapFixes.mergeIncrement(f, c));
          case "run" -> check(f, VisibilityFixes.startInsteadOfRun(f, c));
          default -> { }
        }
      }
      for (IfStmt i : f.unit().findAll(IfStmt.class)) {
        check(f, MapFixes.checkThenAct(f, i));
      }
      for (SynchronizedStmt s : f.unit().findAll(SynchronizedStmt.class)) {
        check(f, MonitorFixes.privateLockObject(f, s));
      }
    }
    // the corpus is ordinary code: most candidates are refused, with a reason; some fixes are built
    assertThat(refused).isGreaterThan(500);
    assertThat(built).isGreaterThan(10);
  }

  @Test
  void ownerSketchForEveryClassWithFields_parses() throws IOException {
    Program p = new Program(corpus(), new Resolver(List.of(), (x, y) -> {}));
    int sketches = 0;
    for (TypeModel t : p.types()) {
      List<FieldModel> fields = t.fields().stream().filter(f -> !f.isStatic()).toList();
      if (fields.isEmpty() || t.isInterface() || t.isAnonymous()) {
        continue;
      }
      // this corpus is Java 17 code, and the sketch carries the original bodies: 17 and up only
      for (int release : new int[] {17, 21}) {
        Suggestion s = OwnerSketch.forSharedState(t, fields, t.methods(), release);
        LanguageLevel level = release == 17 ? LanguageLevel.JAVA_17 : LanguageLevel.JAVA_21;
        assertThat(FixApplier.parses(s.codeSketch(), level)).as("sketch of %s at %d:\n%s", t, release, s.codeSketch()).isTrue();
        assertThat(s.codeSketch()).contains("class " + t.simpleName() + " ");
        sketches++;
      }
    }
    assertThat(sketches).isGreaterThan(40);
  }
}
