package dev.threadlint.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.AnalysisRequest.RuleSetting;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.report.FailurePolicy;
import dev.threadlint.core.report.ReporterRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mojo parameters and the project, mapped to the analysis request the CLI would build. */
class RequestMappingTest {
  @TempDir Path base;

  private final RuleRegistry registry = RuleRegistry.load();
  private final CheckMojo mojo = new CheckMojo();
  private final Properties properties = new Properties();
  private Path main;
  private Path test;
  private Path generated;

  @BeforeEach
  void layoutOnDisk() throws IOException {
    main = Files.createDirectories(base.resolve("src/main/java"));
    test = Files.createDirectories(base.resolve("src/test/java"));
    generated = Files.createDirectories(base.resolve("target/generated-sources/annotations"));
    Files.createDirectories(base.resolve("target/classes"));
    mojo.failOnSeverity = "error";
    mojo.failOnViolation = true;
    mojo.formats = List.of("text", "json");
  }

  private ProjectLayout layout(List<Path> classpath, String compilerRelease) {
    return new ProjectLayout("demo", "jar", base, base.resolve("target"), base.resolve("target/classes"), base.resolve("target/test-classes"),
        List.of(main, generated, base.resolve("src/missing/java")), List.of(test), classpath, properties, compilerRelease);
  }

  private ProjectLayout layout() {
    return layout(List.of(), null);
  }

  private AnalysisRequest request(ProjectLayout layout) throws MojoExecutionException {
    return mojo.request(layout, mojo.sourceRoots(layout), registry, true);
  }

  @Test
  void scansExistingMainRootsButNotGeneratedOnesNorTestsByDefault() throws Exception {
    AnalysisRequest r = request(layout());
    assertThat(r.paths()).containsExactly(main);
    assertThat(r.baseDir()).isEqualTo(base);
  }

  @Test
  void includeTestsAddsTheTestRoots() throws Exception {
    mojo.includeTests = true;
    assertThat(request(layout()).paths()).containsExactly(main, test);
  }

  @Test
  void classpathKeepsDependenciesAndOtherModulesButNotTheModulesOwnOutputOrMissingEntries() throws Exception {
    Path jar = Files.writeString(base.resolve("dep.jar"), "");
    Path sibling = Files.createDirectories(base.resolve("../sibling/target/classes"));
    AnalysisRequest r = request(layout(List.of(base.resolve("target/classes"), jar, sibling, base.resolve("gone.jar"), jar), null));
    assertThat(r.classpath()).containsExactly(jar, sibling.normalize());
  }

  @Test
  void includesExcludesThreadsAndEncodingPassThrough() throws Exception {
    mojo.includes = List.of("**/*Service.java", " ");
    mojo.excludes = List.of("**/generated/**");
    mojo.threads = 3;
    mojo.encoding = "ISO-8859-1";
    AnalysisRequest r = request(layout());
    assertThat(r.includes()).containsExactly("**/*Service.java");
    assertThat(r.excludes()).containsExactly("**/generated/**");
    assertThat(r.threads()).isEqualTo(3);
    assertThat(r.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
  }

  @Test
  void rulesReGradeOrDisableByIdIgnoringBlanks() throws Exception {
    mojo.rules = List.of("thread-run-called=warning", " bad-monitor = off ", "");
    AnalysisRequest r = request(layout());
    assertThat(r.ruleSettings()).containsOnlyKeys("thread-run-called", "bad-monitor");
    assertThat(r.ruleSettings().get("thread-run-called")).isEqualTo(new RuleSetting(true, Severity.WARNING));
    assertThat(r.ruleSettings().get("bad-monitor")).isEqualTo(RuleSetting.OFF);
  }

  @Test
  void anUnknownRuleIdIsASetupErrorListingTheKnownOnes() {
    mojo.rules = List.of("no-such-rule=off");
    assertThatThrownBy(() -> request(layout()))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("unknown rule id 'no-such-rule' in rules (threadlint.rules)")
        .hasMessageContaining("thread-run-called");
  }

  @Test
  void malformedRuleEntriesAreSetupErrors() {
    mojo.rules = List.of("thread-run-called");
    assertThatThrownBy(() -> request(layout())).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("expected <rule-id>=error|warning|info|off");
    mojo.rules = List.of("thread-run-called=fatal");
    assertThatThrownBy(() -> request(layout())).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("invalid severity 'fatal'");
  }

  @Test
  void releaseComesFromTheParameterThenTheProjectsCompilerSettings() throws Exception {
    assertThat(request(layout()).targetRelease()).isNull();
    properties.setProperty("maven.compiler.source", "1.8");
    assertThat(request(layout()).targetRelease()).isEqualTo(8);
    assertThat(request(layout(List.of(), "11")).targetRelease()).isEqualTo(11);
    properties.setProperty("maven.compiler.release", "21");
    assertThat(request(layout(List.of(), "11")).targetRelease()).isEqualTo(21);
    mojo.release = "17";
    assertThat(request(layout(List.of(), "11")).targetRelease()).isEqualTo(17);
  }

  @Test
  void anUnreadableProjectReleaseIsIgnoredButAnInvalidParameterIsAnError() throws Exception {
    properties.setProperty("maven.compiler.release", "${java.version}");
    properties.setProperty("maven.compiler.source", "17");
    assertThat(request(layout()).targetRelease()).isEqualTo(17);
    mojo.release = "seventeen";
    assertThatThrownBy(() -> request(layout())).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("invalid release 'seventeen' (threadlint.release)");
  }

  @Test
  void baselineNamedExplicitlyMustExist() throws Exception {
    mojo.baselineFile = new File("config/accepted.json");
    assertThatThrownBy(() -> request(layout())).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("baseline file not found: " + base.resolve("config/accepted.json"));
    Files.createDirectories(base.resolve("config"));
    Files.writeString(base.resolve("config/accepted.json"), "{}");
    assertThat(request(layout()).baselineFile()).isEqualTo(base.resolve("config/accepted.json"));
  }

  @Test
  void theDefaultBaselineIsUsedOnlyWhenPresent() throws Exception {
    assertThat(request(layout()).baselineFile()).isNull();
    Files.writeString(base.resolve("threadlint-baseline.json"), "{}");
    assertThat(request(layout()).baselineFile()).isEqualTo(base.resolve("threadlint-baseline.json"));
    assertThat(mojo.request(layout(), mojo.sourceRoots(layout()), registry, false).baselineFile()).isNull();
  }

  @Test
  void configFileIsPassedThroughAndMustExist() throws Exception {
    assertThat(request(layout()).configFile()).isNull();
    mojo.configFile = new File("threadlint.yml");
    assertThatThrownBy(() -> request(layout())).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("configuration file not found").hasMessageContaining("threadlint.configFile");
    Files.writeString(base.resolve("threadlint.yml"), "rules: {}\n");
    assertThat(request(layout()).configFile()).isEqualTo(base.resolve("threadlint.yml"));
  }

  @Test
  void badThreadsAndEncodingAreSetupErrors() {
    mojo.threads = 0;
    assertThatThrownBy(() -> request(layout())).isInstanceOf(MojoExecutionException.class).hasMessageContaining("threads (threadlint.threads) must be at least 1");
    mojo.threads = null;
    mojo.encoding = "no-such-charset";
    assertThatThrownBy(() -> request(layout())).isInstanceOf(MojoExecutionException.class).hasMessageContaining("unknown encoding 'no-such-charset'");
  }

  @Test
  void failurePolicyFromSeverityAndAllowance() throws Exception {
    mojo.failOnSeverity = "Warning";
    mojo.maxAllowedViolations = 2;
    assertThat(mojo.policy()).isEqualTo(new FailurePolicy(Severity.WARNING, 2));
    mojo.failOnSeverity = "fatal";
    assertThatThrownBy(mojo::policy).isInstanceOf(MojoExecutionException.class)
        .hasMessage("threadlint: invalid value 'fatal' for failOnSeverity (threadlint.failOnSeverity): expected one of error, warning, info");
    mojo.failOnSeverity = "error";
    mojo.maxAllowedViolations = -1;
    assertThatThrownBy(mojo::policy).isInstanceOf(MojoExecutionException.class).hasMessageContaining("cannot be negative");
  }

  @Test
  void formatsAreLookedUpByIdInTheRegistry() throws Exception {
    mojo.formats = List.of("JSON", " text", "json");
    assertThat(mojo.reportFormats()).extracting(ReporterRegistry.Format::id).containsExactly("json", "text");
    mojo.formats = List.of("text", "pdf");
    assertThatThrownBy(mojo::reportFormats).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("unknown report format 'pdf'").hasMessageContaining("formats (threadlint.formats)");
  }

  @Test
  void releaseParsing() {
    assertThat(AbstractThreadlintMojo.parseRelease("1.8")).isEqualTo(8);
    assertThat(AbstractThreadlintMojo.parseRelease(" 21 ")).isEqualTo(21);
    assertThat(AbstractThreadlintMojo.parseRelease("17-ea")).isNull();
  }

  @Test
  void aThreadlintYmlInTheModuleIsReadAndThePluginsOwnRulesWinOverIt() throws Exception {
    Files.writeString(base.resolve("threadlint.yml"), """
        rules:
          bad-monitor: off
          thread-run-called: warning
        exclude:
          - "**/generated/**"
        annotations:
          threadSafe: [Concurrent]
        """, StandardCharsets.UTF_8);
    mojo.rules = List.of("thread-run-called=info");
    AnalysisRequest r = request(layout());
    assertThat(r.ruleSettings().get("bad-monitor")).isEqualTo(RuleSetting.OFF);
    assertThat(r.ruleSettings().get("thread-run-called").severity()).isEqualTo(Severity.INFO);
    assertThat(r.excludes()).contains("**/generated/**");
    assertThat(r.extraThreadSafeAnnotations()).containsExactly("Concurrent");
  }

  @Test
  void anInvalidConfigFileIsABuildErrorNamingKeyAndLine() throws Exception {
    Path cfg = Files.writeString(base.resolve("custom.yml"), "rules:\n  bad-monitor: loud\n", StandardCharsets.UTF_8);
    mojo.configFile = cfg.toFile();
    assertThatThrownBy(() -> request(layout()))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("custom.yml:2")
        .hasMessageContaining("bad-monitor");
  }

  @Test
  void checkUsesTheCacheDirectoryUnlessTurnedOff() throws Exception {
    mojo.useCache = true;
    mojo.cacheDirectory = base.resolve("target/threadlint-cache").toFile();
    AnalysisRequest r = mojo.withCache(request(layout()));
    assertThat(r.cache()).contains(base.resolve("target/threadlint-cache"));
    assertThat(r.paths()).containsExactly(main);
    assertThat(r.runsSpotBugs()).isEqualTo(request(layout()).runsSpotBugs());

    mojo.useCache = false;
    assertThat(mojo.withCache(request(layout())).cache()).isEmpty();
    assertThat(request(layout()).cache()).as("baseline and other goals build requests without it").isEmpty();
  }
}
