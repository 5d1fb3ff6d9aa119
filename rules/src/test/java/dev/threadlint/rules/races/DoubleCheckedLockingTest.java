package dev.threadlint.rules.races;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class DoubleCheckedLockingTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(DoubleCheckedLocking.class);

  @Test
  void positive_nonVolatileInstance() {
    var r = helper.addSource("Registry.java", """
        class Registry {
          private static Registry instance;
          static Registry get() {
            // EXPECT: double-checked-locking non-volatile field 'instance'
            if (instance == null) {
              synchronized (Registry.class) {
                if (instance == null) {
                  instance = new Registry();
                }
              }
            }
            return instance;
          }
        }
        """).doTest();
    assertThat(r.findings().get(0).fixes()).anySatisfy(f -> assertThat(f.kind()).isEqualTo(FixKind.SAFE));
  }

  @Test
  void positive_withLockObject() {
    helper.addSource("Cache.java", """
        import java.util.concurrent.locks.*;
        class Cache {
          private final Lock lock = new ReentrantLock();
          private Object data;
          Object data() {
            // EXPECT: double-checked-locking 'data'
            if (data == null) {
              lock.lock();
              try { if (data == null) data = new Object(); } finally { lock.unlock(); }
            }
            return data;
          }
        }
        """).doTest();
  }

  @Test
  void negative_volatileField() {
    helper.addSource("Ok.java", """
        class Ok {
          private volatile Object v;
          Object get() {
            if (v == null) { synchronized (this) { if (v == null) v = new Object(); } }
            return v;
          }
        }
        """).doTest();
  }

  @Test
  void negative_singleCheckUnderLock() {
    helper.addSource("Ok2.java", """
        class Ok2 {
          private Object v;
          Object get() { synchronized (this) { if (v == null) v = new Object(); return v; } }
        }
        """).doTest();
  }

  @Test
  void negative_holderIdiom() {
    helper.addSource("Ok3.java", """
        class Ok3 {
          private static class Holder { static final Ok3 INSTANCE = new Ok3(); }
          static Ok3 get() { return Holder.INSTANCE; }
        }
        """).doTest();
  }

  @Test
  void negative_differentFieldsChecked() {
    helper.addSource("Ok4.java", """
        class Ok4 {
          private Object a;
          private Object b;
          void init() {
            if (a == null) { synchronized (this) { if (b == null) b = new Object(); } }
          }
        }
        """).doTest();
  }

  @Test
  void negative_localVariableDoubleCheck() {
    helper.addSource("Ok5.java", """
        class Ok5 {
          Object make(Object seed) {
            Object x = seed;
            if (x == null) { synchronized (this) { if (x == null) x = new Object(); } }
            return x;
          }
        }
        """).doTest();
  }

  @Test
  void negative_atomicReferenceDoubleCheck() {
    helper.addSource("Ok6.java", """
        import java.util.concurrent.atomic.AtomicReference;
        class Ok6 {
          private final AtomicReference<Object> ref = new AtomicReference<>();
          Object get() {
            if (ref.get() == null) { synchronized (this) { if (ref.get() == null) ref.set(new Object()); } }
            return ref.get();
          }
        }
        """).doTest();
  }

  @Test
  void negative_immutableValueIsSafelyPublished() {
    // String and Integer have final fields: a racy read sees a complete value (JLS 17.5)
    helper.addSource("Name.java", """
        class Name {
          private String cached;
          String get() {
            if (cached == null) { synchronized (this) { if (cached == null) cached = compute(); } }
            return cached;
          }
          private String compute() { return "x"; }
        }
        """).doTest();
  }

  @Test
  void positive_negatedConditionAndLocalCopy() {
    helper.addSource("Neg.java", """
        class Neg {
          private Object a;
          private Object b;
          Object a() {
            // EXPECT: double-checked-locking 'a'
            if (!(a != null)) { synchronized (this) { if (a == null) a = new Object(); } }
            return a;
          }
          Object b() {
            Object r = b;
            // EXPECT: double-checked-locking 'b'
            if (r == null) {
              synchronized (this) { r = b; if (r == null) { b = r = new Object(); } }
            }
            return r;
          }
        }
        """).doTest();
  }
}
