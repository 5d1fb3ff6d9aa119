package dev.threadlint.core.spotbugs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.Evidence;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** De-duplication over generic finding data: no SpotBugs run, no rule classes. */
class CrossCheckMergerTest {
  static final Path COUNTER = Path.of("/p/src/demo/Counter.java");
  static final Path OTHER = Path.of("/p/src/demo/Other.java");

  /** Rule id → defect class, as RuleMetadata.defectClass() would give it. */
  static final Map<String, String> DEFECT_CLASSES = Map.of(
      "unguarded-shared-field", "race",
      "bad-monitor", "bad-monitor",
      "thread-run-called", "thread-misuse");
  static final Function<String, Optional<String>> DEFECT_CLASS_OF = id -> Optional.ofNullable(DEFECT_CLASSES.get(id));

  static Finding ours(String ruleId, Path file, int line, String message, Evidence... evidence) {
    return new Finding(ruleId, Severity.WARNING, message, SourceLocation.ofLine(file, line), "Counter.m", List.of(evidence), null, List.of(), null, null);
  }

  static BugMapper.Mapped theirs(String type, Path file, int line, String field) {
    BugRecord bug = new BugRecord(type, 2, 10, type + " message", "demo.Counter", field, field,
        new BugRecord.Line("demo/Counter.java", line, line, "At"), List.of());
    Finding f = new Finding("spotbugs:" + type, Severity.WARNING, type + " message", SourceLocation.ofLine(file, line), "Counter.x",
        List.of(), null, List.of(), null, null);
    return new BugMapper.Mapped(f, bug);
  }

  @Test
  void positive_sameFieldSameDefectClass_mergedIntoOurs() {
    Finding race = ours("unguarded-shared-field", COUNTER, 9, "write of field 'count' without a lock, read at line 20 on another thread");
    List<Finding> out = CrossCheckMerger.merge(List.of(race), List.of(theirs("IS2_INCONSISTENT_SYNC", COUNTER, 20, "count")), DEFECT_CLASS_OF);
    assertThat(out).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("unguarded-shared-field");
      assertThat(f.location().line()).isEqualTo(9);
      assertThat(f.evidence()).singleElement().satisfies(e -> {
        assertThat(e.location().line()).isEqualTo(20);
        assertThat(e.message()).isEqualTo("also reported by SpotBugs as IS2_INCONSISTENT_SYNC: IS2_INCONSISTENT_SYNC message");
      });
    });
  }

  @Test
  void negative_otherFieldAndNoOverlap_keptApart() {
    Finding race = ours("unguarded-shared-field", COUNTER, 9, "write of field 'total' without a lock");
    List<Finding> out = CrossCheckMerger.merge(List.of(race), List.of(theirs("IS2_INCONSISTENT_SYNC", COUNTER, 20, "count")), DEFECT_CLASS_OF);
    assertThat(out).extracting(Finding::ruleId).containsExactly("unguarded-shared-field", "spotbugs:IS2_INCONSISTENT_SYNC");
    assertThat(out.get(0).evidence()).isEmpty();
  }

  @Test
  void negative_sameFieldOtherFile_keptApart() {
    Finding race = ours("unguarded-shared-field", OTHER, 20, "field 'count' is written without a lock");
    List<Finding> out = CrossCheckMerger.merge(List.of(race), List.of(theirs("IS2_INCONSISTENT_SYNC", COUNTER, 20, "count")), DEFECT_CLASS_OF);
    assertThat(out).hasSize(2);
  }

  @Test
  void negative_sameLineOtherDefectClass_keptApart() {
    Finding run = ours("thread-run-called", COUNTER, 8, "Thread.run() called directly");
    List<Finding> out = CrossCheckMerger.merge(List.of(run), List.of(theirs("DL_SYNCHRONIZATION_ON_BOXED_PRIMITIVE", COUNTER, 8, null)), DEFECT_CLASS_OF);
    assertThat(out).extracting(Finding::ruleId).containsExactly("thread-run-called", "spotbugs:DL_SYNCHRONIZATION_ON_BOXED_PRIMITIVE");
  }

  @Test
  void positive_overlappingLine_mergedWithoutField() {
    Finding monitor = ours("bad-monitor", COUNTER, 8, "synchronized on 'lock' of boxed type Integer");
    List<Finding> out = CrossCheckMerger.merge(List.of(monitor),
        List.of(theirs("DL_SYNCHRONIZATION_ON_BOXED_PRIMITIVE", COUNTER, 8, null), theirs("JLM_JSR166_LOCK_MONITORENTER", COUNTER, 12, null)),
        DEFECT_CLASS_OF);
    assertThat(out).extracting(Finding::ruleId).containsExactly("bad-monitor", "spotbugs:JLM_JSR166_LOCK_MONITORENTER");
    assertThat(out.get(0).evidence()).extracting(Evidence::message).singleElement().asString().contains("DL_SYNCHRONIZATION_ON_BOXED_PRIMITIVE");
  }

  @Test
  void positive_overlapWithOurEvidence_merged() {
    Finding race = ours("unguarded-shared-field", COUNTER, 9, "write without a lock",
        new Evidence(SourceLocation.ofLine(COUNTER, 20), "read on another thread"));
    List<Finding> out = CrossCheckMerger.merge(List.of(race), List.of(theirs("UG_SYNC_SET_UNSYNC_GET", COUNTER, 20, null)), DEFECT_CLASS_OF);
    assertThat(out).singleElement().extracting(f -> f.evidence().size()).isEqualTo(2);
  }

  @Test
  void negative_unmappedTypeAndUnknownRule_neverMerged() {
    Finding unknownRule = ours("some-third-party-rule", COUNTER, 8, "field 'count'");
    Finding monitor = ours("bad-monitor", COUNTER, 8, "synchronized on 'lock'");
    List<Finding> out = CrossCheckMerger.merge(List.of(unknownRule, monitor), List.of(theirs("XX_FUTURE_PATTERN", COUNTER, 8, "count")), DEFECT_CLASS_OF);
    assertThat(out).hasSize(3);
  }

  @Test
  void oneSpotBugsFindingEnrichesOnlyOneOfOurs() {
    Finding first = ours("bad-monitor", COUNTER, 8, "synchronized on 'a'");
    Finding second = ours("bad-monitor", COUNTER, 8, "synchronized on 'b'");
    List<Finding> out = CrossCheckMerger.merge(List.of(second, first), List.of(theirs("DL_SYNCHRONIZATION_ON_BOOLEAN", COUNTER, 8, null)), DEFECT_CLASS_OF);
    assertThat(out).hasSize(2);
    // the first in report order gets the evidence; input order is kept
    assertThat(out.get(1).evidence()).hasSize(1);
    assertThat(out.get(0).evidence()).isEmpty();
  }
}
