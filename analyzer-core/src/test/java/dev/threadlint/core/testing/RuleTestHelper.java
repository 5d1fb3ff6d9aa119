package dev.threadlint.core.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.threadlint.core.api.Rule;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs rules on inline sources and checks line markers. A marker {@code // EXPECT: <rule-id>
 * [message substring]} applies to the next line that is not itself a marker or blank; every
 * marker must be matched by a finding of that rule on that line, and every finding of the rules
 * under test must be marked. No marker means the sources must produce no finding.
 */
public final class RuleTestHelper {
  private static final Pattern MARKER = Pattern.compile("//\\s*EXPECT:\\s*([\\w:-]+)\\s*(.*)$");

  private final List<Rule> rules;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final AnalysisRequest.Builder request = AnalysisRequest.builder().threads(1);

  private RuleTestHelper(List<Rule> rules) {
    this.rules = rules;
  }

  @SafeVarargs
  public static RuleTestHelper forRule(Class<? extends Rule>... ruleClasses) {
    return new RuleTestHelper(instantiate(ruleClasses));
  }

  /** One instance of each rule class, through its no-argument constructor. */
  @SafeVarargs
  static List<Rule> instantiate(Class<? extends Rule>... ruleClasses) {
    List<Rule> rules = new ArrayList<>();
    for (Class<? extends Rule> c : ruleClasses) {
      try {
        rules.add(c.getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot instantiate " + c, e);
      }
    }
    return rules;
  }

  public static RuleTestHelper forRules(List<Rule> rules) {
    return new RuleTestHelper(rules);
  }

  /** Adds a source file; {@code path} may contain directories, e.g. {@code "a/b/Test.java"}. */
  public RuleTestHelper addSource(String path, String text) {
    sources.put(path, text);
    return this;
  }

  /** Adjusts the request (release, classpath, rule settings) before the run. */
  public RuleTestHelper configure(java.util.function.Consumer<AnalysisRequest.Builder> c) {
    c.accept(request);
    return this;
  }

  /** Runs the rules and returns the raw result, for assertions of one's own. */
  public AnalysisResult analyze() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("threadlint-test");
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue());
      }
      AnalysisRequest r = request.path(dir).baseDir(dir).build();
      return new Analyzer(new RuleRegistry(rules)).analyze(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  /** Runs the rules and checks the markers. */
  public AnalysisResult doTest() {
    AnalysisResult result = analyze();
    List<String> problems = new ArrayList<>();
    List<Finding> unmatched = new ArrayList<>(result.findings());
    for (Map.Entry<String, String> e : sources.entrySet()) {
      for (Expectation x : expectations(e.getKey(), e.getValue())) {
        Finding match = null;
        for (Finding f : unmatched) {
          if (result.displayPath(f.location().file()).equals(e.getKey())
              && f.location().line() == x.line()
              && (f.ruleId().equals(x.ruleId()))
              && f.message().contains(x.messagePart())) {
            match = f;
            break;
          }
        }
        if (match == null) {
          problems.add("missing: " + e.getKey() + ":" + x.line() + " [" + x.ruleId() + "] " + x.messagePart());
        } else {
          unmatched.remove(match);
        }
      }
    }
    for (Finding f : unmatched) {
      problems.add("unexpected: " + result.displayPath(f.location().file()) + ":" + f.location().line() + " [" + f.ruleId() + "] " + f.message());
    }
    result.diagnostics().stream()
        .filter(d -> d.code().equals("parse-error") || d.code().equals("rule-error") || d.code().equals("internal-error"))
        .forEach(d -> problems.add("diagnostic: " + d.code() + " " + d.message() + " at " + d.file() + ":" + d.line()));
    if (!problems.isEmpty()) {
      StringBuilder all = new StringBuilder();
      for (Finding f : result.findings()) {
        all.append("\n  ").append(result.displayPath(f.location().file())).append(':').append(f.location().line())
            .append(" [").append(f.ruleId()).append("] ").append(f.message());
      }
      fail(String.join("\n", problems) + "\nall findings:" + (all.length() == 0 ? " none" : all));
    }
    return result;
  }

  private record Expectation(int line, String ruleId, String messagePart) {}

  private static List<Expectation> expectations(String name, String text) {
    List<Expectation> out = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    List<String[]> pending = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      Matcher m = MARKER.matcher(l);
      if (m.find() && l.strip().startsWith("//")) {
        pending.add(new String[] {m.group(1), m.group(2).strip()});
        continue;
      }
      if (l.isBlank()) {
        continue;
      }
      if (m.find(0)) {
        // trailing marker on a code line applies to that line
        out.add(new Expectation(i + 1, m.group(1), m.group(2).strip()));
      }
      for (String[] p : pending) {
        out.add(new Expectation(i + 1, p[0], p[1]));
      }
      pending.clear();
    }
    if (!pending.isEmpty()) {
      throw new IllegalArgumentException(name + ": EXPECT marker at end of file with no code line after it");
    }
    return out;
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp files; the OS cleans up what is left
    }
  }
}
