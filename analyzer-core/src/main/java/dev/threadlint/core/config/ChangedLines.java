package dev.threadlint.core.config;

import dev.threadlint.core.engine.InputException;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines changed in a git working tree since a revision ({@code scan --changed-since REV}), read
 * from {@code git diff --unified=0 REV} plus untracked files (all their lines count as changed).
 * A finding is kept when its primary location or any evidence location touches a changed line; a
 * hunk that only deletes lines marks the lines on both sides of the deletion. The analysis itself
 * still sees the whole program: this only selects what is reported.
 */
public final class ChangedLines {
  private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");
  private static final long GIT_TIMEOUT_SECONDS = 120;

  private final Map<Path, BitSet> lines;
  private final Map<Path, Path> realPaths = new HashMap<>();

  ChangedLines(Map<Path, BitSet> lines) {
    this.lines = lines;
  }

  /** The changes in the git repository containing {@code path}, since {@code revision}. */
  public static ChangedLines since(Path path, String revision) {
    if (revision == null || revision.isBlank() || revision.startsWith("-")) {
      throw new InputException("--changed-since needs a git revision, e.g. origin/main; got '" + revision + "'");
    }
    Path abs = path.toAbsolutePath().normalize();
    Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
    String top = git(dir, "rev-parse", "--show-toplevel").strip();
    Path root = Path.of(top);
    try {
      git(root, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
    } catch (InputException e) {
      throw new InputException("--changed-since: unknown git revision '" + revision + "'");
    }
    Map<Path, BitSet> lines = new HashMap<>();
    parseDiff(root, git(root, "-c", "core.quotePath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff", "-M", revision, "--"), lines);
    for (String untracked : git(root, "-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard", "-z").split("\0")) {
      if (!untracked.isEmpty()) {
        BitSet all = new BitSet();
        all.set(0, Integer.MAX_VALUE);
        lines.put(key(root.resolve(untracked)), all);
      }
    }
    return new ChangedLines(lines);
  }

  /** Parses unified diff output (paths relative to {@code root}) into changed new-side lines. */
  static void parseDiff(Path root, String diff, Map<Path, BitSet> out) {
    BitSet current = null;
    for (String line : diff.split("\n")) {
      if (line.startsWith("+++ ")) {
        String name = line.substring(4);
        if (name.endsWith("\t")) {
          name = name.substring(0, name.length() - 1); // git ends names that contain a space with a tab
        }
        if (name.equals("/dev/null")) {
          current = null;
          continue;
        }
        name = unquote(name);
        if (name.startsWith("b/")) {
          name = name.substring(2);
        }
        current = out.computeIfAbsent(key(root.resolve(name)), k -> new BitSet());
      } else if (current != null && line.startsWith("@@")) {
        Matcher m = HUNK.matcher(line);
        if (!m.find()) {
          continue;
        }
        int start = Integer.parseInt(m.group(1));
        int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        if (count == 0) {
          // pure deletion after line 'start': the lines around the gap count as changed
          current.set(Math.max(1, start));
          current.set(start + 1);
        } else {
          current.set(start, start + count);
        }
      }
    }
  }

  /** Undoes git's C-style quoting of a path ({@code "a\tb\303\251"}). */
  static String unquote(String s) {
    if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String body = s.substring(1, s.length() - 1);
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        continue;
      }
      char n = body.charAt(++i);
      switch (n) {
        case 'n' -> bytes.write('\n');
        case 't' -> bytes.write('\t');
        case 'r' -> bytes.write('\r');
        case 'a' -> bytes.write(7);
        case 'b' -> bytes.write('\b');
        case 'f' -> bytes.write('\f');
        case 'v' -> bytes.write(11);
        case '"', '\\' -> bytes.write(n);
        default -> {
          if (n >= '0' && n <= '7' && i + 2 < body.length()) {
            bytes.write(Integer.parseInt(body.substring(i, i + 3), 8));
            i += 2;
          } else {
            bytes.write('\\');
            bytes.write(n);
          }
        }
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Path key(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs;
    }
  }

  private synchronized Path real(Path file) {
    return realPaths.computeIfAbsent(file, ChangedLines::key);
  }

  /** True when {@code loc} covers a changed line. */
  public boolean touches(SourceLocation loc) {
    BitSet changed = lines.get(real(loc.file()));
    if (changed == null) {
      return false;
    }
    int next = changed.nextSetBit(loc.line());
    return next >= 0 && next <= loc.endLine();
  }

  /** True when the finding's primary location or any of its evidence touches a changed line. */
  public boolean touches(Finding f) {
    if (touches(f.location())) {
      return true;
    }
    for (Evidence e : f.evidence()) {
      if (touches(e.location())) {
        return true;
      }
    }
    return false;
  }

  /** The result with only the findings (active and suppressed) that touch changed lines. */
  public AnalysisResult filter(AnalysisResult r) {
    List<Finding> active = r.findings().stream().filter(this::touches).toList();
    List<Finding> suppressed = r.suppressed().stream().filter(this::touches).toList();
    return new AnalysisResult(r.toolVersion(), r.baseDir(), r.rules(), active, suppressed, r.diagnostics(), r.filesScanned(), r.timingsMillis());
  }

  /** Runs git in {@code dir}; its standard output, or an input error with git's message. */
  private static String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    Path err = null;
    try {
      err = Files.createTempFile("threadlint-git", ".err");
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new InputException("--changed-since: git did not answer within " + GIT_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        String msg = Files.readString(err).strip();
        String first = msg.isEmpty() ? "exit code " + p.exitValue() : msg.lines().findFirst().orElse("");
        throw new InputException("--changed-since: git " + String.join(" ", args) + " failed in " + dir + ": " + first);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("--changed-since needs git on the PATH: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException("--changed-since: interrupted while running git");
    } finally {
      if (err != null) {
        try {
          Files.deleteIfExists(err);
        } catch (IOException ignored) {
          // a temp file; the OS cleans up what is left
        }
      }
    }
  }
}
