package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad input through the command line: one clear line each, the right exit code, no stack trace. */
class BadInputCliTest {
  @TempDir Path dir;

  @Test
  @Timeout(30)
  void nonexistentPathAmongOthersIsExit2NamingIt() {
    Cli.write(dir, "Clean.java", Cli.CLEAN);
    Path missing = dir.resolve("missing/Thing.java");

    Cli r = Cli.run(dir.toString(), missing.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().toList()).containsExactly("threadlint: path not found: " + missing);
  }

  @Test
  @Timeout(30)
  void folderWithoutJavaFilesIsExit0WithNoSources() {
    Cli.write(dir, "notes.txt", "hello");

    Cli r = Cli.run(dir.toString());

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("warning: [no-sources] no Java source files found in [" + dir + "]");
    assertThat(r.err()).isEmpty();
  }

  @Test
  @Timeout(30)
  void binaryFileIsADiagnosticNotACrash() throws IOException {
    Files.write(dir.resolve("X.java"), new byte[] {0x50, 0x4B, 3, 4, 0, 0, 0, 0});
    Cli.write(dir, "Clean.java", Cli.CLEAN);

    Cli r = Cli.run(dir.toString());

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("X.java: error: [binary-file] not a text file (contains NUL bytes); skipped");
    assertThat(r.err()).isEmpty();
  }

  @Test
  @Timeout(30)
  void latin1FileWarnsAndIsCleanWithEncodingOption() throws IOException {
    Files.write(dir.resolve("L.java"), "class L { String s = \"Grüße\"; }\n".getBytes(StandardCharsets.ISO_8859_1));

    Cli utf8 = Cli.run(dir.toString());
    Cli latin1 = Cli.run("--encoding", "ISO-8859-1", dir.toString());

    assertThat(utf8.code()).isEqualTo(0);
    assertThat(utf8.out()).contains("L.java: warning: [encoding] not valid UTF-8");
    assertThat(latin1.code()).isEqualTo(0);
    assertThat(latin1.out().lines().toList()).containsExactly("0 findings (0 errors, 0 warnings, 0 info) in 1 file");
  }

  @Test
  @Timeout(30)
  void symlinkLoopIsReportedAndTheScanCompletes() throws IOException {
    Cli.write(dir, "src/Both.java", Cli.BOTH);
    try {
      Files.createSymbolicLink(dir.resolve("src/self"), dir.resolve("src"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links not available here: " + e);
    }

    Cli r = Cli.run(dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("self: warning: [symlink-loop]").contains("[thread-run-called]");
  }

  @Test
  @Timeout(60)
  void deeplyNestedExpressionNeverEscapesAsAnError() {
    Cli.write(dir, "Deep.java", "class Deep { int x = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "; }\n");

    Cli r = Cli.run(dir.toString());

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).doesNotContain("StackOverflowError");
  }

  @Test
  @Timeout(30)
  void missingClasspathEntryIsExit2NamingIt() {
    Cli.write(dir, "Clean.java", Cli.CLEAN);
    Path missing = dir.resolve("lib/gone.jar");

    Cli r = Cli.run("--classpath", missing.toString(), dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().toList()).containsExactly("threadlint: classpath entry not found: " + missing);
  }

  @Test
  @Timeout(60)
  void corruptJarOnTheClasspathIsADiagnosticAndTheScanGoesOn() throws IOException {
    Cli.write(dir, "src/Both.java", Cli.BOTH);
    Path jar = Cli.write(dir, "lib/broken.jar", "this is not a zip file");
    Path notAJar = Cli.write(dir, "lib/readme.txt", "text");

    Cli r = Cli.run("--classpath", jar + java.io.File.pathSeparator + notAJar, dir.resolve("src").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("[thread-run-called]")
        .contains("readme.txt: warning: [bad-classpath-entry] not a jar or class folder; ignored")
        .contains("broken.jar: warning: [bad-classpath-entry]");
  }

  @Test
  @Timeout(60)
  void scanLeavesTheScannedTreeUntouched() throws Exception {
    Cli.write(dir, "src/Both.java", Cli.BOTH);
    Cli.write(dir, "src/Broken.java", "class Broken {");
    Files.write(dir.resolve("src/L.java"), "class L { String s = \"é\"; }".getBytes(StandardCharsets.ISO_8859_1));
    Cli.write(dir, "src/notes.txt", "notes");
    java.util.Map<Path, String> before = checksums(dir);

    Cli r = Cli.run("--format", "json", dir.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(checksums(dir)).isEqualTo(before);
  }

  /** Path → SHA-256 and modification time of every file under {@code root}. */
  private static java.util.Map<Path, String> checksums(Path root) throws Exception {
    java.util.Map<Path, String> out = new java.util.TreeMap<>();
    try (var files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        out.put(root.relativize(p), java.util.HexFormat.of().formatHex(digest) + " " + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }
}
