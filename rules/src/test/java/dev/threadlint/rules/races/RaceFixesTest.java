package dev.threadlint.rules.races;

import dev.threadlint.core.testing.FixTestHelper;
import org.junit.jupiter.api.Test;

/** Exact fixes of the race rules, applied end to end: expected output, finding gone, still compiles. */
class RaceFixesTest {

  @Test
  void volatileCounter_becomesAtomicInteger_everyUseRewritten() {
    FixTestHelper.forRule(NonAtomicCompoundUpdate.class)
        .addInput("demo/Hits.java", """
            package demo;

            class Hits {
              private volatile int count;

              void hit() {
                count++;
              }

              int count() {
                return count;
              }
            }
            """)
        .addOutput("demo/Hits.java", """
            package demo;

            import java.util.concurrent.atomic.AtomicInteger;

            class Hits {
              private final AtomicInteger count = new AtomicInteger();

              void hit() {
                count.incrementAndGet();
              }

              int count() {
                return count.get();
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void volatileCounterUpdatedByMultiplication_getsNoFix() {
    // no atomic method expresses count *= 2 as one step, so the builder refuses
    FixTestHelper.forRule(NonAtomicCompoundUpdate.class)
        .addInput("demo/Doubler.java", """
            package demo;

            class Doubler {
              private volatile int count = 1;

              void twice() {
                count *= 2;
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void containsKeyThenPutOnConcurrentMap_becomesPutIfAbsent() {
    FixTestHelper.forRule(CheckThenAct.class)
        .addInput("demo/Sessions.java", """
            package demo;

            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ConcurrentMap;

            class Sessions {
              private final ConcurrentMap<String, String> byId = new ConcurrentHashMap<>();

              void open(String id) {
                if (!byId.containsKey(id)) {
                  byId.put(id, "new");
                }
              }
            }
            """)
        .addOutput("demo/Sessions.java", """
            package demo;

            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ConcurrentMap;

            class Sessions {
              private final ConcurrentMap<String, String> byId = new ConcurrentHashMap<>();

              void open(String id) {
                byId.putIfAbsent(id, "new");
              }
            }
            """)
        .compiles()
        .doTest();
  }

  @Test
  void sharedSimpleDateFormat_becomesDateTimeFormatter() {
    FixTestHelper.forRule(SharedNonThreadSafeObject.class)
        .addInput("demo/Stamp.java", """
            package demo;

            import java.text.SimpleDateFormat;
            import java.util.Date;

            class Stamp {
              private static final SimpleDateFormat DAY = new SimpleDateFormat("yyyy-MM-dd");

              public String today() {
                return DAY.format(new Date());
              }
            }
            """)
        .addOutput("demo/Stamp.java", """
            package demo;

            import java.text.SimpleDateFormat;
            import java.time.ZoneId;
            import java.time.format.DateTimeFormatter;
            import java.util.Date;

            class Stamp {
              private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

              public String today() {
                return DAY.format(new Date().toInstant().atZone(ZoneId.systemDefault()));
              }
            }
            """)
        .compiles()
        .doTest();
  }

  private static final String DCL = """
      package demo;

      class Registry {
        private Object instance;

        Object get() {
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
      """;

  @Test
  void doubleCheckedLocking_fieldBecomesVolatile() {
    FixTestHelper.forRule(DoubleCheckedLocking.class)
        .addInput("demo/Registry.java", DCL)
        .addOutput("demo/Registry.java", DCL.replace("private Object instance;", "private volatile Object instance;"))
        .compiles()
        .doTest();
  }

  @Test
  void doubleCheckedLocking_fieldDeclaredWithAnother_getsNoFix() {
    // adding volatile to the declaration would make 'spare' volatile too
    FixTestHelper.forRule(DoubleCheckedLocking.class)
        .addInput("demo/Registry.java", DCL.replace("private Object instance;", "private Object instance, spare;"))
        .expectUnchanged()
        .doTest();
  }
}
