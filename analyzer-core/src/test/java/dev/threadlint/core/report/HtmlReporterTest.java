package dev.threadlint.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.report.html.HtmlReporter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReporterTest {
  /** A payload that would run script if any part of the page inserted it raw. */
  static final String PAYLOAD = "</script><img src=x onerror=alert(1)>";

  /** A file whose flagged line and its neighbours carry the payload in a string literal and a comment. */
  static Map<String, String> hostileSources() {
    Map<String, String> s = new LinkedHashMap<>(ReportFixtures.SHOP);
    s.put("src/shop/Hostile.java", """
        package shop;

        class Hostile {
          void poke() throws InterruptedException {
            // %s
            synchronized ("%s") {
              Thread.sleep(5);
            }
          }
        }
        """.formatted(PAYLOAD, PAYLOAD));
    return s;
  }

  @TempDir
  Path dir;

  private static int occurrences(String haystack, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void hostileTextInCodeAndMessages_isEscaped() {
    AnalysisResult result = ReportFixtures.scan(dir, hostileSources());
    assertThat(result.findings()).anyMatch(f -> f.message().contains(PAYLOAD));
    String html = ReportFixtures.render(new HtmlReporter(), result);
    assertThat(html).doesNotContain(PAYLOAD).doesNotContain("<img");
    // the only closing script tag is the page's own
    assertThat(occurrences(html.toLowerCase(java.util.Locale.ROOT), "</script")).isEqualTo(1);
    // the payload is shown, escaped: in the message and in the code excerpt (literal and comment)
    String escaped = "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";
    assertThat(occurrences(html, escaped)).isGreaterThanOrEqualTo(3);
    assertThat(html).contains("<td class=\"src\">    // " + escaped + "</td>");
  }

  @Test
  void everyFinding_showsCodeEvidenceSuggestionAndFixDiff() {
    AnalysisResult result = ReportFixtures.scan(dir, ReportFixtures.SHOP);
    String html = ReportFixtures.render(new HtmlReporter(), result);
    // 2 active + 2 suppressed findings, each rendered once
    assertThat(occurrences(html, "<article class=\"finding")).isEqualTo(4);
    assertThat(occurrences(html, "data-suppressed=\"true\"")).isEqualTo(2);
    // the primary line of the race is highlighted, with its neighbours as context
    assertThat(html).contains("<tr class=\"hit\"><td class=\"ln\">5</td><td class=\"src\">  private int pending;</td></tr>");
    assertThat(html).contains("<tr><td class=\"ln\">2</td>");
    // the trace: both writes with their threads
    assertThat(html).contains("<span class=\"thread\">Drainer.run()</span> <span class=\"where\">src/shop/OrderCounter.java:15</span>"
        + " <span class=\"step-message\">write of &#39;pending&#39; in Drainer.run()</span>");
    assertThat(html).contains("<div class=\"via\">via OrderCounter.submit</div>");
    assertThat(html).contains("<pre class=\"sketch\"><code>sealed interface Command permits Submit, Drain {}");
    // the fix as a unified diff
    assertThat(html).contains("<span class=\"del\">-  private int pending;</span>")
        .contains("<span class=\"add\">+  private volatile int pending;</span>");
    assertThat(html).contains("Suppressed (comment): the ledger lock is private");
    assertThat(html).contains("<section class=\"diagnostics\"").contains("parse-error");
    // self-contained: nothing fetched from anywhere
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
  }

  @Test
  void ruleFilter_listsEachRuleWithItsTitle() {
    AnalysisResult result = ReportFixtures.scan(dir, ReportFixtures.SHOP);
    String html = ReportFixtures.render(new HtmlReporter(), result);
    assertThat(html).contains("<option value=\"demo-race\" data-title=\"Field written from two methods without a common lock\">demo-race</option>");
    assertThat(html).contains("<option value=\"demo-sleep-under-lock\"");
  }
}
