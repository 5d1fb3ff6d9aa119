package dev.threadlint.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import dev.threadlint.core.report.checkstyle.CheckstyleReporter;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class CheckstyleReporterTest {
  @TempDir
  Path dir;

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static List<Element> errors(Document doc, String fileName) {
    List<Element> out = new ArrayList<>();
    NodeList files = doc.getElementsByTagName("file");
    for (int i = 0; i < files.getLength(); i++) {
      Element f = (Element) files.item(i);
      if (f.getAttribute("name").equals(fileName)) {
        NodeList errs = f.getElementsByTagName("error");
        for (int j = 0; j < errs.getLength(); j++) {
          out.add((Element) errs.item(j));
        }
      }
    }
    return out;
  }

  @Test
  void findingsAndFileDiagnostics_groupedByFile_suppressedLeftOut() throws Exception {
    AnalysisResult result = ReportFixtures.scan(dir, ReportFixtures.SHOP);
    Document doc = parse(ReportFixtures.render(new CheckstyleReporter(), result));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("checkstyle");

    List<Element> counter = errors(doc, "src/shop/OrderCounter.java");
    assertThat(counter).hasSize(1);
    assertThat(counter.get(0).getAttribute("line")).isEqualTo("5");
    assertThat(counter.get(0).getAttribute("column")).isEqualTo("15");
    assertThat(counter.get(0).getAttribute("severity")).isEqualTo("error");
    assertThat(counter.get(0).getAttribute("source")).isEqualTo("threadlint.demo-race");
    assertThat(counter.get(0).getAttribute("message")).isEqualTo("field 'pending' is written by submit() and run() without a common lock");

    // Inventory: the sleep (info) is active; the 'stock' race is suppressed by annotation
    List<Element> inventory = errors(doc, "src/shop/Inventory.java");
    assertThat(inventory).extracting(e -> e.getAttribute("source")).containsExactly("threadlint.demo-sleep-under-lock");
    assertThat(inventory.get(0).getAttribute("severity")).isEqualTo("info");
    // Ledger's only finding is suppressed by comment
    assertThat(errors(doc, "src/shop/Ledger.java")).isEmpty();

    assertThat(errors(doc, "src/shop/Broken.java")).extracting(e -> e.getAttribute("source"))
        .containsExactly("threadlint.diagnostic.parse-error");
  }

  @Test
  void markupQuotesAndControlCharacters_survive_asWellFormedXml() throws Exception {
    Path file = dir.resolve("we<ird> & \"name\".java");
    String message = "lock '<T>' & \"x\" held\nacross 'y' \u0001";
    Finding f = new Finding("demo-race", Severity.WARNING, message, new SourceLocation(file, 3, 4, 3, 9), "A.b",
        List.of(), null, List.of(), "fp", null);
    AnalysisResult result = new AnalysisResult("1", dir, List.of(), List.of(f), List.of(), List.of(), 1, Map.of());
    String xml = ReportFixtures.render(new CheckstyleReporter(), result);
    assertThat(xml).doesNotContain("<T>");
    Document doc = parse(xml);
    List<Element> errs = errors(doc, "we<ird> & \"name\".java");
    assertThat(errs).hasSize(1);
    // attribute values come back intact; the illegal control character becomes U+FFFD
    assertThat(errs.get(0).getAttribute("message").replace('\n', ' '))
        .isEqualTo("lock '<T>' & \"x\" held across 'y' \uFFFD");
  }
}
