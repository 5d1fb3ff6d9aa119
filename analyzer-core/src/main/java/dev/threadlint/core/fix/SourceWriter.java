package dev.threadlint.core.fix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes fixed sources back, atomically: the new text goes to a temporary file in the same
 * directory (with the original's permissions), which then replaces the original by an atomic
 * rename. Nothing is written when the file changed since its {@link SourceSnapshot} was taken, is
 * read-only, or did not decode cleanly; if anything fails, the temporary file is removed and the
 * original is left as it was.
 */
public final class SourceWriter {
  /** Moves {@code source} over {@code target}; replaceable in tests to simulate a failed rename. */
  @FunctionalInterface
  public interface Mover {
    void move(Path source, Path target) throws IOException;
  }

  /** The real thing: an atomic rename that replaces the target. */
  public static final Mover ATOMIC_RENAME = (source, target) ->
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

  /** Why a file was not written; the message is one line for the user. */
  public static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
      super(message);
    }

    public RefusedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Mover mover;

  public SourceWriter(Mover mover) {
    this.mover = mover;
  }

  public SourceWriter() {
    this(ATOMIC_RENAME);
  }

  /** Replaces the file of {@code snapshot} with {@code updatedText} (offsets as in {@link SourceSnapshot#text()}). */
  public void write(SourceSnapshot snapshot, String updatedText) throws RefusedException {
    Path file = snapshot.file();
    if (!snapshot.decodedCleanly()) {
      throw new RefusedException("not valid " + snapshot.charset().name() + "; not rewritten (set --encoding)");
    }
    if (isReadOnly(file)) {
      throw new RefusedException("file is read-only; left unchanged");
    }
    byte[] bytes;
    try {
      ByteBuffer exact = snapshot.charset().newEncoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap((snapshot.bom() ? "\uFEFF" : "") + updatedText));
      bytes = new byte[exact.remaining()];
      exact.get(bytes);
    } catch (CharacterCodingException e) {
      throw new RefusedException("the fixed text cannot be encoded in " + snapshot.charset().name() + "; left unchanged");
    }
    Path dir = file.toAbsolutePath().getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".threadlint-tmp");
    } catch (AccessDeniedException e) {
      throw new RefusedException("cannot create a temporary file in " + dir + ": permission denied; left unchanged", e);
    } catch (IOException e) {
      throw new RefusedException("cannot create a temporary file in " + dir + ": " + e.getMessage() + "; left unchanged", e);
    }
    try {
      Files.write(tmp, bytes);
      copyPermissions(file, tmp);
      if (!snapshot.unchangedOnDisk()) {
        throw new RefusedException("changed since it was analysed; not rewritten (run fix again)");
      }
      mover.move(tmp, file);
    } catch (RefusedException e) {
      deleteQuietly(tmp);
      throw e;
    } catch (AtomicMoveNotSupportedException e) {
      deleteQuietly(tmp);
      throw new RefusedException("the file system cannot replace the file atomically; left unchanged", e);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp);
      throw new RefusedException("cannot replace the file (" + e.getMessage() + "); left unchanged", e);
    }
  }

  /** True when the file is marked read-only (POSIX: nobody may write it; DOS: the read-only flag), whoever runs the tool. */
  public static boolean isReadOnly(Path file) {
    try {
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null) {
        Set<PosixFilePermission> p = posix.readAttributes().permissions();
        return !p.contains(PosixFilePermission.OWNER_WRITE) && !p.contains(PosixFilePermission.GROUP_WRITE) && !p.contains(PosixFilePermission.OTHERS_WRITE)
            || !Files.isWritable(file);
      }
      return Files.readAttributes(file, DosFileAttributes.class).isReadOnly() || !Files.isWritable(file);
    } catch (IOException | UnsupportedOperationException e) {
      return !Files.isWritable(file);
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (src != null && dst != null) {
      dst.setPermissions(src.readAttributes().permissions());
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the temporary file stays; it never replaced the original
    }
  }
}
