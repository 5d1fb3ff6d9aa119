package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.finding.AnalysisResult;
import dev.threadlint.core.finding.Fix;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.report.TextReporter;
import dev.threadlint.core.testing.FixTestHelper;
import dev.threadlint.core.testing.RuleTestHelper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * check-then-act's fixes end to end: get-then-put increments become {@code merge}, check-then-put of
 * a computed value becomes {@code computeIfAbsent}; where either would change behaviour the finding
 * says why it has no fix.
 */
class CheckThenActFixTest {

  private static AnalysisResult run(String path, String source) {
    return RuleTestHelper.forRule(CheckThenAct.class).addSource(path, source).doTest();
  }

  /** The single finding's single fix: an ADVICE without edits whose text contains {@code reason}, also in the text report. */
  private static void assertRefused(AnalysisResult result, String reason) {
    assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.fixes()).singleElement().satisfies(fix -> {
      assertThat(fix.kind()).isEqualTo(FixKind.ADVICE);
      assertThat(fix.edits()).isEmpty();
      assertThat(fix.description()).isEqualTo("no automatic fix: " + reason);
    }));
    StringWriter text = new StringWriter();
    try {
      new TextReporter().write(result, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(text.toString()).contains("    no automatic fix: " + reason).doesNotContain("fix available");
  }

  // merge: get-then-put increments

  @Test
  void getOrDefaultIncrement_onConcurrentMap_becomesMerge() {
    FixTestHelper.forRule(CheckThenAct.class)
        .addInput("demo/Votes.java", """
            package demo;

            import java.util.concurrent.ConcurrentHashMap;

            class Votes {
              private final ConcurrentHashMap<String, Integer> votes = new ConcurrentHashMap<>();

              void vote(String who) {
                votes.put(who, votes.getOrDefault(who, 0) + 1);
              }
            }
            """)
        .addOutput("demo/Votes.java", """
            package demo;

            import java.util.concurrent.ConcurrentHashMap;

            class Votes {
              private final ConcurrentHashMap<String, Integer> votes = new ConcurrentHashMap<>();

              void vote(String who) {
                votes.merge(who, 1, Integer::sum);
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void oldValueInLocal_nullMeansOne_becomesMerge_overTwoStatements() {
    // declared as Map but created as a final ConcurrentHashMap: merge is the concurrent map's own
    FixTestHelper.forRule(CheckThenAct.class)
        .addInput("demo/Hits.java", """
            package demo;

            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;

            class Hits {
              private final Map<String, Long> hits = new ConcurrentHashMap<>();

              void hit(String page, long n) {
                Long c = hits.get(page);
                hits.put(page, c == null ? n : c + n);
                System.out.println("hit " + page);
              }
            }
            """)
        .addOutput("demo/Hits.java", """
            package demo;

            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;

            class Hits {
              private final Map<String, Long> hits = new ConcurrentHashMap<>();

              void hit(String page, long n) {
                hits.merge(page, n, Long::sum);
                System.out.println("hit " + page);
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void getPlusOne_isOfferedOnlyAsARefactoring_becauseAMissingKeyNoLongerThrows() {
    String in = """
        package demo;

        import java.util.concurrent.ConcurrentHashMap;

        class Votes {
          private final ConcurrentHashMap<String, Integer> votes = new ConcurrentHashMap<>();

          void vote(String who) {
            // EXPECT: check-then-act Get-then-put on 'votes': get(who) and put(who, ..) are separate steps
            votes.put(who, votes.get(who) + 1);
          }
        }
        """;
    Fix fix = run("demo/Votes.java", in).findings().get(0).fixes().get(0);
    assertThat(fix.kind()).isEqualTo(FixKind.REFACTORING);
    assertThat(fix.description()).contains("a missing key now starts at the amount instead of throwing");
    FixTestHelper.forRule(CheckThenAct.class).addInput("demo/Votes.java", in).expectUnchanged().doTest();
    FixTestHelper.forRule(CheckThenAct.class)
        .addInput("demo/Votes.java", in)
        .addOutput("demo/Votes.java", in.replace("votes.put(who, votes.get(who) + 1);", "votes.merge(who, 1, Integer::sum);"))
        .chooseFix(0)
        .compiles()
        .doTest();
  }

  @Test
  void sharedPlainMap_getThenPut_isReported_butMergeIsRefused() {
    assertRefused(run("demo/Counts.java", """
        package demo;

        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;

        class Counts {
          private final Map<String, Integer> counts = new HashMap<>();

          void countAll(ExecutorService pool, String word) {
            pool.submit(() -> {
              // EXPECT: check-then-act Get-then-put on 'counts'
              counts.put(word, counts.getOrDefault(word, 0) + 1);
            });
          }
        }
        """), "'counts' is not declared as a concurrent map; merge would not be atomic");
  }

  @Test
  void oldValueUsedAfterThePut_mergeIsRefused() {
    assertRefused(run("demo/Tickets.java", """
        package demo;

        import java.util.concurrent.ConcurrentHashMap;

        class Tickets {
          private final ConcurrentHashMap<String, Integer> sold = new ConcurrentHashMap<>();

          int sell(String show) {
            Integer before = sold.get(show);
            // EXPECT: check-then-act Get-then-put on 'sold'
            sold.put(show, before == null ? 1 : before + 1);
            return before == null ? 0 : before;
          }
        }
        """), "the old value 'before' is used after the put ('return before == null ? 0 : before;'); merge does not return it");
  }

  @Test
  void previousValueReturnedByPutIsUsed_mergeIsRefused() {
    assertRefused(run("demo/Tickets.java", """
        package demo;

        import java.util.concurrent.ConcurrentHashMap;

        class Tickets {
          private final ConcurrentHashMap<String, Integer> sold = new ConcurrentHashMap<>();

          Integer sell(String show) {
            // EXPECT: check-then-act Get-then-put on 'sold'
            return sold.put(show, sold.getOrDefault(show, 0) + 1);
          }
        }
        """), "the previous value that put() returns is used; merge returns the new value instead");
  }

  @Test
  void negative_getThenPutUnderALock_orOnALocalMap() {
    run("demo/Quiet.java", """
        package demo;

        import java.util.Map;
        import java.util.concurrent.ConcurrentHashMap;

        class Quiet {
          private final ConcurrentHashMap<String, Integer> guarded = new ConcurrentHashMap<>();

          synchronized void locked(String k) {
            guarded.put(k, guarded.getOrDefault(k, 0) + 1);
          }

          Map<String, Integer> local(String k) {
            Map<String, Integer> m = new ConcurrentHashMap<>();
            m.put(k, m.getOrDefault(k, 0) + 1);
            return m;
          }
        }
        """);
  }

  @Test
  void negative_plainMapWithNoEvidenceOfThreads() {
    run("demo/Tally.java", """
        package demo;

        import java.util.HashMap;
        import java.util.Map;

        class Tally {
          private final Map<String, Integer> counts = new HashMap<>();

          void count(String k) {
            counts.put(k, counts.getOrDefault(k, 0) + 1);
          }
        }
        """);
  }

  // computeIfAbsent: check-then-put of a fresh value

  @Test
  void containsKeyThenPutFreshList_becomesComputeIfAbsent() {
    FixTestHelper.forRule(CheckThenAct.class)
        .addInput("demo/Index.java", """
            package demo;

            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ConcurrentHashMap;

            class Index {
              private final ConcurrentHashMap<String, List<Integer>> lines = new ConcurrentHashMap<>();

              void add(String word, int line) {
                if (!lines.containsKey(word)) {
                  lines.put(word, new ArrayList<>());
                }
                lines.get(word).add(line);
              }
            }
            """)
        .addOutput("demo/Index.java", """
            package demo;

            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ConcurrentHashMap;

            class Index {
              private final ConcurrentHashMap<String, List<Integer>> lines = new ConcurrentHashMap<>();

              void add(String word, int line) {
                lines.computeIfAbsent(word, key -> new ArrayList<>());
                lines.get(word).add(line);
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void computedValueThrowsACheckedException_computeIfAbsentIsRefused() {
    assertRefused(run("demo/Pages.java", """
        package demo;

        import java.io.IOException;
        import java.util.concurrent.ConcurrentHashMap;

        class Pages {
          private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

          String page(String url) throws IOException {
            if (cache.get(url) == null) {
              // EXPECT: check-then-act Check-then-act on 'cache'
              cache.put(url, fetch(url));
            }
            return cache.get(url);
          }

          private String fetch(String url) throws IOException {
            return "<html>" + url;
          }
        }
        """), "'fetch(url)' throws IOException, a checked exception, which the computeIfAbsent function cannot throw");
  }

  @Test
  void computedValueChangesTheMapItself_computeIfAbsentIsRefused() {
    assertRefused(run("demo/Sessions.java", """
        package demo;

        import java.util.concurrent.ConcurrentHashMap;

        class Sessions {
          private final ConcurrentHashMap<String, Object> byUser = new ConcurrentHashMap<>();

          void login(String user) {
            if (!byUser.containsKey(user)) {
              // EXPECT: check-then-act Check-then-act on 'byUser'
              byUser.put(user, open(user));
            }
          }

          private Object open(String user) {
            byUser.remove("guest");
            return new Object();
          }
        }
        """), "'open(user)' changes 'byUser' itself ('byUser.remove(\"guest\")'), which the map forbids from inside computeIfAbsent");
  }

  @Test
  void computedValueFromUnknownCode_inAMethodThatThrowsCheckedExceptions_isRefused() {
    assertRefused(run("demo/Files2.java", """
        package demo;

        import java.io.IOException;
        import java.nio.file.Files;
        import java.nio.file.Path;
        import java.util.concurrent.ConcurrentHashMap;

        class Files2 {
          private final ConcurrentHashMap<String, String> contents = new ConcurrentHashMap<>();

          void warm(String name) throws IOException {
            if (!contents.containsKey(name)) {
              // EXPECT: check-then-act Check-then-act on 'contents'
              contents.put(name, Files.readString(Path.of(name)));
            }
          }
        }
        """), "'Files.readString(Path.of(name))' may throw a checked exception (warm() declares throws IOException), which the computeIfAbsent function cannot throw");
  }
}
