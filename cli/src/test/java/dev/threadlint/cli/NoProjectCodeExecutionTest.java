package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysed project's classes are read as bytecode, never loaded or run in the tool's JVM, and
 * a scan opens no network connection. A classpath jar holds a Thread subclass whose static
 * initializer would write a marker file; the scanned code calls {@code run()} on it, which only
 * the jar's bytecode can show to be a Thread, so the finding proves the jar was read.
 */
class NoProjectCodeExecutionTest {
  @TempDir
  Path dir;

  Path jar;
  Path marker;
  Path src;

  @BeforeEach
  void buildJarWithTrap() throws IOException {
    marker = dir.resolve("static-initializer-ran");
    Path classSrc = dir.resolve("trap-src/trap/Trap.java");
    Files.createDirectories(classSrc.getParent());
    Files.writeString(classSrc, """
        package trap;
        public class Trap extends Thread {
          static {
            try {
              java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "loaded and initialized");
            } catch (java.io.IOException e) {
              throw new RuntimeException(e);
            }
          }
          public static final String NAME = "trap";
        }
        """.formatted(marker.toString().replace("\\", "\\\\")));
    Path classes = Files.createDirectories(dir.resolve("trap-classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK with javac").isNotNull();
    assertThat(javac.run(null, null, null, "-d", classes.toString(), classSrc.toString())).isZero();
    jar = dir.resolve("trap.jar");
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
      out.putNextEntry(new JarEntry("trap/Trap.class"));
      Files.copy(classes.resolve("trap/Trap.class"), out);
      out.closeEntry();
    }
    src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("UsesTrap.java"), """
        import trap.Trap;

        class UsesTrap {
          void go(Trap t) {
            String n = Trap.NAME;
            t.run();
          }
        }
        """);
  }

  @Test
  void classpathClassesAreReadAsBytecode_neverInitialized() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"scan", "--fail-on", "never", "--classpath", jar.toString(), src.toString()},
        new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    // only the jar's bytecode says that Trap is a Thread
    assertThat(out.toString()).contains("[thread-run-called]").contains("'t.run()'");
    assertThat(marker).doesNotExist();
  }

  /**
   * In a fresh JVM that logs every class it loads: the trap class is never loaded (not even
   * without initialization), and no socket or HTTP class is ever loaded, so no connection can
   * have been opened. ({@code java.net.InetAddress} itself is loaded by the JDK's handling of file
   * URLs, without any lookup, so it is not a sign of network use.)
   */
  @Test
  void aScanInAFreshJvm_loadsNoProjectClass_andNoNetworkClass() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = dir.resolve("classes.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xlog:class+load=info:file=" + log, "-cp", classpath, Main.class.getName(),
        "scan", "--fail-on", "never", "--classpath", jar.toString(), src.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("scan finished").isTrue();
    String stdout = Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stdout).isZero();
    assertThat(stdout).contains("[thread-run-called]");
    assertThat(marker).doesNotExist();

    List<String> loaded = Files.readAllLines(log).stream()
        .map(l -> l.replaceFirst("^.*\\]\\s+", ""))
        .map(l -> l.contains(" ") ? l.substring(0, l.indexOf(' ')) : l)
        .toList();
    assertThat(loaded).as("the log lists classes").contains("java.lang.Thread", "dev.threadlint.cli.Main");
    assertThat(loaded).doesNotContain("trap.Trap");
    assertThat(loaded).doesNotContain("java.net.Socket", "java.net.ServerSocket", "java.net.DatagramSocket",
        "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.DatagramChannelImpl", "java.net.http.HttpClient",
        "sun.net.www.protocol.http.HttpURLConnection", "sun.net.www.protocol.https.HttpsURLConnectionImpl", "sun.nio.ch.Net");
  }
}
