package dev.threadlint.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.finding.AnalysisResult;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check goal end to end on a project on disk, without a Maven runtime. */
class CheckMojoTest {
  @TempDir Path dir;

  private Path project;
  private Path libClasses;
  private Path libJar;
  private final CheckMojo mojo = new CheckMojo();

  @BeforeEach
  void setUp() throws IOException {
    // a dependency with a Thread subclass, compiled here: as a class folder (a reactor module) and as a jar
    Path libSrc = Files.createDirectories(dir.resolve("lib/src/demo/lib"));
    Files.writeString(libSrc.resolve("Pump.java"), "package demo.lib;\npublic class Pump extends Thread {}\n");
    libClasses = Files.createDirectories(dir.resolve("lib/classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", libClasses.toString(), libSrc.resolve("Pump.java").toString())).isZero();
    libJar = dir.resolve("lib/lib.jar");
    try (OutputStream os = Files.newOutputStream(libJar); JarOutputStream jar = new JarOutputStream(os); Stream<Path> files = Files.walk(libClasses)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        jar.putNextEntry(new JarEntry(libClasses.relativize(p).toString().replace(File.separatorChar, '/')));
        Files.copy(p, jar);
        jar.closeEntry();
      }
    }

    project = dir.resolve("app");
    Path src = Files.createDirectories(project.resolve("src/main/java/demo/app"));
    Files.writeString(src.resolve("Station.java"), """
        package demo.app;

        import demo.lib.Pump;

        public class Station {
          void pumpNow(Pump pump) {
            pump.run();
          }
        }
        """);
    mojo.failOnSeverity = "error";
    mojo.failOnViolation = true;
    mojo.formats = List.of("text", "json");
    mojo.threads = 1;
    mojo.outputDirectory = project.resolve("target/threadlint").toFile();
  }

  private ProjectLayout layout(List<Path> classpath) {
    return new ProjectLayout("app", "jar", project, project.resolve("target"), project.resolve("target/classes"), project.resolve("target/test-classes"),
        List.of(project.resolve("src/main/java")), List.of(), classpath, new Properties(), null);
  }

  @Test
  void theDependencyOnTheClasspathDecidesTheFinding() throws Exception {
    // without the dependency, Pump cannot be resolved: no evidence it is a Thread, no finding
    mojo.execute(layout(List.of()));
    assertThat(Files.readString(project.resolve("target/threadlint/threadlint.txt"))).startsWith("0 findings");

    // with the jar, pump.run() is a Thread.run() call and fails the build
    assertThatThrownBy(() -> mojo.execute(layout(List.of(libJar))))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("threadlint found 1 finding at or above error in app:")
        .hasMessageContaining("src/main/java/demo/app/Station.java:7:5: error: [thread-run-called] 'pump.run()'")
        .hasMessageContaining(project.resolve("target/threadlint/threadlint.json").toString());

    // a reactor module's class folder serves as well
    assertThatThrownBy(() -> mojo.execute(layout(List.of(libClasses)))).isInstanceOf(MojoFailureException.class);
  }

  @Test
  void failOnViolationFalseReportsWithoutFailing() throws Exception {
    mojo.failOnViolation = false;
    mojo.execute(layout(List.of(libJar)));
    assertThat(Files.readString(project.resolve("target/threadlint/threadlint.json"))).contains("\"ruleId\" : \"thread-run-called\"");
  }

  @Test
  void fingerprintsAreThoseOfAPlainScanOfTheSameSourcesAndBase() throws Exception {
    mojo.failOnViolation = false;
    mojo.execute(layout(List.of(libJar)));
    String json = Files.readString(project.resolve("target/threadlint/threadlint.json"));

    // what 'threadlint scan src/main/java -cp lib.jar' run in the module's folder builds
    AnalysisResult plain = new Analyzer().analyze(AnalysisRequest.builder()
        .path(project.resolve("src/main/java")).baseDir(project).classpath(List.of(libJar)).threads(1).build());
    assertThat(plain.findings()).singleElement()
        .satisfies(f -> assertThat(json).contains("\"fingerprint\" : \"" + f.fingerprint() + "\""));
  }

  @Test
  void aFindingBelowTheThresholdDoesNotFail() throws Exception {
    mojo.rules = List.of("thread-run-called=warning");
    mojo.execute(layout(List.of(libJar)));
    assertThat(Files.readString(project.resolve("target/threadlint/threadlint.txt"))).contains("warning: [thread-run-called]");
  }

  @Test
  void theBaselineGoalRecordsWhatTheCheckThenAccepts() throws Exception {
    BaselineMojo baseline = new BaselineMojo();
    baseline.threads = 1;
    baseline.execute(layout(List.of(libJar)));
    Path file = project.resolve(AbstractThreadlintMojo.DEFAULT_BASELINE);
    assertThat(Files.readString(file)).contains("\"path\" : \"src/main/java/demo/app/Station.java\"");

    mojo.execute(layout(List.of(libJar))); // the default baseline file is picked up: no failure
    assertThat(Files.readString(project.resolve("target/threadlint/threadlint.txt"))).contains("0 findings").contains("1 baselined");
  }
}
