package dev.threadlint.core.fix;

import static dev.threadlint.core.fix.FixFixture.apply;
import static dev.threadlint.core.fix.FixFixture.assertCompilesBeforeAndAfter;
import static dev.threadlint.core.fix.FixFixture.find;
import static dev.threadlint.core.fix.FixFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.program.SourceFile;
import java.util.Date;
import java.text.SimpleDateFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MapAndFormatterFixesTest {
  private static final String HEADER = """
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;

      """;

  @Test
  void containsKeyThenPut_plainValue_becomesPutIfAbsent() {
    String in = HEADER + """
        class Cache {
          private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();
          void remember(String k, String v) {
            if (!names.containsKey(k)) {
              names.put(k, v);
            }
          }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, MapFixes.checkThenAct(f, f.unit().findFirst(IfStmt.class).orElseThrow()));
    assertThat(out).contains("    names.putIfAbsent(k, v);\n  }");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void getNullThenPutNew_becomesComputeIfAbsent_withAFreshLambdaName() {
    String in = HEADER + """
        class Index {
          private final Map<String, List<Integer>> byKey = new ConcurrentHashMap<>();
          private final ConcurrentHashMap<String, List<Integer>> lines = new ConcurrentHashMap<>();
          void add(String key, int line) {
            if (lines.get(key) == null) lines.put(key, new ArrayList<>());
            lines.get(key).add(line);
          }
        }
        """;
    SourceFile f = source(in);
    String out = apply(f, MapFixes.checkThenAct(f, f.unit().findFirst(IfStmt.class).orElseThrow()));
    assertThat(out).contains("lines.computeIfAbsent(key, key2 -> new ArrayList<>());");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void checkThenAct_refusedOnAPlainMap() {
    SourceFile f = source(HEADER + """
        class Index {
          private final Map<String, String> m = new java.util.HashMap<>();
          void add(String k) { if (!m.containsKey(k)) m.put(k, "x"); }
        }
        """);
    assertThat(MapFixes.checkThenAct(f, f.unit().findFirst(IfStmt.class).orElseThrow()).reason()).contains("not declared as a concurrent map");
  }

  @Test
  void checkThenAct_refusedWhenCapturedLocalIsReassigned() {
    SourceFile f = source(HEADER + """
        class Index {
          private final ConcurrentHashMap<String, String> m = new ConcurrentHashMap<>();
          void add(String k, String v) { v = v.trim(); if (!m.containsKey(k)) m.put(k, v.toUpperCase()); }
        }
        """);
    assertThat(MapFixes.checkThenAct(f, f.unit().findFirst(IfStmt.class).orElseThrow()).reason()).contains("'v' is reassigned");
  }

  @Test
  void getOrDefaultIncrement_becomesMerge_safe() {
    String in = HEADER + """
        class Votes {
          private final ConcurrentHashMap<String, Long> votes = new ConcurrentHashMap<>();
          void vote(String who, long n) {
            votes.put(who, votes.getOrDefault(who, 0L) + n);
          }
        }
        """;
    SourceFile f = source(in);
    FixOutcome o = MapFixes.mergeIncrement(f, find(f, MethodCallExpr.class, c -> c.getNameAsString().equals("put")));
    assertThat(o.fix().orElseThrow().kind()).isEqualTo(FixKind.SAFE);
    String out = apply(f, o);
    assertThat(out).contains("votes.merge(who, n, Long::sum);");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void getIncrement_becomesMerge_asARefactoring() {
    SourceFile f = source(HEADER + """
        class Votes {
          private final ConcurrentHashMap<String, Integer> votes = new ConcurrentHashMap<>();
          void vote(String who) { votes.put(who, votes.get(who) + 1); }
        }
        """);
    FixOutcome o = MapFixes.mergeIncrement(f, find(f, MethodCallExpr.class, c -> c.getNameAsString().equals("put")));
    assertThat(o.fix().orElseThrow().kind()).isEqualTo(FixKind.REFACTORING);
    assertThat(apply(f, o)).contains("votes.merge(who, 1, Integer::sum);");
  }

  private static final String FORMATTER_CLASS = """
      import java.text.SimpleDateFormat;
      import java.util.Date;
      import java.util.Locale;

      class Log {
        private static final SimpleDateFormat STAMP = new SimpleDateFormat("%s", Locale.ROOT);

        String line(Date when, String msg) {
          return STAMP.format(when) + " " + msg;
        }

        String now() {
          return STAMP.format(new Date());
        }
      }
      """;

  @Test
  void simpleDateFormat_becomesDateTimeFormatter() {
    String in = FORMATTER_CLASS.formatted("yyyy-MM-dd'T'HH:mm:ss.SSS");
    SourceFile f = source(in);
    String out = apply(f, FormatterFixes.simpleDateFormat(f, find(f, VariableDeclarator.class, v -> v.getNameAsString().equals("STAMP"))));
    assertThat(out).contains("private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern(\"yyyy-MM-dd'T'HH:mm:ss.SSS\", Locale.ROOT);")
        .contains("STAMP.format(when.toInstant().atZone(ZoneId.systemDefault()))")
        .contains("STAMP.format(new Date().toInstant().atZone(ZoneId.systemDefault()))")
        .contains("import java.time.ZoneId;\nimport java.time.format.DateTimeFormatter;");
    assertCompilesBeforeAndAfter(in, out);
  }

  /** The claim behind the safe subset: these patterns print the same text in both classes. */
  @ParameterizedTest
  @ValueSource(strings = {"yyyy-MM-dd", "yy/M/d H:m:s", "dd MMM yyyy hh:mm a", "EEEE, MMMM d", "EEE HH:mm:ss.SSS Z", "D 'day' k K", "yyyyMMdd'T'HHmmssXXX"})
  void safeSubset_printsTheSameText(String pattern) {
    assertThat(FormatterFixes.unsafePatternReason(pattern)).isEmpty();
    Date date = new Date(1_700_000_123_456L);
    String legacy = new SimpleDateFormat(pattern, java.util.Locale.ENGLISH).format(date);
    String modern = DateTimeFormatter.ofPattern(pattern, java.util.Locale.ENGLISH).format(date.toInstant().atZone(ZoneId.systemDefault()));
    assertThat(modern).isEqualTo(legacy);
  }

  @Test
  void unsafeLetters_refusedWithTheReason() {
    assertThat(FormatterFixes.unsafePatternReason("u")).get().asString().contains("day of the week").contains("year");
    assertThat(FormatterFixes.unsafePatternReason("YYYY-ww")).get().asString().contains("'Y'");
    assertThat(FormatterFixes.unsafePatternReason("HH:mm:ss.S")).get().asString().contains("only 'SSS' agrees");
    assertThat(FormatterFixes.unsafePatternReason("yyyy [x]")).get().asString().contains("reserved");
    assertThat(FormatterFixes.unsafePatternReason("MMMMM")).isPresent();
    SourceFile f = source(FORMATTER_CLASS.formatted("YYYY"));
    assertThat(FormatterFixes.simpleDateFormat(f, find(f, VariableDeclarator.class, v -> v.getNameAsString().equals("STAMP"))).isPresent()).isFalse();
  }

  @Test
  void simpleDateFormat_refusedWhenParsing() {
    SourceFile f = source("""
        import java.text.SimpleDateFormat;
        class P {
          private final SimpleDateFormat f = new SimpleDateFormat("yyyy");
          Object read(String s) throws Exception { return f.parse(s); }
        }
        """);
    assertThat(FormatterFixes.simpleDateFormat(f, find(f, VariableDeclarator.class, v -> v.getNameAsString().equals("f"))).reason())
        .contains("f.parse(s)");
  }

  @Test
  void simpleDateFormat_refusedForANumberArgument() {
    SourceFile f = source("""
        import java.text.SimpleDateFormat;
        class P {
          private final SimpleDateFormat f = new SimpleDateFormat("yyyy");
          String show(long millis) { return f.format(millis); }
        }
        """);
    assertThat(FormatterFixes.simpleDateFormat(f, find(f, VariableDeclarator.class, v -> v.getNameAsString().equals("f"))).reason())
        .contains("not evidently a java.util.Date");
  }
}
