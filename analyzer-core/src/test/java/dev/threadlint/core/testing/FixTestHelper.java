package dev.threadlint.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.fix.FixApplier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Fix tests for rules: runs the rule on inputs, applies the chosen fix of every finding (the first
 * SAFE one by default) through {@link FixApplier}, and checks that the result equals the expected
 * output (whitespace-lenient), parses, makes the rule's findings disappear, and — with
 * {@link #compiles()} — compiles with {@code javax.tools} when the input did.
 */
public final class FixTestHelper {
  private final List<Rule> rules;
  private final Map<String, String> inputs = new LinkedHashMap<>();
  private final Map<String, String> outputs = new LinkedHashMap<>();
  private final List<Consumer<AnalysisRequest.Builder>> config = new ArrayList<>();
  private boolean unchanged;
  private boolean compile;
  private int choose = -1;

  private FixTestHelper(List<Rule> rules) {
    this.rules = rules;
  }

  @SafeVarargs
  public static FixTestHelper forRule(Class<? extends Rule>... ruleClasses) {
    return new FixTestHelper(RuleTestHelper.instantiate(ruleClasses));
  }

  public FixTestHelper addInput(String path, String text) {
    inputs.put(path, text);
    return this;
  }

  public FixTestHelper addOutput(String path, String text) {
    outputs.put(path, text);
    return this;
  }

  /** No fix may change any input (the rule reports without a fix, or refuses one). */
  public FixTestHelper expectUnchanged() {
    unchanged = true;
    return this;
  }

  /** Applies the {@code n}-th fix (0-based) of each finding, of any kind, instead of the first SAFE one. */
  public FixTestHelper chooseFix(int n) {
    choose = n;
    return this;
  }

  /** Also compile inputs and outputs (at release 17) with javax.tools. */
  public FixTestHelper compiles() {
    compile = true;
    return this;
  }

  public FixTestHelper configure(Consumer<AnalysisRequest.Builder> c) {
    config.add(c);
    return this;
  }

  /** Runs the check; returns the fixed texts by path. */
  public Map<String, String> doTest() {
    AnalysisResult before = analyze(inputs);
    Map<String, List<FixApplier.Candidate>> byPath = new LinkedHashMap<>();
    for (Finding f : before.findings()) {
      Fix fix = pick(f);
      if (fix != null) {
        byPath.computeIfAbsent(before.displayPath(f.location().file()), k -> new ArrayList<>())
            .add(new FixApplier.Candidate(f.ruleId() + " at line " + f.location().line(), fix));
      }
    }
    FixApplier applier = FixApplier.including(FixKind.SAFE, FixKind.REFACTORING);
    Map<String, String> fixed = new LinkedHashMap<>(inputs);
    for (var e : byPath.entrySet()) {
      String original = inputs.get(e.getKey());
      if (original == null) {
        fail("a fix edits " + e.getKey() + ", which is not an input");
      }
      FixApplier.FileResult r = applier.apply(e.getValue().get(0).fix().edits().get(0).file(), original, e.getValue());
      if (!r.rejected().isEmpty()) {
        fail("fixes rejected in " + e.getKey() + ": " + r.rejected());
      }
      fixed.put(e.getKey(), r.updated());
    }
    if (unchanged) {
      assertThat(fixed).as("no input changes").isEqualTo(inputs);
      return fixed;
    }
    for (var e : outputs.entrySet()) {
      assertThat(normalize(fixed.get(e.getKey()))).as("fixed %s:\n%s", e.getKey(), fixed.get(e.getKey())).isEqualTo(normalize(e.getValue()));
    }
    for (var e : fixed.entrySet()) {
      assertThat(FixApplier.parses(e.getValue(), LanguageLevel.JAVA_25)).as("%s parses after the fix", e.getKey()).isTrue();
    }
    AnalysisResult after = analyze(fixed);
    List<String> left = new ArrayList<>();
    for (Finding f : after.findings()) {
      left.add(after.displayPath(f.location().file()) + ":" + f.location().line() + " [" + f.ruleId() + "] " + f.message());
    }
    assertThat(left).as("findings after the fix").isEmpty();
    if (compile) {
      assertThat(compileErrors(inputs)).as("inputs compile").isEmpty();
      assertThat(compileErrors(fixed)).as("fixed sources compile").isEmpty();
    }
    return fixed;
  }

  private Fix pick(Finding f) {
    if (choose >= 0) {
      return f.fixes().size() > choose ? f.fixes().get(choose) : null;
    }
    return f.fixes().stream().filter(x -> x.kind() == FixKind.SAFE).findFirst().orElse(null);
  }

  private AnalysisResult analyze(Map<String, String> sources) {
    RuleTestHelper h = RuleTestHelper.forRules(rules);
    sources.forEach(h::addSource);
    config.forEach(h::configure);
    return h.analyze();
  }

  private static String normalize(String s) {
    return s == null ? null : s.replaceAll("[ \\t]+", " ").replaceAll("(?m)^ | $", "").replaceAll("\\R+", "\n").strip();
  }

  private static List<String> compileErrors(Map<String, String> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(URI.create("string:///" + name), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignore) {
        return text;
      }
    }));
    try {
      Path out = Files.createDirectories(Path.of("target", "fix-test-classes"));
      javac.getTask(null, null, diagnostics, List.of("--release", "17", "-proc:none", "-d", out.toString()), null, units).call();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }
}
