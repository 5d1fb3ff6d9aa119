package dev.threadlint.core.spotbugs;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mapping SpotBugs' class-relative source lines onto scanned files, without running SpotBugs. */
class BugMapperTest {
  static SourceFile source(String path, String text) {
    return new SourceFile(Path.of(path), text, new JavaParser().parse(text).getResult().orElseThrow());
  }

  static final String OUTER = """
      package a.b;

      class Outer {
        int x;
        class Inner {
          void m() {
            x++;
          }
        }
      }
      """;

  static BugRecord bug(String type, int priority, int rank, String className, String member, String sourcePath, int line) {
    return new BugRecord(type, priority, rank, "msg", className, member, null, new BugRecord.Line(sourcePath, line, line, "At"), List.of());
  }

  @Test
  void sourceFoundByDeclaredPackage_evenInAnUnusualFolder() {
    BugMapper mapper = new BugMapper(List.of(source("/p/weird/place/Outer.java", OUTER)));
    BugMapper.Result r = mapper.map(List.of(bug("VO_VOLATILE_INCREMENT", 2, 10, "a.b.Outer$Inner", "m", "a/b/Outer.java", 7)));
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.findings()).singleElement().satisfies(m -> {
      assertThat(m.finding().location().file()).isEqualTo(Path.of("/p/weird/place/Outer.java"));
      assertThat(m.finding().location().line()).isEqualTo(7);
      assertThat(m.finding().symbol()).isEqualTo("Outer.Inner.m");
      assertThat(m.finding().ruleId()).isEqualTo("spotbugs:VO_VOLATILE_INCREMENT");
      assertThat(m.finding().severity()).isEqualTo(Severity.WARNING);
    });
  }

  @Test
  void unknownLine_placedOnTheTypeDeclaration() {
    BugMapper mapper = new BugMapper(List.of(source("/p/a/b/Outer.java", OUTER)));
    BugMapper.Result r = mapper.map(List.of(bug("MSF_MUTABLE_SERVLET_FIELD", 2, 10, "a.b.Outer$Inner", null, "a/b/Outer.java", -1)));
    assertThat(r.findings()).singleElement().satisfies(m -> assertThat(m.finding().location().line()).isEqualTo(5));
  }

  @Test
  void samePathInAnotherPackage_isNotAMatch() {
    BugMapper mapper = new BugMapper(List.of(source("/p/a/b/Outer.java", OUTER)));
    BugMapper.Result r = mapper.map(List.of(bug("RU_INVOKE_RUN", 2, 10, "c.Outer", "m", "c/Outer.java", 3)));
    assertThat(r.findings()).isEmpty();
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("spotbugs-no-source");
      assertThat(d.message()).contains("c.Outer").contains("c/Outer.java:3");
    });
  }

  @Test
  void lineBeyondEndOfFile_isStale() {
    BugMapper mapper = new BugMapper(List.of(source("/p/a/b/Outer.java", OUTER)));
    BugMapper.Result r = mapper.map(List.of(bug("RU_INVOKE_RUN", 2, 10, "a.b.Outer", "m", "a/b/Outer.java", 11)));
    assertThat(r.findings()).isEmpty();
    assertThat(r.diagnostics()).singleElement().extracting(d -> d.code()).isEqualTo("spotbugs-stale-class");
  }

  @Test
  void severityFollowsPriorityAndRank() {
    assertThat(Severities.of(1, 3)).isEqualTo(Severity.ERROR);
    assertThat(Severities.of(1, 14)).isEqualTo(Severity.ERROR);
    assertThat(Severities.of(1, 15)).isEqualTo(Severity.WARNING);
    assertThat(Severities.of(2, 14)).isEqualTo(Severity.WARNING);
    assertThat(Severities.of(2, 15)).isEqualTo(Severity.INFO);
    assertThat(Severities.of(3, 1)).isEqualTo(Severity.INFO);
  }

  @Test
  void patternDetailsBecomePlainText() {
    String text = SpotBugsRules.plainText("<p> A call to <code>run()</code> &amp; friends.\n</p><p>Second &lt;para&gt;.</p>");
    assertThat(text).isEqualTo("A call to run() & friends.\n\nSecond <para>.");
  }

  @Test
  void everyTableEntryUsesTheDefectClassVocabulary() {
    List<String> vocabulary = List.of("race", "deadlock", "unreleased-lock", "blocking-under-lock", "dcl", "check-then-act",
        "volatile-nonatomic", "wait-notify", "bad-monitor", "unsafe-publication", "static-formatter", "thread-misuse");
    assertThat(PatternTable.all().values()).allSatisfy(m -> assertThat(vocabulary).contains(m.defectClass()));
  }

  @Test
  void everyMtCorrectnessPatternOfSpotBugsIsInTheTable() {
    // a SpotBugs upgrade that adds a pattern makes this fail, so the table (and docs/spotbugs.md) gets the new row
    assertThat(SpotBugsRunner.patterns()).extracting(SpotBugsRunner.PatternInfo::type)
        .allSatisfy(t -> assertThat(PatternTable.isMapped(t)).as(t).isTrue());
  }
}
