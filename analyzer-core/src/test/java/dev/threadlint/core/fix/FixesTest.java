package dev.threadlint.core.fix;

import static dev.threadlint.core.fix.FixFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.stmt.ExpressionStmt;
import dev.threadlint.core.program.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixesTest {
  private static String withImports(String text, String... names) {
    SourceFile f = source(text);
    return TextEdits.apply(text, Fixes.addImports(f, List.of(names)));
  }

  @Test
  void addImports_afterThePackage_whenThereAreNone() {
    assertThat(withImports("package a;\n\nclass A {}\n", "java.util.Map", "java.util.List"))
        .isEqualTo("package a;\n\nimport java.util.List;\nimport java.util.Map;\n\nclass A {}\n");
  }

  @Test
  void addImports_atTheTop_withoutPackage() {
    assertThat(withImports("class A {}\n", "java.util.List")).isEqualTo("import java.util.List;\n\nclass A {}\n");
  }

  @Test
  void addImports_inSortedPlace_mergedWhenAdjacent_skippingPresentAndJavaLang() {
    String text = "import java.io.File;\nimport java.util.Set;\n\nclass A {}\n";
    assertThat(withImports(text, "java.util.List", "java.util.Map", "java.io.File", "java.lang.String", "com.acme.Z"))
        .isEqualTo("import com.acme.Z;\nimport java.io.File;\nimport java.util.List;\nimport java.util.Map;\nimport java.util.Set;\n\nclass A {}\n");
  }

  @Test
  void addImport_keepsCrlf() {
    assertThat(withImports("package a;\r\nimport java.util.Set;\r\nclass A {}\r\n", "java.util.Sorted"))
        .isEqualTo("package a;\r\nimport java.util.Set;\r\nimport java.util.Sorted;\r\nclass A {}\r\n");
  }

  @Test
  void delete_removesTheWholeLineWhenTheStatementIsAlone_elseOnlyTheStatement() {
    String text = "class A {\n  void m() {\n    a();\n    b(); c();\n  }\n  void a() {} void b() {} void c() {}\n}\n";
    SourceFile f = source(text);
    List<ExpressionStmt> stmts = f.unit().findAll(ExpressionStmt.class);
    assertThat(TextEdits.apply(text, List.of(Fixes.delete(f, stmts.get(0))))).isEqualTo(text.replace("    a();\n", ""));
    assertThat(TextEdits.apply(text, List.of(Fixes.delete(f, stmts.get(2))))).isEqualTo(text.replace("b(); c();", "b(); "));
  }

  @Test
  void offsets_countTabsAsOneColumn_andCrlfAsOneLineBreak() {
    String text = "class A {\r\n\tint x;\r\n}\r\n";
    SourceFile f = source(text);
    var field = f.unit().findFirst(com.github.javaparser.ast.body.FieldDeclaration.class).orElseThrow();
    assertThat(Fixes.textOf(f, field)).isEqualTo("int x;");
    assertThat(Fixes.indentOf(f, field)).isEqualTo("\t");
  }
}
