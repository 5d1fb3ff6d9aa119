package dev.threadlint.core.engine;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Writes sources into a directory and scans it with the two engine-test rules. */
final class Scans {
  private Scans() {}

  static Analyzer analyzer() {
    return new Analyzer(new RuleRegistry(List.of(new FlagCall(), new OtherCall())));
  }

  static Path write(Path dir, String relative, String text) {
    return write(dir, relative, text.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path dir, String relative, byte[] bytes) {
    try {
      Path p = dir.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AnalysisResult scan(Path dir) {
    return scan(dir, b -> {});
  }

  static AnalysisResult scan(Path dir, Consumer<AnalysisRequest.Builder> options) {
    AnalysisRequest.Builder b = AnalysisRequest.builder().path(dir).baseDir(dir).threads(2);
    options.accept(b);
    return analyzer().analyze(b.build());
  }

  static List<Diagnostic> diagnostics(AnalysisResult r, String code) {
    return r.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
  }

  static List<String> findingLines(AnalysisResult r) {
    return r.findings().stream()
        .map(f -> r.displayPath(f.location().file()) + ":" + f.location().line() + ":" + f.ruleId())
        .toList();
  }
}
