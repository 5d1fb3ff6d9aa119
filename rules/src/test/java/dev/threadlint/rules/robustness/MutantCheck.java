package dev.threadlint.rules.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.finding.TextEdit;
import dev.threadlint.core.report.JsonReporter;
import dev.threadlint.core.report.TextReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Scans one mutant beside an intact control file and lists every broken promise: the scan must
 * end in time without throwing; the mutant must be reported as unparsable exactly when an
 * independent parse fails; no rule or engine failure; the control file's findings unchanged;
 * every finding, evidence and fix inside its file, fixes covering exactly their node's text; and
 * both reporters able to write the result (the JSON parsing back).
 */
final class MutantCheck {
  /** Diagnostics that mean the tool itself failed, never the input. */
  private static final Set<String> TOOL_FAILURES = Set.of("rule-error", "internal-error");
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String CONTROL_NAME = "ZzControlUnit.java";
  static final String CONTROL = """
      package zz.control;

      class ZzControlUnit {
        private Integer count = 0;

        void bump() {
          synchronized (count) {
            count++;
          }
          Thread t = new Thread(this::bump);
          t.run();
        }
      }
      """;

  private final Analyzer analyzer;
  private final long timeoutMillis;
  private final List<String> controlFindings;

  MutantCheck(long timeoutMillis) {
    List<Rule> rules = new ArrayList<>();
    RuleRegistry.load().entries().forEach(e -> rules.add(e.rule()));
    rules.add(new EveryNthNode());
    this.analyzer = new Analyzer(new RuleRegistry(rules));
    this.timeoutMillis = timeoutMillis;
    this.controlFindings = controlOnlyFindings();
  }

  int ruleCount() {
    return analyzer.registry().entries().size();
  }

  /** What the control file yields alone: the reference for every mutant run. */
  private List<String> controlOnlyFindings() {
    Path dir = tempDir();
    try {
      Files.writeString(dir.resolve(CONTROL_NAME), CONTROL);
      AnalysisResult r = run(dir);
      List<String> f = describe(r, dir.resolve(CONTROL_NAME));
      if (f.stream().noneMatch(s -> s.startsWith("bad-monitor")) || f.stream().noneMatch(s -> s.startsWith("thread-run-called"))) {
        throw new IllegalStateException("the control file should trigger the built-in rules: " + f);
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  /** The problems found for this mutant; empty when all promises hold. */
  List<String> check(String fileName, byte[] bytes) {
    Path dir = tempDir();
    List<String> problems = new ArrayList<>();
    try {
      Path mutant = dir.resolve("m").resolve(fileName);
      Files.createDirectories(mutant.getParent());
      Files.write(mutant, bytes);
      Path control = dir.resolve(CONTROL_NAME);
      Files.writeString(control, CONTROL);

      AnalysisResult r;
      CompletableFuture<AnalysisResult> scan = new CompletableFuture<>();
      Thread caller = new Thread(null, () -> {
        try {
          scan.complete(run(dir));
        } catch (Throwable e) { // NOPMD: whatever escapes the scan is the finding
          scan.completeExceptionally(e);
        }
      }, "scan-caller", 1024 * 1024); // the stack of a CLI's main thread (the test JVM's default is larger)
      caller.setDaemon(true);
      caller.start();
      try {
        r = scan.get(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        problems.add("scan did not finish within " + timeoutMillis + " ms");
        return problems;
      } catch (ExecutionException e) {
        problems.add("scan threw " + stackTrace(e.getCause()));
        return problems;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add("interrupted");
        return problems;
      }

      String seen = decodedAsTheToolSeesIt(bytes);
      Optional<Boolean> parses = independentParse(bytes, seen);
      boolean scanned = r.filesScanned() == 2;
      List<Diagnostic> mutantErrors = r.diagnostics().stream()
          .filter(d -> mutant.equals(d.file()) && d.level() == Diagnostic.Level.ERROR).toList();
      if (!scanned && mutantErrors.isEmpty()) {
        problems.add("the mutant was not scanned, yet no error diagnostic names it: " + r.diagnostics());
      }
      if (scanned && !mutantErrors.isEmpty()) {
        problems.add("the mutant was scanned, yet has error diagnostics: " + mutantErrors);
      }
      if (parses.isPresent() && parses.get() != scanned) {
        problems.add("an independent parse says " + (parses.get() ? "parsable" : "unparsable") + " but the scan "
            + (scanned ? "parsed it" : "did not: " + mutantErrors));
      }
      r.diagnostics().stream().filter(d -> TOOL_FAILURES.contains(d.code()))
          .forEach(d -> problems.add("tool failure: " + d.code() + " " + d.message() + " in " + d.file()));
      if (r.diagnostics().stream().anyMatch(d -> control.equals(d.file()))) {
        problems.add("diagnostic on the intact control file: " + r.diagnostics());
      }
      List<String> control2 = describe(r, control);
      if (!control2.equals(controlFindings)) {
        problems.add("control file findings changed: " + control2 + " instead of " + controlFindings);
      }
      Map<Path, String> texts = Map.of(mutant, seen, control, CONTROL);
      for (Finding f : concat(r.findings(), r.suppressed())) {
        inside(f.location(), texts, "finding " + f.ruleId() + " '" + f.message() + "'", problems);
        for (Evidence e : f.evidence()) {
          inside(e.location(), texts, "evidence of " + f.ruleId(), problems);
        }
        for (Fix fix : f.fixes()) {
          for (TextEdit e : fix.edits()) {
            String text = texts.get(e.file());
            if (text == null || e.end() > text.length()) {
              problems.add("fix edit " + e.start() + ".." + e.end() + " outside " + e.file());
            } else if (f.ruleId().equals("every-nth-node") && !text.substring(e.start(), e.end()).equals(e.replacement())) {
              problems.add("fix range of " + f.message() + " at " + f.location() + " covers '" + clip(text.substring(e.start(), e.end()))
                  + "' instead of the node's text '" + clip(e.replacement()) + "'");
            }
          }
        }
      }
      reporters(r, problems);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
    return problems;
  }

  private AnalysisResult run(Path dir) {
    AnalysisRequest request = AnalysisRequest.builder().path(dir).baseDir(dir).threads(2)
        .fileTimeoutMillis(Math.max(1000, timeoutMillis / 2)).build();
    return analyzer.analyze(request);
  }

  private static void reporters(AnalysisResult r, List<String> problems) {
    try {
      StringWriter text = new StringWriter();
      new TextReporter().write(r, text);
      StringWriter json = new StringWriter();
      new JsonReporter(false).write(r, json);
      JsonNode tree = JSON.readTree(json.toString());
      if (tree.get("findings").size() != r.findings().size()) {
        problems.add("JSON report lost findings");
      }
      long lines = text.toString().lines().filter(l -> !l.startsWith(" ")).count();
      long expected = (long) r.findings().size() + r.diagnostics().size() + 1;
      if (lines != expected) {
        problems.add("text report has " + lines + " top-level lines for " + expected + " findings, diagnostics and summary");
      }
    } catch (IOException | RuntimeException e) {
      problems.add("reporter failed: " + stackTrace(e));
    }
  }

  private static void inside(SourceLocation l, Map<Path, String> texts, String what, List<String> problems) {
    String text = texts.get(l.file());
    if (text == null) {
      problems.add(what + " in an unknown file " + l.file());
      return;
    }
    List<String> lines = lines(text);
    if (l.line() > lines.size() || l.endLine() > lines.size()) {
      problems.add(what + " at " + l.line() + "-" + l.endLine() + " beyond the last line " + lines.size());
      return;
    }
    if (l.column() > lines.get(l.line() - 1).length() + 1 || l.endColumn() > lines.get(l.endLine() - 1).length() + 1) {
      problems.add(what + " at " + l.line() + ":" + l.column() + "-" + l.endLine() + ":" + l.endColumn() + " beyond the end of its line ("
          + lines.get(l.line() - 1).length() + "/" + lines.get(l.endLine() - 1).length() + " characters)");
    }
  }

  /** Lines as Java (and JavaParser) count them: CR, LF and CRLF end a line. */
  static List<String> lines(String text) {
    return List.of(text.split("\r\n|\r|\n", -1));
  }

  /** UTF-8 with replacement characters, without a leading byte order mark. */
  static String decodedAsTheToolSeesIt(byte[] bytes) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the text parses, by JavaParser instances of our own: at the newest level, or, where only
   * that level's validation rejects it (valid syntax of an older Java), without level checks; empty
   * when even this parser cannot tell (stack exhausted).
   * A NUL byte in the first 8 KiB makes the tool treat a file as binary.
   */
  static Optional<Boolean> independentParse(byte[] bytes, String text) {
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
      if (bytes[i] == 0) {
        return Optional.of(false);
      }
    }
    CompletableFuture<Optional<Boolean>> result = new CompletableFuture<>();
    Thread t = new Thread(null, () -> {
      try {
        var strict = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_25)).parse(text);
        if (strict.isSuccessful()) {
          result.complete(Optional.of(true));
          return;
        }
        // only language-level checks failed (e.g. 'enum' as a name): fine if the syntax alone is valid
        boolean syntaxOk = strict.getProblems().stream().allMatch(p -> p.getCause().isEmpty());
        ParserConfiguration raw = new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.RAW);
        result.complete(Optional.of(syntaxOk && new JavaParser(raw).parse(text).isSuccessful()));
      } catch (StackOverflowError e) {
        result.complete(Optional.empty());
      } catch (RuntimeException e) {
        result.complete(Optional.of(false));
      }
    }, "oracle", 512L * 1024 * 1024);
    t.start();
    return result.join();
  }

  private static List<String> describe(AnalysisResult r, Path file) {
    return r.findings().stream().filter(f -> f.location().file().equals(file))
        .map(f -> f.ruleId() + " " + f.location().line() + ":" + f.location().column() + " " + f.message()).toList();
  }

  private static List<Finding> concat(List<Finding> a, List<Finding> b) {
    List<Finding> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("threadlint-mutant");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; what is left is the OS's to clean
    }
  }
}
