package dev.threadlint.rules.races;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class SharedNonThreadSafeObjectTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(SharedNonThreadSafeObject.class);

  @Test
  void positive_staticDateFormat() {
    helper.addSource("Receipts.java", """
        import java.text.SimpleDateFormat;
        import java.util.Date;
        class Receipts {
          private static final SimpleDateFormat DATE = new SimpleDateFormat("yyyy-MM-dd");
          public String header(Date d) {
            // EXPECT: shared-non-thread-safe-object SimpleDateFormat is not thread-safe: static field 'DATE'
            return "Receipt " + DATE.format(d);
          }
        }
        """).doTest();
  }

  @Test
  void positive_digestUsedFromPoolTasks() {
    helper.addSource("Hasher.java", """
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
  }

  @Test
  void negative_dateTimeFormatter() {
    helper.addSource("Ok.java", """
        import java.time.format.DateTimeFormatter;
        import java.time.LocalDate;
        class Ok {
          private static final DateTimeFormatter F = DateTimeFormatter.ISO_DATE;
          public String f(LocalDate d) { return F.format(d); }
        }
        """).doTest();
  }

  @Test
  void negative_threadLocalFormatter() {
    helper.addSource("Tl.java", """
        import java.text.SimpleDateFormat;
        import java.util.Date;
        class Tl {
          private static final ThreadLocal<SimpleDateFormat> F = ThreadLocal.withInitial(() -> new SimpleDateFormat("yyyy"));
          public String f(Date d) { return F.get().format(d); }
        }
        """).doTest();
  }

  @Test
  void negative_formatterPerCall() {
    helper.addSource("PerCall.java", """
        import java.text.SimpleDateFormat;
        import java.util.Date;
        class PerCall {
          public String f(Date d) { SimpleDateFormat f = new SimpleDateFormat("yyyy"); return f.format(d); }
        }
        """).doTest();
  }

  @Test
  void negative_staticFormatterUnderLock() {
    helper.addSource("Synced.java", """
        import java.text.SimpleDateFormat;
        import java.util.Date;
        class Synced {
          private static final SimpleDateFormat F = new SimpleDateFormat("yyyy");
          public static synchronized String f(Date d) { return F.format(d); }
          public String g(Date d) { synchronized (Synced.class) { return F.format(d); } }
        }
        """).doTest();
  }

  @Test
  void negative_instanceBuilderInPlainClass() {
    // a StringBuilder field of an object used by one thread: no evidence of sharing
    helper.addSource("Report.java", """
        class Report {
          private final StringBuilder sb = new StringBuilder();
          void line(String s) { sb.append(s).append('\\n'); }
          String text() { return sb.toString(); }
        }
        """).doTest();
  }

  @Test
  void negative_staticFormatterOnlyInPrivateStaticInit() {
    helper.addSource("Init.java", """
        import java.text.DecimalFormat;
        class Init {
          private static final DecimalFormat F = new DecimalFormat("0.00");
          static { F.setGroupingUsed(false); }
        }
        """).doTest();
  }

  @Test
  void positive_staticFormatterUnderInstanceMonitor() {
    // each instance locks its own monitor; the static formatter is shared by all of them
    helper.addSource("PerInstance.java", """
        import java.text.SimpleDateFormat;
        import java.util.Date;
        class PerInstance {
          private static final SimpleDateFormat F = new SimpleDateFormat("yyyy");
          public synchronized String f(Date d) {
            // EXPECT: shared-non-thread-safe-object holding only monitor of PerInstance
            return F.format(d);
          }
        }
        """).doTest();
  }

  @Test
  void negative_synchronizedOnTheFormatterItself() {
    helper.addSource("OnItself.java", """
        import java.text.SimpleDateFormat;
        import java.util.Date;
        class OnItself {
          private static final SimpleDateFormat F = new SimpleDateFormat("yyyy");
          public String f(Date d) { synchronized (F) { return F.format(d); } }
        }
        """).doTest();
  }
}
