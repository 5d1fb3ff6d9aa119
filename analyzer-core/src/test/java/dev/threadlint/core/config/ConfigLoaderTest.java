package dev.threadlint.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.AnalysisRequest.RuleSetting;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Predicate<String> KNOWN = Set.of("bad-monitor", "thread-run-called", "knowledge-probe")::contains;

  @TempDir
  Path dir;

  private ThreadlintConfig load(String yaml) throws IOException {
    Path f = dir.resolve("threadlint.yml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f, "threadlint.yml", KNOWN);
  }

  private void assertError(String yaml, String message) {
    assertThatThrownBy(() -> load(yaml)).isInstanceOf(InputException.class).hasMessage(message);
  }

  @Test
  void everyKey_isReadAndAppliedToTheRequest() throws IOException {
    ThreadlintConfig c = load("""
        # project settings
        rules:
          bad-monitor: off
          thread-run-called: warning
        include:
          - "src/main/java/**"
        exclude: ["**/generated/**", "legacy/**"]
        annotations:
          threadSafe: [Service, "@com.acme.Concurrent"]
          singleton: [Component]
        blockingMethods:
          - com.acme.Client#call
          - Gateway#send
        """);
    assertThat(c.rules()).containsExactly(
        java.util.Map.entry("bad-monitor", RuleSetting.OFF),
        java.util.Map.entry("thread-run-called", new RuleSetting(true, Severity.WARNING)));
    assertThat(c.include()).containsExactly("src/main/java/**");
    assertThat(c.exclude()).containsExactly("**/generated/**", "legacy/**");
    assertThat(c.threadSafeAnnotations()).containsExactlyInAnyOrder("Service", "Concurrent");
    assertThat(c.singletonAnnotations()).containsExactly("Component");
    assertThat(c.blockingMethods()).containsExactlyInAnyOrder("com.acme.Client#call", "Gateway#send");

    AnalysisRequest r = c.applyTo(AnalysisRequest.builder().path(dir).exclude("cli/**"))
        .rule("thread-run-called", new RuleSetting(true, Severity.INFO)) // the command line wins
        .build();
    assertThat(r.ruleSettings()).containsEntry("bad-monitor", RuleSetting.OFF)
        .containsEntry("thread-run-called", new RuleSetting(true, Severity.INFO));
    assertThat(r.excludes()).containsExactly("cli/**", "**/generated/**", "legacy/**");
    assertThat(r.includes()).containsExactly("src/main/java/**");
    assertThat(r.extraThreadSafeAnnotations()).containsExactlyInAnyOrder("Service", "Concurrent");
    assertThat(r.extraSingletonAnnotations()).containsExactly("Component");
    assertThat(r.knowledge().isBlockingMethod("com.acme.Client", "call")).isTrue();
    assertThat(r.knowledge().isBlockingMethod("Client", "call")).isTrue();
    assertThat(r.knowledge().isBlockingMethod("com.acme.Client", "close")).isFalse();
    assertThat(r.knowledge().isBlockingMethod("Gateway", "send")).isTrue();
  }

  @Test
  void invalidRuleValue_namesFileLineAndKey() {
    assertError("""
        rules:
          thread-run-called: error

          bad-monitor: loud
        """, "threadlint.yml:4: rules.bad-monitor: invalid value 'loud' (expected off, error, warning, info)");
  }

  @Test
  void booleanOtherThanOff_isRejected() {
    assertError("rules:\n  bad-monitor: yes\n", "threadlint.yml:2: rules.bad-monitor: invalid value 'yes' (expected off, error, warning, info)");
  }

  @Test
  void unknownKey_isAnError() {
    assertError("""
        rules:
          bad-monitor: off
        excludes: ["x/**"]
        """, "threadlint.yml:3: excludes: unknown key (expected one of: rules, include, exclude, annotations, blockingMethods)");
    assertError("""
        annotations:
          immutable: [Value]
        """, "threadlint.yml:2: annotations.immutable: unknown key (expected one of: threadSafe, singleton)");
  }

  @Test
  void unknownRuleId_isAnError() {
    assertError("rules:\n  bad-monitr: off\n", "threadlint.yml:2: rules.bad-monitr: unknown rule id (run 'threadlint rules' to list them)");
  }

  @Test
  void malformedValues_areErrorsWithLines() {
    assertError("blockingMethods:\n  - com.acme.Client.call\n",
        "threadlint.yml:2: blockingMethods: invalid method 'com.acme.Client.call' (expected pkg.Type#method, e.g. com.acme.Client#call)");
    assertError("exclude:\n  - \"a/{b\"\n", "threadlint.yml:2: exclude: invalid glob 'a/{b': Missing '} at index 3");
    assertError("rules: [bad-monitor]\n", "threadlint.yml:1: rules: expected a mapping of rule id to off|error|warning|info");
    assertError("annotations:\n  threadSafe:\n    - {a: b}\n", "threadlint.yml:3: annotations.threadSafe: expected a string, found a mapping");
    assertError("rules:\n  bad-monitor: off\n  bad-monitor: error\n", "threadlint.yml:3: bad-monitor: duplicate key");
  }

  @Test
  void invalidYaml_namesTheLine() {
    assertThatThrownBy(() -> load("rules:\n  bad-monitor: off\n   thread-run-called: [\n"))
        .isInstanceOf(InputException.class).hasMessageStartingWith("threadlint.yml:").hasMessageContaining("not valid YAML");
  }

  @Test
  void emptyFile_isAnEmptyConfiguration() throws IOException {
    ThreadlintConfig c = load("# nothing yet\n");
    assertThat(c.rules()).isEmpty();
    assertThat(c.exclude()).isEmpty();
  }

  @Test
  void discovery_findsTheNearestFileUpward() throws IOException {
    Path project = Files.createDirectories(dir.resolve("project"));
    Path module = Files.createDirectories(project.resolve("module/src/main/java/acme"));
    Path source = Files.writeString(module.resolve("A.java"), "class A {}");
    assertThat(ConfigLoader.discover(source)).isEmpty();
    Files.writeString(project.resolve("threadlint.yml"), "rules: {}\n");
    assertThat(ConfigLoader.discover(source)).contains(project.resolve("threadlint.yml").toAbsolutePath());
    assertThat(ConfigLoader.discover(module)).contains(project.resolve("threadlint.yml").toAbsolutePath());
    Path nearer = Files.writeString(project.resolve("module/threadlint.yml"), "rules: {}\n");
    assertThat(ConfigLoader.discover(source)).contains(nearer.toAbsolutePath());
  }

  /** Reports every class carrying an annotation the project declared thread-safe, and every call of a declared blocking method. */
  @RuleInfo(id = "knowledge-probe", title = "probe", severity = Severity.INFO, category = Category.LOCK_DISCIPLINE, defectClass = "race")
  public static final class KnowledgeProbe implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      for (ClassOrInterfaceDeclaration c : ctx.findAll(ClassOrInterfaceDeclaration.class)) {
        c.getAnnotations().forEach(a -> {
          if (ctx.knowledge().isThreadSafeAnnotation(a.getNameAsString())) {
            ctx.finding(c.getName(), "thread-safe by @" + a.getNameAsString()).report();
          }
        });
      }
      for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
        String scopeType = call.getScope().flatMap(s -> ctx.program().localTypes().typeName(s)).orElse("");
        if (ctx.knowledge().isBlockingMethod(scopeType, call.getNameAsString())) {
          ctx.finding(call, "blocking call " + scopeType + "#" + call.getNameAsString()).report();
        }
      }
    }
  }

  @Test
  void knowledgeFromTheFile_reachesRulesThroughTheirContext() throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("Shop.java"), """
        @interface Service {}
        class Client { String call() { return ""; } }
        @Service
        class Shop {
          Client client = new Client();
          String order() { return client.call(); }
        }
        """);
    ThreadlintConfig c = load("annotations:\n  threadSafe: [Service]\nblockingMethods: [Client#call]\n");
    AnalysisRequest request = c.applyTo(AnalysisRequest.builder().path(src).baseDir(src).threads(1)).build();
    AnalysisResult result = new Analyzer(new RuleRegistry(List.of(new KnowledgeProbe()))).analyze(request);
    assertThat(result.findings()).extracting(Finding::message)
        .containsExactly("thread-safe by @Service", "blocking call Client#call");

    AnalysisRequest without = AnalysisRequest.builder().path(src).baseDir(src).threads(1).build();
    assertThat(new Analyzer(new RuleRegistry(List.of(new KnowledgeProbe()))).analyze(without).findings()).isEmpty();
  }
}
