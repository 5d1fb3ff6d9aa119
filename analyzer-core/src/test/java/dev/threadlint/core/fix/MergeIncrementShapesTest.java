package dev.threadlint.core.fix;

import static dev.threadlint.core.fix.FixFixture.apply;
import static dev.threadlint.core.fix.FixFixture.assertCompilesBeforeAndAfter;
import static dev.threadlint.core.fix.FixFixture.find;
import static dev.threadlint.core.fix.FixFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.program.SourceFile;
import org.junit.jupiter.api.Test;

/** The two-statement shapes of MapFixes.mergeIncrement: the old value read into a local just before the put. */
class MergeIncrementShapesTest {
  private static final String HEADER = """
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;

      """;

  private static FixOutcome merge(SourceFile f) {
    return MapFixes.mergeIncrement(f, find(f, MethodCallExpr.class, c -> c.getNameAsString().equals("put")));
  }

  @Test
  void notNullFirst_isTheSameExactMerge() {
    String in = HEADER + """
        class Stock {
          private final ConcurrentHashMap<String, Integer> units = new ConcurrentHashMap<>();
          void receive(String sku, int n) {
            Integer have = units.get(sku);
            units.put(sku, have != null ? have + n : n);
          }
        }
        """;
    SourceFile f = source(in);
    FixOutcome o = merge(f);
    assertThat(o.fix().orElseThrow().kind()).isEqualTo(FixKind.SAFE);
    String out = apply(f, o);
    assertThat(out).contains("  void receive(String sku, int n) {\n    units.merge(sku, n, Integer::sum);\n  }");
    assertCompilesBeforeAndAfter(in, out);
  }

  @Test
  void plainSumOfALocalReadWithGet_isARefactoring_butWithGetOrDefaultItIsExact() {
    SourceFile withGet = source(HEADER + """
        class Stock {
          private final ConcurrentHashMap<String, Integer> units = new ConcurrentHashMap<>();
          void receive(String sku) { Integer have = units.get(sku); units.put(sku, have + 1); }
        }
        """);
    assertThat(merge(withGet).fix().orElseThrow().kind()).isEqualTo(FixKind.REFACTORING);
    SourceFile withDefault = source(HEADER + """
        class Stock {
          private final ConcurrentHashMap<String, Integer> units = new ConcurrentHashMap<>();
          void receive(String sku) { int have = units.getOrDefault(sku, 0); units.put(sku, 1 + have); }
        }
        """);
    FixOutcome o = merge(withDefault);
    assertThat(o.fix().orElseThrow().kind()).isEqualTo(FixKind.SAFE);
    assertThat(apply(withDefault, o)).contains("void receive(String sku) { units.merge(sku, 1, Integer::sum); }");
  }

  @Test
  void differentAmountsInTheTwoBranches_areRefused() {
    SourceFile f = source(HEADER + """
        class Stock {
          private final ConcurrentHashMap<String, Integer> units = new ConcurrentHashMap<>();
          void receive(String sku) { Integer have = units.get(sku); units.put(sku, have == null ? 10 : have + 1); }
        }
        """);
    assertThat(merge(f).reason()).isEqualTo("the new value is not 'have == null ? n : have + n' (or 'have + n')");
  }

  @Test
  void oldValueUsedInANestedBlockAfterThePut_isRefused() {
    SourceFile f = source(HEADER + """
        class Stock {
          private final ConcurrentHashMap<String, Integer> units = new ConcurrentHashMap<>();
          void receive(String sku) {
            if (sku != null) {
              Integer have = units.get(sku);
              units.put(sku, have == null ? 1 : have + 1);
              System.out.println(have);
            }
          }
        }
        """);
    assertThat(merge(f).reason()).startsWith("the old value 'have' is used after the put ('System.out.println(have);')");
  }

  @Test
  void mapDeclaredAsMapButCreatedAsAFinalConcurrentHashMap_counts_aNonFinalOneDoesNot() {
    SourceFile finalField = source(HEADER + """
        class Stock {
          private final Map<String, Long> units = new ConcurrentHashMap<>();
          void receive(String sku) { units.put(sku, units.getOrDefault(sku, 0L) + 1L); }
        }
        """);
    assertThat(apply(finalField, merge(finalField))).contains("units.merge(sku, 1L, Long::sum);");
    SourceFile reassignable = source(HEADER + """
        class Stock {
          private Map<String, Long> units = new ConcurrentHashMap<>();
          void receive(String sku) { units.put(sku, units.getOrDefault(sku, 0L) + 1L); }
          void reset() { units = new java.util.HashMap<>(); }
        }
        """);
    assertThat(merge(reassignable).reason()).isEqualTo("'units' is not declared as a concurrent map; merge would not be atomic");
  }
}
