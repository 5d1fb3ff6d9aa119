package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Rule;
import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Finding;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.report.TextReporter;
import dev.threadlint.core.testing.RuleTestHelper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Where a race rule's fix builder refuses, the finding says why: an ADVICE entry without edits
 * whose text is "no automatic fix: <reason>", shown under the finding in the text report instead of
 * "fix available".
 */
class RefusedFixesTest {

  /** Runs {@code rule} on one source with markers; asserts every finding carries exactly one refusal containing {@code reason}. */
  private static AnalysisResult assertRefused(Class<? extends Rule> rule, String path, String source, String reason) {
    AnalysisResult result = RuleTestHelper.forRule(rule).addSource(path, source).doTest();
    assertThat(result.findings()).isNotEmpty();
    for (Finding f : result.findings()) {
      assertThat(f.fixes()).as("fixes of %s", f.message()).singleElement().satisfies(fix -> {
        assertThat(fix.kind()).isEqualTo(FixKind.ADVICE);
        assertThat(fix.edits()).isEmpty();
        assertThat(fix.description()).startsWith("no automatic fix: ").contains(reason);
      });
    }
    String text = text(result);
    assertThat(text).contains("    no automatic fix: ").contains(reason).doesNotContain("fix available");
    return result;
  }

  private static String text(AnalysisResult result) {
    StringWriter out = new StringWriter();
    try {
      new TextReporter().write(result, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  // non-atomic-compound-update: CounterFixes.atomic

  @Test
  void nonAtomicCompoundUpdate_fieldNotPrivate() {
    assertRefused(NonAtomicCompoundUpdate.class, "demo/Hits.java", """
        package demo;
        class Hits {
          volatile int count;
          void hit() {
            // EXPECT: non-atomic-compound-update 'count++' on volatile field 'count'
            count++;
          }
        }
        """, "field 'count' is not private: uses in other classes would not be rewritten");
  }

  @Test
  void nonAtomicCompoundUpdate_updateNoAtomicMethodExpresses() {
    assertRefused(NonAtomicCompoundUpdate.class, "demo/Doubler.java", """
        package demo;
        class Doubler {
          private volatile int count = 1;
          void twice() {
            // EXPECT: non-atomic-compound-update 'count *= 2' on volatile field 'count'
            count *= 2;
          }
        }
        """, "'count *= 2' is an update that no atomic method expresses");
  }

  @Test
  void nonAtomicCompoundUpdate_serializableClass() {
    assertRefused(NonAtomicCompoundUpdate.class, "demo/Meter.java", """
        package demo;
        class Meter implements java.io.Serializable {
          private volatile long ticks;
          void tick() {
            // EXPECT: non-atomic-compound-update 'ticks++' on volatile field 'ticks'
            ticks++;
          }
        }
        """, "the serialized form of Meter would change");
  }

  @Test
  void nonAtomicCompoundUpdate_fixableCounter_hasAFixAndNoRefusal() {
    AnalysisResult r = RuleTestHelper.forRule(NonAtomicCompoundUpdate.class).addSource("demo/Hits.java", """
        package demo;
        class Hits {
          private volatile int count;
          void hit() {
            // EXPECT: non-atomic-compound-update 'count++'
            count++;
          }
        }
        """).doTest();
    assertThat(r.findings().get(0).fixes()).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(FixKind.SAFE));
    assertThat(text(r)).contains("fix available: Make 'count' an AtomicInteger").doesNotContain("no automatic fix");
  }

  // shared-non-thread-safe-object: FormatterFixes.simpleDateFormat

  @Test
  void sharedFormatter_weekBasedYearPattern() {
    assertRefused(SharedNonThreadSafeObject.class, "demo/Stamp.java", """
        package demo;
        import java.text.SimpleDateFormat;
        import java.util.Date;
        class Stamp {
          private static final SimpleDateFormat DAY = new SimpleDateFormat("YYYY-MM-dd");
          public String today() {
            // EXPECT: shared-non-thread-safe-object static field 'DAY'
            return DAY.format(new Date());
          }
        }
        """, "pattern letter 'Y' does not mean the same to SimpleDateFormat and DateTimeFormatter");
  }

  @Test
  void sharedFormatter_notPrivate() {
    assertRefused(SharedNonThreadSafeObject.class, "demo/Stamp.java", """
        package demo;
        import java.text.SimpleDateFormat;
        import java.util.Date;
        class Stamp {
          static final SimpleDateFormat DAY = new SimpleDateFormat("yyyy-MM-dd");
          public String today() {
            // EXPECT: shared-non-thread-safe-object static field 'DAY'
            return DAY.format(new Date());
          }
        }
        """, "field 'DAY' is not private: uses in other classes would not be rewritten");
  }

  @Test
  void sharedFormatter_usedForParsing() {
    assertRefused(SharedNonThreadSafeObject.class, "demo/Stamp.java", """
        package demo;
        import java.text.DateFormat;
        import java.text.ParseException;
        import java.text.SimpleDateFormat;
        import java.util.Date;
        class Stamp {
          private static final DateFormat DAY = new SimpleDateFormat("yyyy-MM-dd");
          public Date read(String s) throws ParseException {
            // EXPECT: shared-non-thread-safe-object static field 'DAY'
            return DAY.parse(s);
          }
        }
        """, "'DAY.parse(s)' would behave differently on a DateTimeFormatter");
  }

  @Test
  void sharedFormatter_otherObjects_getNeitherFixNorRefusal() {
    AnalysisResult r = RuleTestHelper.forRule(SharedNonThreadSafeObject.class).addSource("demo/Hasher.java", """
        package demo;
        import java.security.MessageDigest;
        import java.util.concurrent.ExecutorService;
        class Hasher {
          private final MessageDigest md;
          Hasher(MessageDigest md) { this.md = md; }
          void hashAll(ExecutorService ex, byte[] data) {
            // EXPECT: shared-non-thread-safe-object MessageDigest is not thread-safe
            ex.execute(() -> md.update(data));
          }
        }
        """).doTest();
    assertThat(r.findings().get(0).fixes()).isEmpty();
  }

  // double-checked-locking: VisibilityFixes.doubleCheckedVolatile

  @Test
  void doubleCheckedLocking_fieldDeclaredWithAnother() {
    assertRefused(DoubleCheckedLocking.class, "demo/Registry.java", """
        package demo;
        class Registry {
          private Object instance, spare;
          Object get() {
            // EXPECT: double-checked-locking non-volatile field 'instance'
            if (instance == null) {
              synchronized (this) {
                if (instance == null) {
                  instance = new Object();
                }
              }
            }
            return instance;
          }
        }
        """, "field 'instance' is declared together with other fields, which would become volatile too");
  }

  @Test
  void doubleCheckedLocking_objectSetUpAfterPublication() {
    assertRefused(DoubleCheckedLocking.class, "demo/Config.java", """
        package demo;
        import java.util.Properties;
        class Config {
          private Properties props;
          Properties get() {
            // EXPECT: double-checked-locking non-volatile field 'props'
            if (props == null) {
              synchronized (this) {
                if (props == null) {
                  props = new Properties();
                  props.setProperty("mode", "fast");
                }
              }
            }
            return props;
          }
        }
        """, "'props' is published before it is fully set up ('props.setProperty(\"mode\", \"fast\");' runs after the assignment)");
  }
}
