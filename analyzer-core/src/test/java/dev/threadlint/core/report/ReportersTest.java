package dev.threadlint.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportersTest {
  @Test
  void everyListedFormat_hasAReporterWithThatId() {
    for (String f : Reporters.FORMATS) {
      assertThat(Reporters.forFormat(f, ReportOptions.PLAIN).formatId()).isEqualTo(f);
    }
    assertThat(Reporters.forFormat("SARIF", ReportOptions.PLAIN).formatId()).isEqualTo("sarif");
    assertThat(Reporters.extension("checkstyle")).isEqualTo("xml");
    assertThat(Reporters.extension("sarif")).isEqualTo("sarif");
  }

  @Test
  void unknownFormat_isRejectedWithTheList() {
    assertThatThrownBy(() -> Reporters.forFormat("pdf", ReportOptions.PLAIN))
        .hasMessage("unknown report format 'pdf' (expected one of: text, json, sarif, html, checkstyle, github)");
  }
}
