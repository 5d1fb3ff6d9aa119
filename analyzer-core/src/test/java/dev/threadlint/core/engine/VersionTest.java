package dev.threadlint.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void reportsTheProjectVersionFromThePom() throws Exception {
    String pom = Files.readString(Path.of("..", "pom.xml"));
    // the parent's own <version>, the first one after </modelVersion> and <artifactId>threadlint-parent
    Matcher m = Pattern.compile("<artifactId>threadlint-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertThat(m.find()).isTrue();

    assertThat(Version.get()).isEqualTo(m.group(1)).doesNotContain("${");
  }
}
