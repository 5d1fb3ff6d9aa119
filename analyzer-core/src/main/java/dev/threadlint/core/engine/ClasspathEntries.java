package dev.threadlint.core.engine;

import dev.threadlint.core.finding.Diagnostic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Turns classpath entries into jars the symbol solver reads as bytecode. A class folder is packed
 * into a temporary jar (JavaParser reads jars without loading their classes into this JVM; we never
 * load the analysed project's classes).
 */
final class ClasspathEntries {
  private ClasspathEntries() {}

  static void expand(Path entry, List<Path> jars, List<Diagnostic> diagnostics) {
    if (!Files.exists(entry)) {
      throw new InputException("classpath entry not found: " + entry);
    }
    if (Files.isDirectory(entry)) {
      try {
        jars.add(packFolder(entry));
      } catch (IOException e) {
        diagnostics.add(Diagnostic.of("bad-classpath-entry", Diagnostic.Level.WARNING, entry, "cannot read class folder: " + e.getMessage()));
      }
    } else if (entry.getFileName().toString().endsWith(".jar") || entry.getFileName().toString().endsWith(".zip")) {
      jars.add(entry);
    } else {
      diagnostics.add(Diagnostic.of("bad-classpath-entry", Diagnostic.Level.WARNING, entry, "not a jar or class folder; ignored"));
    }
  }

  private static Path packFolder(Path folder) throws IOException {
    Path jar = Files.createTempFile("threadlint-classes", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os); Stream<Path> files = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        out.putNextEntry(new JarEntry(folder.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
