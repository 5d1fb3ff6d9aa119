package dev.threadlint.core.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWriterTest {
  @TempDir
  Path dir;

  @Test
  void snapshotStripsTheBom_andTheWriterPutsItBack() throws IOException {
    Path f = dir.resolve("A.java");
    Files.write(f, ("\uFEFFclass A {}\n").getBytes(StandardCharsets.UTF_8));
    SourceSnapshot s = SourceSnapshot.read(f, StandardCharsets.UTF_8);
    assertThat(s.text()).isEqualTo("class A {}\n");
    assertThat(s.bom()).isTrue();
    new SourceWriter().write(s, "final class A {}\n");
    assertThat(Files.readAllBytes(f)).isEqualTo("\uFEFFfinal class A {}\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theMoverGetsATemporaryFileBesideTheTarget() throws IOException {
    Path f = dir.resolve("A.java");
    Files.writeString(f, "class A {}");
    AtomicReference<Path> seen = new AtomicReference<>();
    new SourceWriter((from, to) -> {
      seen.set(from);
      assertThat(Files.readString(from)).isEqualTo("class B {}");
      SourceWriter.ATOMIC_RENAME.move(from, to);
    }).write(SourceSnapshot.read(f, StandardCharsets.UTF_8), "class B {}");
    assertThat(seen.get().getParent()).isEqualTo(f.getParent());
    assertThat(Files.exists(seen.get())).isFalse();
    assertThat(Files.readString(f)).isEqualTo("class B {}");
  }

  @Test
  void undecodableFileIsNotRewritten() throws IOException {
    Path f = dir.resolve("A.java");
    byte[] latin1 = "class A { String s = \"caf\u00e9\"; }".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(f, latin1);
    SourceSnapshot s = SourceSnapshot.read(f, StandardCharsets.UTF_8);
    assertThat(s.decodedCleanly()).isFalse();
    assertThatThrownBy(() -> new SourceWriter().write(s, "class A {}")).isInstanceOf(SourceWriter.RefusedException.class)
        .hasMessage("not valid UTF-8; not rewritten (set --encoding)");
    assertThat(Files.readAllBytes(f)).isEqualTo(latin1);
  }

  @Test
  void textThatTheCharsetCannotHoldIsRefused() throws IOException {
    Path f = dir.resolve("A.java");
    Files.writeString(f, "class A {}", StandardCharsets.US_ASCII);
    SourceSnapshot s = SourceSnapshot.read(f, StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> new SourceWriter().write(s, "class A { String s = \"\u2192\"; }"))
        .hasMessageContaining("cannot be encoded in US-ASCII");
    assertThat(Files.readString(f)).isEqualTo("class A {}");
    try (var files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(1);
    }
  }
}
