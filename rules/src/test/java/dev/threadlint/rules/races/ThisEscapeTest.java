package dev.threadlint.rules.races;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class ThisEscapeTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(ThisEscape.class);

  @Test
  void positive_registerThenAssign() {
    helper.addSource("Monitor.java", """
        import java.util.*;
        class Bus { void register(Object o) {} }
        final class Monitor {
          private final List<String> events;
          Monitor(Bus bus) {
            // EXPECT: this-escape 'this' escapes from the constructor of 'Monitor': it is passed to bus.register(..)
            bus.register(this);
            events = new ArrayList<>();
          }
        }
        """).doTest();
  }

  @Test
  void positive_threadStartedInNonFinalClass() {
    helper.addSource("Daemon.java", """
        class Daemon {
          private int ticks;
          Daemon() {
            // EXPECT: this-escape a thread that uses 'this' is started
            new Thread(() -> ticks++).start();
          }
        }
        """).doTest();
  }

  @Test
  void positive_staticFieldAndListener() {
    helper.addSource("Panel.java", """
        class Button { void addActionListener(Runnable r) {} }
        class Panel {
          static Panel current;
          private int clicks;
          Panel(Button b) {
            // EXPECT: this-escape stored in static field 'current'
            current = this;
            // EXPECT: this-escape a listener that uses 'this'
            b.addActionListener(() -> clicks++);
          }
        }
        """).doTest();
  }

  @Test
  void negative_startAsLastStatementOfFinalClass() {
    helper.addSource("Ticker.java", """
        final class Ticker {
          private final int period;
          Ticker(int p) {
            period = p;
            new Thread(() -> System.out.println(period)).start();
          }
        }
        """).doTest();
  }

  @Test
  void negative_thisPassedToHelperConstructor() {
    helper.addSource("Owner.java", """
        class Part { Part(Owner o) {} }
        class Owner {
          private final Part part;
          Owner() { part = new Part(this); }
        }
        """).doTest();
  }

  @Test
  void negative_lambdaNotCapturingThis() {
    helper.addSource("Pure.java", """
        class Pure {
          private int x;
          Pure(java.util.concurrent.ExecutorService ex) {
            int local = 3;
            ex.execute(() -> System.out.println(local));
            x = 1;
          }
        }
        """).doTest();
  }

  @Test
  void negative_staticFactoryRegisters() {
    helper.addSource("Svc.java", """
        class Bus { void register(Object o) {} }
        class Svc {
          private final int n;
          private Svc() { n = 1; }
          static Svc create(Bus bus) { Svc s = new Svc(); bus.register(s); return s; }
        }
        """).doTest();
  }

  @Test
  void negative_ownMethodCallsWithThis() {
    helper.addSource("Self.java", """
        class Self {
          private int x;
          Self() { init(this); x = 2; }
          private void init(Self s) {}
        }
        """).doTest();
  }

  @Test
  void negative_threadWithoutThis() {
    helper.addSource("Logger2.java", """
        class Logger2 {
          private int n;
          Logger2() {
            new Thread(Logger2::flushAll).start();
            n = 3;
          }
          static void flushAll() {}
        }
        """).doTest();
  }
}
