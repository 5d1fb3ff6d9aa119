package dev.threadlint.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.report.html.HtmlReporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the HTML report in real headless Chromium and checks the DOM after its script ran: the
 * counts and groups exist only if the script worked. Needs Debian's {@code chromium} package
 * ({@code .ci/run} installs it); the test fails, it does not skip, when the browser is missing.
 * {@code CHROMIUM} in the environment overrides the binary.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HtmlReportBrowserTest {
  private static final long BROWSER_TIMEOUT_SECONDS = 90;

  @TempDir
  static Path tmp;

  static Path report;

  @BeforeAll
  static void writeReport() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    AnalysisResult result = ReportFixtures.scan(src, HtmlReporterTest.hostileSources());
    report = Path.of("target", "html-report.html").toAbsolutePath();
    Files.createDirectories(report.getParent());
    Files.writeString(report, ReportFixtures.render(new HtmlReporter(), result), StandardCharsets.UTF_8);
  }

  static Path chromium() {
    String override = System.getenv("CHROMIUM");
    Path bin = Path.of(override != null && !override.isBlank() ? override : "/usr/bin/chromium");
    if (!Files.isExecutable(bin)) {
      fail("Chromium is required for this test but " + bin + " is not executable; install it with "
          + "'apt-get install -y chromium' (as .ci/run does) or set CHROMIUM to its path");
    }
    return bin;
  }

  private static String runChromium(String... extra) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory(tmp, "profile")));
    cmd.addAll(List.of(extra));
    Path stdout = Files.createTempFile(tmp, "chromium", ".out");
    Path stderr = Files.createTempFile(tmp, "chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!p.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " s: " + cmd);
    }
    assertThat(p.exitValue()).as("chromium exit code; stderr:\n" + Files.readString(stderr)).isZero();
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  private static String dumpDom(String fragment) throws IOException, InterruptedException {
    return runChromium("--virtual-time-budget=5000", "--dump-dom", report.toUri() + fragment);
  }

  private static String attribute(String dom, String id, String attribute) {
    Matcher m = Pattern.compile("<[^>]*id=\"" + id + "\"[^>]*>").matcher(dom);
    assertThat(m.find()).as("element #" + id + " in the DOM").isTrue();
    Matcher a = Pattern.compile(attribute + "=\"([^\"]*)\"").matcher(m.group());
    assertThat(a.find()).as(attribute + " on #" + id + ": " + m.group()).isTrue();
    return a.group(1);
  }

  @Test
  void scriptGroupsAndCountsFindings_andTheTraceIsShown() throws Exception {
    String dom = dumpDom("");
    assertThat(dom).contains("<body data-rendered=\"true\"");
    // 3 active findings (race, two sleeps under a lock); the 2 suppressed ones are hidden by default
    assertThat(dom).contains("3 of 3 findings shown");
    assertThat(attribute(dom, "shown", "data-visible")).isEqualTo("3");
    // grouped by rule: one section per rule, with the count the script computed
    assertThat(dom).contains("<section class=\"group\" data-key=\"demo-race\"><h2><span class=\"gname\">demo-race</span>"
        + "<span class=\"gtitle\">Field written from two methods without a common lock</span><span class=\"gcount\">1 finding</span>");
    assertThat(dom).contains("<span class=\"gcount\">2 findings</span>");
    assertThat(dom).contains("<div id=\"pool\" hidden=\"\">");
    // the race's trace, on both threads
    assertThat(dom).contains("<span class=\"thread\">Drainer.run()</span>")
        .contains("write of 'pending' in Drainer.run()")
        .contains("write of 'pending' in OrderCounter.submit()");
    // the payload stayed text: no element was created from it
    assertThat(dom).doesNotContain("<img").contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void filtersFromTheAddress_hideOtherRules_andGroupByFile() throws Exception {
    String dom = dumpDom("#rule=demo-race&group=file");
    assertThat(dom).contains("1 of 3 findings shown");
    assertThat(dom).contains("<section class=\"group\" data-key=\"src/shop/OrderCounter.java\">");
    assertThat(dom).contains("<section class=\"group\" data-key=\"src/shop/Hostile.java\" hidden=\"\">");
    Matcher sleep = Pattern.compile("<article class=\"finding sev-info\" id=\"f\\d+\"[^>]*data-rule=\"demo-sleep-under-lock\"[^>]*>").matcher(dom);
    int hiddenSleeps = 0;
    while (sleep.find()) {
      assertThat(sleep.group()).contains("hidden=\"\"");
      hiddenSleeps++;
    }
    assertThat(hiddenSleeps).isGreaterThanOrEqualTo(2);
  }

  @Test
  void searchAndSuppressedFilters() throws Exception {
    String dom = dumpDom("#q=ledger&suppressed=1");
    // only Ledger's comment-suppressed finding mentions the ledger; it counts as shown once suppressed ones are included
    assertThat(dom).contains("1 of 5 findings shown (suppressed included)");
  }

  @Test
  void screenshot_isWritten() throws Exception {
    Path png = Path.of("target", "html-report.png").toAbsolutePath();
    Files.deleteIfExists(png);
    runChromium("--screenshot=" + png, "--window-size=1366,900", "--hide-scrollbars", report.toUri().toString());
    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }
}
