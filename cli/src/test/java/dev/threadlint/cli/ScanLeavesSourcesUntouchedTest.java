package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost: every file of a scanned tree — sources with findings and fixes, a file that does
 * not parse, a file with a byte order mark and CRLF endings, a binary file — has the same bytes,
 * and the tree the same files, after scans in every format.
 */
class ScanLeavesSourcesUntouchedTest {
  @TempDir
  Path dir;

  private static Map<String, String> checksums(Path root) throws IOException, NoSuchAlgorithmException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }

  @Test
  void scansInEveryFormatChangeNoByteOfTheTree() throws Exception {
    Path src = Files.createDirectories(dir.resolve("project/src/main/java/app"));
    Files.writeString(src.resolve("Worker.java"), """
        package app;
        class Worker {
          private Integer count = 0;
          void go() {
            synchronized (count) { count++; }
            Thread t = new Thread(this::go);
            t.run();
          }
        }
        """);
    Files.writeString(src.resolve("Broken.java"), "class Broken {\n  void f( {\n");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Files.write(src.resolve("Bom.java"), concat(bom, "class Bom {\r\n  void f() { new Thread().run(); }\r\n}\r\n".getBytes(StandardCharsets.UTF_8)));
    Files.write(src.resolve("Blob.java"), new byte[] {0, 1, 2, 3, (byte) 0xFF});
    Path project = dir.resolve("project");
    Map<String, String> before = checksums(project);

    for (String format : new String[] {"text", "json", "sarif", "html", "checkstyle", "github"}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new String[] {"scan", "--format", format, project.toString()}, new PrintWriter(out), new PrintWriter(err));
      assertThat(code).as(err.toString()).isEqualTo(ExitCode.FINDINGS.code());
      assertThat(out.toString()).contains("thread-run-called");
    }
    Path report = dir.resolve("reports/out.json");
    int code = Main.run(new String[] {"scan", "--format", "json", "-o", report.toString(), project.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    assertThat(code).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(report).exists();

    // a baseline, a scan against it, and fix without --write read the same tree and write none of it
    Path baseline = dir.resolve("reports/baseline.json");
    assertThat(Main.run(new String[] {"baseline", project.toString(), "--output", baseline.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isEqualTo(ExitCode.CLEAN.code());
    assertThat(Main.run(new String[] {"scan", project.toString(), "--baseline", baseline.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isEqualTo(ExitCode.CLEAN.code());
    StringWriter diff = new StringWriter();
    Main.run(new String[] {"fix", project.toString()}, new PrintWriter(diff), new PrintWriter(new StringWriter()));
    assertThat(diff.toString()).contains("start()");

    assertThat(checksums(project)).isEqualTo(before);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
