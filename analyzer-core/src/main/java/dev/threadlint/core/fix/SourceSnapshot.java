package dev.threadlint.core.fix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A file's content at one moment: its SHA-256, its decoded text (without a byte-order mark, as the
 * analyzer sees it), whether it had a BOM, and whether it decoded cleanly. Fix offsets index
 * {@link #text()}; a fix is written back only while the file still hashes to {@link #sha256()}.
 */
public record SourceSnapshot(Path file, String sha256, String text, boolean bom, boolean decodedCleanly, Charset charset) {

  public static SourceSnapshot read(Path file, Charset charset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    boolean clean = true;
    try {
      text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      clean = false;
      text = new String(bytes, charset);
    }
    boolean bom = !text.isEmpty() && text.charAt(0) == '\uFEFF';
    return new SourceSnapshot(file, sha256(bytes), bom ? text.substring(1) : text, bom, clean, charset);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** True when the file's bytes on disk are still the ones this snapshot was taken from. */
  public boolean unchangedOnDisk() throws IOException {
    return sha256(Files.readAllBytes(file)).equals(sha256);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceSnapshot s && s.file.equals(file) && s.sha256.equals(sha256);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new Object[] {file, sha256});
  }
}
