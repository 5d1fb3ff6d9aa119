package dev.threadlint.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadlint.core.engine.InputException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReporterRegistryTest {
  @Test
  void knowsTheBuiltInFormats() {
    assertThat(ReporterRegistry.ids()).containsExactly("text", "json", "sarif", "html", "checkstyle", "github");
    assertThat(ReporterRegistry.format("JSON").fileName()).isEqualTo("threadlint.json");
  }

  @Test
  void everyFormatBuildsAReporterOfItsOwnIdAndHasItsOwnFile() {
    Set<String> files = new HashSet<>();
    for (ReporterRegistry.Format f : ReporterRegistry.formats().values()) {
      assertThat(f.create(ReportOptions.PLAIN).formatId()).as(f.id()).isEqualTo(f.id());
      assertThat(files.add(f.fileName())).as("file name of " + f.id() + " is unique").isTrue();
    }
  }

  @Test
  void anUnknownFormatNamesTheKnownOnes() {
    assertThatThrownBy(() -> ReporterRegistry.format("pdf"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown report format 'pdf'")
        .hasMessageContaining("text, json");
  }
}
