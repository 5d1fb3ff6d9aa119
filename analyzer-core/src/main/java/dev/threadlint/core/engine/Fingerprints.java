package dev.threadlint.core.engine;

import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.PathDisplay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.function.Function;

/**
 * Stable identities for findings, for baselines and SARIF {@code partialFingerprints}. A
 * fingerprint hashes the rule, the file's relative path, the enclosing declaration, the primary
 * line's code (whitespace-normalized) and the message with numbers removed — not line numbers —
 * so it survives edits elsewhere in the file, while a change to the flagged code makes it new.
 * Identical findings in one declaration are told apart by their order.
 */
public final class Fingerprints {
  public static final String VERSION = "v1";

  private Fingerprints() {}

  /** Assigns fingerprints; {@code lineText} gives the code of a line of a file. */
  public static List<Finding> assign(List<Finding> sorted, Path baseDir, Function<Finding, String> lineText) {
    Map<String, Integer> seen = new HashMap<>();
    List<Finding> out = new ArrayList<>(sorted.size());
    for (Finding f : sorted) {
      String code = lineText.apply(f).strip().replaceAll("\\s+", " ");
      String key = String.join("\u0000",
          f.ruleId(),
          PathDisplay.relative(baseDir, f.location().file()),
          f.symbol() == null ? "" : f.symbol(),
          code,
          f.message().replaceAll("\\d+", "#"));
      String hash = sha256(key);
      int n = seen.merge(hash, 1, Integer::sum);
      out.add(f.withFingerprint(n == 1 ? hash : sha256(hash + "#" + n)));
    }
    return out;
  }

  static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
