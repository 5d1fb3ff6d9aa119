package dev.threadlint.core.report;

import dev.threadlint.core.finding.AnalysisResult;
import java.io.IOException;
import java.io.Writer;

/** Writes an analysis result in one format. Stateless; one class per format. */
public interface Reporter {
  /** The {@code --format} name. */
  String formatId();

  void write(AnalysisResult result, Writer out) throws IOException;
}
