package dev.threadlint.core.report.checkstyle;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.report.Reporter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Checkstyle's XML result format, which reviewdog ({@code -f=checkstyle}), Jenkins (warnings-ng)
 * and IDE checkstyle viewers read: one {@code <file name>} per file (path relative to the base
 * directory) holding {@code <error line column severity message source>}; {@code source} is
 * {@code threadlint.<rule-id>}. Diagnostics tied to a file appear as errors whose source is
 * {@code threadlint.diagnostic.<code>}. Suppressed findings are left out: the format has no way
 * to mark them. Escaping is done by the StAX writer.
 */
public final class CheckstyleReporter implements Reporter {
  /** The format version most consumers expect (the one ESLint and others write). */
  static final String FORMAT_VERSION = "4.3";

  @Override
  public String formatId() {
    return "checkstyle";
  }

  private record Entry(int line, int column, String severity, String message, String source) {}

  @Override
  public void write(AnalysisResult result, Writer out) throws IOException {
    Map<String, List<Entry>> byFile = new TreeMap<>();
    for (Finding f : result.findings()) {
      byFile.computeIfAbsent(result.displayPath(f.location().file()), k -> new ArrayList<>())
          .add(new Entry(f.location().line(), f.location().column(), f.severity().label(), f.message(), "threadlint." + f.ruleId()));
    }
    for (Diagnostic d : result.diagnostics()) {
      if (d.file() == null) {
        continue;
      }
      String severity = switch (d.level()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case NOTE -> "info";
      };
      byFile.computeIfAbsent(result.displayPath(d.file()), k -> new ArrayList<>())
          .add(new Entry(d.line(), d.column(), severity, d.message(), "threadlint.diagnostic." + d.code()));
    }
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("checkstyle");
      xml.writeAttribute("version", FORMAT_VERSION);
      xml.writeCharacters("\n");
      for (Map.Entry<String, List<Entry>> file : byFile.entrySet()) {
        xml.writeCharacters("  ");
        xml.writeStartElement("file");
        xml.writeAttribute("name", xmlText(file.getKey()));
        xml.writeCharacters("\n");
        for (Entry e : file.getValue()) {
          xml.writeCharacters("    ");
          xml.writeEmptyElement("error");
          if (e.line() > 0) {
            xml.writeAttribute("line", Integer.toString(e.line()));
          }
          if (e.column() > 0) {
            xml.writeAttribute("column", Integer.toString(e.column()));
          }
          xml.writeAttribute("severity", e.severity().toLowerCase(Locale.ROOT));
          xml.writeAttribute("message", xmlText(e.message()));
          xml.writeAttribute("source", e.source());
          xml.writeCharacters("\n");
        }
        xml.writeCharacters("  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write checkstyle XML: " + e.getMessage(), e);
    }
    out.flush();
  }

  /**
   * XML 1.0 cannot carry most control characters even escaped; the writer escapes markup but not
   * those, so they become U+FFFD. Line breaks in attributes are written as character references so
   * that parsers do not normalize them to spaces.
   */
  static String xmlText(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      b.appendCodePoint(legal ? c : 0xFFFD);
    });
    return b.toString();
  }
}
