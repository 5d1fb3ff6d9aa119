package dev.threadlint.rules.races;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class CheckThenActTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(CheckThenAct.class);

  @Test
  void positive_containsKeyThenPutOnConcurrentMap() {
    helper.addSource("Sessions.java", """
        import java.util.concurrent.*;
        class Sessions {
          private final ConcurrentMap<String, Object> byId = new ConcurrentHashMap<>();
          Object open(String id) {
            if (!byId.containsKey(id)) {
              // EXPECT: check-then-act Check-then-act on 'byId'
              byId.put(id, new Object());
            }
            return byId.get(id);
          }
        }
        """).doTest();
  }

  @Test
  void positive_lazyInitInThreadSafeClass() {
    helper.addSource("Registry.java", """
        class Registry {
          private Object cache;
          private int n;
          synchronized void inc() { n++; }
          Object cache() {
            // EXPECT: check-then-act Lazy initialization of 'cache'
            if (cache == null) {
              cache = new Object();
            }
            return cache;
          }
        }
        """).doTest();
  }

  @Test
  void negative_checkAndActUnderOneLock() {
    helper.addSource("Locked.java", """
        import java.util.*;
        class Locked {
          private final Map<String, Integer> m = new HashMap<>();
          synchronized void addOnce(String k) { if (!m.containsKey(k)) m.put(k, 1); }
        }
        """).doTest();
  }

  @Test
  void negative_localMap() {
    helper.addSource("LocalMap.java", """
        import java.util.*;
        class LocalMap {
          Map<String, Integer> build(List<String> ks) {
            Map<String, Integer> m = new HashMap<>();
            for (String k : ks) { if (!m.containsKey(k)) m.put(k, 0); }
            return m;
          }
        }
        """).doTest();
  }

  @Test
  void negative_lazyInitInUnsharedClass() {
    helper.addSource("Lazy.java", """
        class Lazy {
          private Object value;
          Object get() { if (value == null) value = new Object(); return value; }
        }
        """).doTest();
  }

  @Test
  void negative_lazyInitInSynchronizedMethod() {
    helper.addSource("Lazy2.java", """
        class Lazy2 {
          private Object value;
          synchronized Object get() { if (value == null) value = new Object(); return value; }
        }
        """).doTest();
  }

  @Test
  void negative_volatileRacySingleCheck() {
    // benign racy single-check idiom on a volatile (like String.hashCode): both threads compute the same value
    helper.addSource("Hash.java", """
        class Hash {
          private volatile Integer hash;
          synchronized void touch() {}
          int hash() { if (hash == null) hash = 42; return hash; }
        }
        """).doTest();
  }

  @Test
  void negative_computeIfAbsent() {
    helper.addSource("Good.java", """
        import java.util.concurrent.*;
        class Good {
          private final ConcurrentMap<String, Object> m = new ConcurrentHashMap<>();
          Object get(String k) { return m.computeIfAbsent(k, x -> new Object()); }
        }
        """).doTest();
  }

  @Test
  void negative_lazyInitInConstructor() {
    helper.addSource("Ctor.java", """
        class Ctor {
          private Object v;
          synchronized void x() {}
          Ctor() { if (v == null) v = new Object(); }
        }
        """).doTest();
  }

  @Test
  void positive_staticSingletonGetterIsInfo() {
    var r = helper.addSource("Config.java", """
        class Config {
          private static Config instance;
          public static Config get() {
            // EXPECT: check-then-act Lazy initialization of 'instance'
            if (instance == null) instance = new Config();
            return instance;
          }
        }
        """).doTest();
    org.assertj.core.api.Assertions.assertThat(r.findings().get(0).severity()).isEqualTo(dev.threadlint.core.api.Severity.INFO);
  }

  @Test
  void negative_synchronizedStaticGetterAndPrivateHelper() {
    helper.addSource("Config2.java", """
        class Config2 {
          private static Config2 instance;
          private static Config2 other;
          public static synchronized Config2 get() { if (instance == null) instance = new Config2(); return instance; }
          private static Config2 other() { if (other == null) other = new Config2(); return other; }
        }
        """).doTest();
  }

  @Test
  void positive_racyLazyInitOfImmutableValueIsInfo() {
    // two threads may both build the label, but equal strings: repeated work, not a wrong result
    var r = helper.addSource("Badge.java", """
        class Badge {
          private final String owner;
          private String label;
          private int uses;
          Badge(String o) { owner = o; }
          synchronized void use() { uses++; }
          String label() {
            // EXPECT: check-then-act Lazy initialization of 'label'
            if (label == null) {
              label = "[" + owner + "]";
            }
            return label;
          }
        }
        """).doTest();
    org.assertj.core.api.Assertions.assertThat(r.findings().get(0).severity()).isEqualTo(dev.threadlint.core.api.Severity.INFO);
  }

  @Test
  void positive_racyLazyInitOfMutableObjectStaysWarning() {
    var r = helper.addSource("Basket.java", """
        import java.util.*;
        class Basket {
          private List<String> items;
          private int uses;
          synchronized void use() { uses++; }
          List<String> items() {
            // EXPECT: check-then-act Lazy initialization of 'items'
            if (items == null) {
              items = new ArrayList<>();
            }
            return items;
          }
        }
        """).doTest();
    org.assertj.core.api.Assertions.assertThat(r.findings().get(0).severity()).isEqualTo(dev.threadlint.core.api.Severity.WARNING);
  }

  @Test
  void positive_checkThenActThroughGetter() {
    helper.addSource("Cache.java", """
        import java.util.*;
        import java.util.concurrent.*;
        class Cache {
          private final Map<String, String> entries = new ConcurrentHashMap<>();
          Map<String, String> entries() { return entries; }
          void remember(String k, String v) {
            if (entries().get(k) == null) {
              // EXPECT: check-then-act Check-then-act on 'entries'
              entries().put(k, v);
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_getterCheckThenActUnderLock() {
    helper.addSource("Cache2.java", """
        import java.util.*;
        class Cache2 {
          private final Map<String, String> entries = new HashMap<>();
          private Map<String, String> entries() { return entries; }
          synchronized void remember(String k, String v) {
            if (entries().get(k) == null) {
              entries().put(k, v);
            }
          }
          synchronized String get(String k) { return entries.get(k); }
        }
        """).doTest();
  }
}
