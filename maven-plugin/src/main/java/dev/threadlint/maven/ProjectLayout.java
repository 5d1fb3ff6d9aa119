package dev.threadlint.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * What the mojos need to know about a Maven project, read once from {@link MavenProject} so that
 * the mapping to an analysis request can be tested without a Maven runtime.
 *
 * @param name the module's artifactId, shown in logs
 * @param packaging {@code jar}, {@code pom}, ...
 * @param basedir the module's folder; reported paths are relative to it
 * @param buildDirectory {@code target}
 * @param outputDirectory {@code target/classes}
 * @param testOutputDirectory {@code target/test-classes}
 * @param sourceRoots compile source roots
 * @param testSourceRoots test compile source roots
 * @param classpath compile classpath elements: dependency jars and reactor modules' class folders
 * @param properties the project's properties ({@code maven.compiler.release}, ...)
 * @param compilerRelease the {@code <release>} of maven-compiler-plugin's configuration, or null
 */
record ProjectLayout(
    String name,
    String packaging,
    Path basedir,
    Path buildDirectory,
    Path outputDirectory,
    Path testOutputDirectory,
    List<Path> sourceRoots,
    List<Path> testSourceRoots,
    List<Path> classpath,
    Properties properties,
    String compilerRelease) {

  static final String COMPILER_PLUGIN = "org.apache.maven.plugins:maven-compiler-plugin";

  ProjectLayout {
    sourceRoots = List.copyOf(sourceRoots);
    testSourceRoots = List.copyOf(testSourceRoots);
    classpath = List.copyOf(classpath);
  }

  static ProjectLayout of(MavenProject project) throws DependencyResolutionRequiredException {
    return new ProjectLayout(
        project.getArtifactId(),
        project.getPackaging(),
        project.getBasedir().toPath(),
        Path.of(project.getBuild().getDirectory()),
        Path.of(project.getBuild().getOutputDirectory()),
        Path.of(project.getBuild().getTestOutputDirectory()),
        paths(project.getCompileSourceRoots()),
        paths(project.getTestCompileSourceRoots()),
        paths(project.getCompileClasspathElements()),
        project.getProperties(),
        compilerRelease(project));
  }

  private static List<Path> paths(List<String> names) {
    List<Path> out = new ArrayList<>();
    for (String n : names) {
      out.add(Path.of(n));
    }
    return out;
  }

  private static String compilerRelease(MavenProject project) {
    Plugin compiler = project.getPlugin(COMPILER_PLUGIN);
    if (compiler != null && compiler.getConfiguration() instanceof Xpp3Dom config) {
      Xpp3Dom release = config.getChild("release");
      if (release != null && release.getValue() != null && !release.getValue().isBlank()) {
        return release.getValue().trim();
      }
    }
    return null;
  }
}
