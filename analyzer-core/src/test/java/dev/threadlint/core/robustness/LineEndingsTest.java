package dev.threadlint.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.Analyzer;
import dev.threadlint.core.engine.RuleRegistry;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old Mac (CR) and Windows (CRLF) line endings: lines are counted as Java counts them, locations
 * stay inside their lines, and fingerprints (which hash the flagged line's code) do not depend on
 * the line-ending style. Found by the fuzz campaign: with CR endings the whole file was taken as
 * the first line's text, once per finding, which made big files take minutes.
 */
class LineEndingsTest {
  @TempDir
  Path dir;

  /** Reports every integer literal. */
  @RuleInfo(id = "each-int", title = "each integer literal", severity = Severity.INFO, category = Category.LOCK_DISCIPLINE, defectClass = "thread-misuse")
  public static final class EachInt implements Rule {
    @Override
    public void checkFile(FileContext ctx) {
      for (IntegerLiteralExpr e : ctx.findAll(IntegerLiteralExpr.class)) {
        ctx.finding(e, "literal " + e.getValue()).report();
      }
    }
  }

  private static String source(String eol) {
    StringBuilder b = new StringBuilder("class Lines {").append(eol);
    for (int i = 0; i < 2000; i++) {
      b.append("  int f").append(i).append(" = ").append(i).append(';').append(eol);
    }
    return b.append('}').append(eol).toString();
  }

  private AnalysisResult scan(String eol) throws IOException {
    Path sub = Files.createDirectories(dir.resolve(eol.replace("\r", "cr").replace("\n", "lf")));
    Files.writeString(sub.resolve("Lines.java"), source(eol));
    return new Analyzer(new RuleRegistry(List.of(new EachInt()))).analyze(AnalysisRequest.builder().path(sub).baseDir(sub).threads(1).build());
  }

  @Test
  void linesLocationsAndFingerprintsAreTheSameForLfCrlfAndCr() throws IOException {
    AnalysisResult lf = scan("\n");
    AnalysisResult crlf = scan("\r\n");
    AnalysisResult cr = scan("\r");
    assertThat(lf.findings()).hasSize(2000);
    for (AnalysisResult r : List.of(crlf, cr)) {
      assertThat(r.findings()).hasSize(2000);
      for (int i = 0; i < 2000; i++) {
        Finding a = lf.findings().get(i);
        Finding b = r.findings().get(i);
        SourceLocation la = a.location();
        SourceLocation lb = b.location();
        assertThat(List.of(lb.line(), lb.column(), lb.endLine(), lb.endColumn())).isEqualTo(List.of(la.line(), la.column(), la.endLine(), la.endColumn()));
        assertThat(b.fingerprint()).as("fingerprint of %s", b.message()).isEqualTo(a.fingerprint());
      }
    }
    // the line is the 'int fN = N;' declaration, not the whole file
    assertThat(cr.findings().get(5).location().line()).isEqualTo(7);
  }
}
