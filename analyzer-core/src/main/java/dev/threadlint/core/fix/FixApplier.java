package dev.threadlint.core.fix;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.finding.TextEdit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges the fixes of one file into one new text. Only {@link FixKind#SAFE} fixes are taken (unless
 * the applier is built with {@link #including(FixKind...)}); a fix whose edits overlap an already
 * accepted fix is rejected as a whole, as is a fix after which the file no longer parses. Edits are
 * applied bottom-up. Identical edits from two fixes (the same import added twice) count once.
 *
 * <p>Stateless and thread-safe: every call builds its own parser.
 */
public final class FixApplier {
  private final List<FixKind> kinds;

  private FixApplier(List<FixKind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  /** Applies SAFE fixes only. */
  public static FixApplier safeOnly() {
    return new FixApplier(List.of(FixKind.SAFE));
  }

  /** Applies fixes of the given kinds (ADVICE fixes have no edits and are never applied). */
  public static FixApplier including(FixKind... kinds) {
    return new FixApplier(List.of(kinds));
  }

  /** A fix offered for a file, labelled for messages (usually {@code rule-id at line N}). */
  public record Candidate(String label, Fix fix) {
    public Candidate {
      Objects.requireNonNull(label);
      Objects.requireNonNull(fix);
    }
  }

  /** A fix that was not applied, and why. */
  public record Rejection(Candidate candidate, String reason) {}

  /** The outcome for one file. {@code updated} equals {@code original} when nothing applied. */
  public record FileResult(Path file, String original, String updated, List<Candidate> applied, List<Rejection> rejected) {
    public FileResult {
      applied = List.copyOf(applied);
      rejected = List.copyOf(rejected);
    }

    public boolean changed() {
      return !original.equals(updated);
    }
  }

  /** The first fix of each finding that this applier accepts, grouped by file (in finding order). */
  public Map<Path, List<Candidate>> candidatesByFile(List<Finding> findings) {
    Map<Path, List<Candidate>> out = new LinkedHashMap<>();
    for (Finding f : findings) {
      for (Fix fix : f.fixes()) {
        if (!kinds.contains(fix.kind()) || fix.edits().isEmpty()) {
          continue;
        }
        String label = f.ruleId() + " at line " + f.location().line();
        Path file = fix.edits().get(0).file();
        out.computeIfAbsent(file, k -> new ArrayList<>()).add(new Candidate(label, fix));
        break;
      }
    }
    return out;
  }

  /** Applies the candidates to {@code original}, the text of {@code file} as it was analysed. */
  public FileResult apply(Path file, String original, List<Candidate> candidates) {
    List<TextEdit> accepted = new ArrayList<>();
    List<Candidate> applied = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    String current = original;
    boolean originalParses = parses(original, LanguageLevel.JAVA_25);
    for (Candidate c : candidates) {
      if (!kinds.contains(c.fix().kind())) {
        rejected.add(new Rejection(c, "a " + c.fix().kind() + " fix is not applied automatically"));
        continue;
      }
      String why = check(file, original, accepted, c.fix());
      if (why != null) {
        rejected.add(new Rejection(c, why));
        continue;
      }
      List<TextEdit> trial = new ArrayList<>(accepted);
      for (TextEdit e : c.fix().edits()) {
        if (!trial.contains(e)) {
          trial.add(e);
        }
      }
      String result = TextEdits.apply(original, trial);
      boolean ok = originalParses ? parses(result, LanguageLevel.JAVA_25) : parses(result, LanguageLevel.RAW);
      if (!ok) {
        rejected.add(new Rejection(c, "the file would no longer parse after this fix"));
        continue;
      }
      accepted.clear();
      accepted.addAll(trial);
      applied.add(c);
      current = result;
    }
    return new FileResult(file, original, current, applied, rejected);
  }

  private static String check(Path file, String original, List<TextEdit> accepted, Fix fix) {
    if (fix.edits().isEmpty()) {
      return "the fix has no edits";
    }
    List<TextEdit> own = new ArrayList<>();
    for (TextEdit e : fix.edits()) {
      if (!e.file().equals(file)) {
        return "the fix edits another file (" + e.file().getFileName() + ")";
      }
      if (e.end() > original.length()) {
        return "an edit lies outside the file: the file is not the text that was analysed";
      }
      for (TextEdit o : own) {
        if (TextEdits.overlap(o, e) && !o.equals(e)) {
          return "the fix's own edits overlap";
        }
      }
      own.add(e);
      for (TextEdit a : accepted) {
        if (TextEdits.overlap(a, e) && !a.equals(e)) {
          return "its edits overlap a fix already applied to this file";
        }
      }
    }
    return null;
  }

  /** True when {@code text} parses as a compilation unit at {@code level}. */
  public static boolean parses(String text, LanguageLevel level) {
    try {
      ParseResult<CompilationUnit> r = new JavaParser(new ParserConfiguration().setLanguageLevel(level)).parse(text);
      return r.isSuccessful();
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }
}
