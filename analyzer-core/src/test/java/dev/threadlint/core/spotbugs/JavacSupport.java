package dev.threadlint.core.spotbugs;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Writes Java sources under a folder and compiles them with the JDK's compiler into another. */
final class JavacSupport {
  private JavacSupport() {}

  /** Writes each {@code relative path → text} under {@code root}; returns the written files. */
  static List<Path> write(Path root, Map<String, String> sources) {
    List<Path> out = new ArrayList<>();
    try {
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path p = root.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        out.add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Compiles {@code files} with line tables ({@code -g}) for Java 17 into {@code classes}. */
  static void compile(List<Path> files, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Files.createDirectories(classes);
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
      var diagnostics = new javax.tools.DiagnosticCollector<JavaFileObject>();
      boolean ok = javac.getTask(log, fm, diagnostics, List.of("-g", "--release", "17", "-d", classes.toString(), "-proc:none"), null, units).call();
      if (!ok) {
        throw new IllegalStateException("javac failed:\n" + log + diagnostics.getDiagnostics());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
