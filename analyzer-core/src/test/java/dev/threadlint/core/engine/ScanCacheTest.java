package dev.threadlint.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's storage and its reuse of diagnostics, with the engine-test rules. */
class ScanCacheTest {
  @TempDir Path dir;
  @TempDir Path cache;

  private AnalysisResult cached() {
    return Scans.scan(dir, b -> b.cacheDir(cache));
  }

  @Test
  void diagnostics_and_findings_of_reused_files_equal_a_full_scan() {
    Scans.write(dir, "Ok.java", "class Ok { void go() { flag(); } void flag() {} }");
    Scans.write(dir, "Broken.java", "class Broken { void go( }");
    Scans.write(dir, "Noted.java", "class Noted { void go() {\n // threadlint:ignore flag-call\n flag(); } void flag() {} }");
    AnalysisResult first = cached();
    AnalysisResult second = cached();
    AnalysisResult full = Scans.scan(dir);
    assertThat(second.timingsMillis()).containsEntry("cache-level", 1L);
    assertThat(Scans.diagnostics(full, "parse-error")).hasSize(1);
    assertThat(Scans.diagnostics(full, "bad-suppression")).hasSize(1);
    for (AnalysisResult r : new AnalysisResult[] {first, second}) {
      assertThat(r.findings()).containsExactlyElementsOf(full.findings());
      assertThat(r.suppressed()).containsExactlyElementsOf(full.suppressed());
      assertThat(r.diagnostics()).containsExactlyElementsOf(full.diagnostics());
      assertThat(r.filesScanned()).isEqualTo(full.filesScanned());
    }
  }

  @Test
  void fixing_a_parse_error_reanalyses_that_file() {
    Scans.write(dir, "Ok.java", "class Ok { void go() { flag(); } void flag() {} }");
    Scans.write(dir, "Broken.java", "class Broken { void go( }");
    cached();
    Scans.write(dir, "Broken.java", "class Broken { void go() { flag(); } void flag() {} }");
    AnalysisResult r = cached();
    assertThat(r.timingsMillis()).containsEntry("cache-files-analysed", 1L).containsEntry("cache-files-reused", 1L);
    assertThat(Scans.findingLines(r)).containsExactly("Broken.java:1:flag-call", "Ok.java:1:flag-call");
    assertThat(Scans.diagnostics(r, "parse-error")).isEmpty();
  }

  @Test
  void a_cache_that_cannot_be_written_is_a_note_and_the_scan_goes_on() throws IOException {
    Scans.write(dir, "Ok.java", "class Ok { void go() { flag(); } void flag() {} }");
    Path notADirectory = Files.writeString(cache.resolve("file"), "x");
    AnalysisResult r = Scans.scan(dir, b -> b.cacheDir(notADirectory));
    assertThat(Scans.findingLines(r)).containsExactly("Ok.java:1:flag-call");
    assertThat(Scans.diagnostics(r, "cache")).singleElement().satisfies(d -> {
      assertThat(d.level()).isEqualTo(Diagnostic.Level.NOTE);
      assertThat(d.message()).contains("cannot write");
    });
  }

  @Test
  void the_cache_is_written_atomically_and_leaves_no_temporary_file() throws IOException {
    Scans.write(dir, "Ok.java", "class Ok {}");
    cached();
    cached();
    try (var s = Files.list(cache)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).singleElement().satisfies(n -> assertThat(n).startsWith("scan-").endsWith(".json"));
    }
  }

  @Test
  void a_classpath_copy_of_a_scanned_package_without_its_source_turns_partial_reuse_off() throws IOException {
    Scans.write(dir, "app/A.java", "package app; class A { void go() { flag(); } void flag() {} }");
    Scans.write(dir, "app/B.java", "package app; class B { }");
    Path jar = cache.getParent().resolve("stale-" + System.nanoTime() + ".jar");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.zip.ZipEntry("app/A.class")); // shadowed by app/A.java: harmless
      out.closeEntry();
      out.putNextEntry(new java.util.zip.ZipEntry("app/Gone.class")); // no source: may name project types
      out.closeEntry();
    }
    try {
      AnalysisResult first = Scans.scan(dir, b -> b.cacheDir(cache).classpath(java.util.List.of(jar)));
      assertThat(Scans.diagnostics(first, "cache")).anySatisfy(d -> assertThat(d.message()).contains("app.Gone"));
      Scans.write(dir, "app/B.java", "package app; class B { /* edited */ }");
      AnalysisResult second = Scans.scan(dir, b -> b.cacheDir(cache).classpath(java.util.List.of(jar)));
      assertThat(second.timingsMillis()).containsEntry("cache-level", 3L).containsEntry("cache-files-reused", 0L);
      assertThat(Scans.findingLines(second)).containsExactly("app/A.java:1:flag-call");
    } finally {
      Files.deleteIfExists(jar);
    }
  }

  @Test
  void without_a_stale_class_the_same_edit_reuses_the_other_file() {
    Scans.write(dir, "app/A.java", "package app; class A { void go() { flag(); } void flag() {} }");
    Scans.write(dir, "app/B.java", "package app; class B { }");
    cached();
    Scans.write(dir, "app/B.java", "package app; class B { /* edited */ }");
    AnalysisResult second = cached();
    assertThat(second.timingsMillis()).containsEntry("cache-level", 2L).containsEntry("cache-files-reused", 1L);
    assertThat(Scans.findingLines(second)).containsExactly("app/A.java:1:flag-call");
  }
}
