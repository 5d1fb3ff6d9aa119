package dev.threadlint.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.program.SourceFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Inline sources for fix tests: parse, find a node, apply a fix, check it parses and compiles. */
final class FixFixture {
  static final Path FILE = Path.of("/virtual/src/Test.java").toAbsolutePath();

  private FixFixture() {}

  static SourceFile source(String text) {
    CompilationUnit cu = new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_17)).parse(text).getResult().orElseThrow();
    cu.setStorage(FILE);
    return new SourceFile(FILE, text, cu);
  }

  static <N extends Node> N find(SourceFile file, Class<N> type, Predicate<N> which) {
    List<N> all = file.unit().findAll(type, which);
    assertThat(all).as("nodes of %s matching", type.getSimpleName()).hasSize(1);
    return all.get(0);
  }

  static String apply(SourceFile file, FixOutcome outcome) {
    assertThat(outcome.isPresent()).as("fix refused: %s", outcome.reason()).isTrue();
    return apply(file, outcome.fix().orElseThrow());
  }

  static String apply(SourceFile file, Fix fix) {
    String out = TextEdits.apply(file.text(), fix.edits());
    assertThat(FixApplier.parses(out, LanguageLevel.JAVA_17)).as("result parses:\n%s", out).isTrue();
    return out;
  }

  /** Compile errors of {@code text} (a single public-less class file) at release 17; empty when it compiles. */
  static List<String> compileErrors(String text) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///Test.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
    java.io.File out = new java.io.File("target/fix-test-classes");
    out.mkdirs();
    List<String> options = List.of("--release", "17", "-proc:none", "-d", out.getPath());
    Boolean ok = javac.getTask(null, null, diagnostics, options, null, List.of(source)).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    if (!ok && errors.isEmpty()) {
      errors.add("compilation failed");
    }
    return errors;
  }

  /** Asserts the input compiles, and the fixed text compiles too. */
  static void assertCompilesBeforeAndAfter(String before, String after) {
    assertThat(compileErrors(before)).as("input compiles").isEmpty();
    assertThat(compileErrors(after)).as("fixed text compiles:\n%s", after).isEmpty();
  }
}
