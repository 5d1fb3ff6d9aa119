package dev.threadlint.rules.races;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class ThreadSafeClassMutableStateTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(ThreadSafeClassMutableState.class);
  private static final String ANN = "@interface ThreadSafe {}\n";

  @Test
  void positive_unguardedWrite() {
    helper.addSource("Config.java", """
        import java.util.*;
        @ThreadSafe
        class Config {
          private Map<String, String> values = new HashMap<>();
          void reload(Map<String, String> v) {
            // EXPECT: thread-safe-class-mutable-state writes field 'values'
            values = v;
          }
          String get(String k) { return values.get(k); }
        }
        """ + ANN).doTest();
  }

  @Test
  void positive_lombokSetter() {
    helper.addSource("Settings.java", """
        @ThreadSafe
        @lombok.Setter
        class Settings {
          // EXPECT: thread-safe-class-mutable-state Lombok @Setter generates an unsynchronized setter for field 'timeout'
          private int timeout;
          private final String name = "x";
        }
        """ + ANN).doTest();
  }

  @Test
  void negative_finalImmutableFields() {
    helper.addSource("Point.java", """
        @ThreadSafe
        final class Point {
          private final int x;
          private final String label;
          Point(int x, String label) { this.x = x; this.label = label; }
          int x() { return x; }
        }
        """ + ANN).doTest();
  }

  @Test
  void negative_allWritesSynchronized() {
    helper.addSource("Counter.java", """
        @ThreadSafe
        class Counter {
          private int n;
          synchronized void inc() { n++; }
          synchronized int get() { return n; }
        }
        """ + ANN).doTest();
  }

  @Test
  void negative_volatileSingleWriterAndAtomics() {
    helper.addSource("Flags.java", """
        import java.util.concurrent.atomic.AtomicLong;
        @ThreadSafe
        class Flags {
          private volatile boolean open;
          private final AtomicLong hits = new AtomicLong();
          void open() { open = true; hits.incrementAndGet(); }
        }
        """ + ANN).doTest();
  }

  @Test
  void negative_lombokSynchronizedMethod() {
    helper.addSource("Tally.java", """
        @ThreadSafe
        class Tally {
          private int n;
          @lombok.Synchronized void add() { n++; }
          @lombok.Synchronized int get() { return n; }
        }
        """ + ANN).doTest();
  }

  @Test
  void negative_privateHelperUnderLockAndConstructor() {
    helper.addSource("Book.java", """
        @ThreadSafe
        class Book {
          private int pages;
          Book() { pages = 1; }
          synchronized void grow() { setPages(pages + 1); }
          private void setPages(int p) { pages = p; }
        }
        """ + ANN).doTest();
  }

  @Test
  void negative_lazyGetterIsThreadSafe() {
    helper.addSource("Lazy.java", """
        @ThreadSafe
        class Lazy {
          @lombok.Getter(lazy = true) private final double[] cached = compute();
          private double[] compute() { return new double[3]; }
        }
        """ + ANN).doTest();
  }

  @Test
  void negative_finalHelperCalledOnlyFromConstructors() {
    // setUp() and its own helper run only while the object is built
    helper.addSource("Pool.java", """
        @ThreadSafe
        public class Pool {
          private Object[] items;
          public Pool(int n) { setUp(n); }
          public Pool() { this(4); }
          protected final void setUp(int n) { allocate(n); }
          protected final void allocate(int n) { items = new Object[n]; }
          public synchronized int capacity() { return items.length; }
        }
        """ + ANN).doTest();
  }

  @Test
  void positive_constructorHelperAlsoCalledFromPublicMethod() {
    helper.addSource("Stack.java", """
        @ThreadSafe
        public class Stack {
          private Object[] items;
          public Stack(int n) { setUp(n); }
          protected final void setUp(int n) {
            // EXPECT: thread-safe-class-mutable-state writes field 'items'
            items = new Object[n];
          }
          public void grow() { setUp(items.length * 2); }
          public synchronized int capacity() { return items.length; }
        }
        """ + ANN).doTest();
  }

  @Test
  void positive_constructorHelperCalledOnAnotherInstance() {
    // copyInto() runs on a finished object handed in, not on the one being built
    helper.addSource("Cell.java", """
        @ThreadSafe
        public class Cell {
          private int value;
          public Cell(Cell other) { other.reset(); }
          protected final void reset() {
            // EXPECT: thread-safe-class-mutable-state writes field 'value'
            value = 0;
          }
          public synchronized int get() { return value; }
        }
        """ + ANN).doTest();
  }
}
