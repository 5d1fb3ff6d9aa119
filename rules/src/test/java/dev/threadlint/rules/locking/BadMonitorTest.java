package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class BadMonitorTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(BadMonitor.class);

  @Test
  void positive_stringLiteral() {
    helper.addSource("Test.java", """
        class Test {
          void go() {
            // EXPECT: bad-monitor string literal "cache"
            synchronized ("cache") {
              System.out.println();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_internedString() {
    helper.addSource("Test.java", """
        class Test {
          void go(String user) {
            // EXPECT: bad-monitor interned string
            synchronized (user.intern()) {
              System.out.println(user);
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_stringField() {
    helper.addSource("Test.java", """
        class Test {
          private final String name = "registry";
          void go() {
            // EXPECT: bad-monitor of type String
            synchronized (name) {
              System.out.println();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_boxedField() {
    helper.addSource("Test.java", """
        class Test {
          private Integer count = 0;
          void increment() {
            // EXPECT: bad-monitor boxed type Integer
            synchronized (count) {
              count++;
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_finalBoxedFieldIsStillShared() {
    helper.addSource("Test.java", """
        class Test {
          private final Long id = 7L;
          void go() {
            // EXPECT: bad-monitor boxed type Long
            synchronized (id) {
              System.out.println();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_integerValueOf() {
    helper.addSource("Test.java", """
        class Test {
          void go() {
            // EXPECT: bad-monitor boxed value 'Integer.valueOf(42)'
            synchronized (Integer.valueOf(42)) {
              System.out.println();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_getClass() {
    helper.addSource("Test.java", """
        class Test {
          static int instances;
          Test() {
            // EXPECT: bad-monitor 'getClass()': a subclass instance locks a different Class object
            synchronized (getClass()) {
              instances++;
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_reassignedNonFinalField() {
    helper.addSource("Test.java", """
        import java.util.ArrayList;
        import java.util.List;
        class Test {
          private List<String> items = new ArrayList<>();
          void add(String s) {
            // EXPECT: bad-monitor non-final field 'items', which is reassigned
            synchronized (items) {
              items.add(s);
            }
          }
          void reset() {
            items = new ArrayList<>();
          }
        }
        """).doTest();
  }

  @Test
  void positive_reentrantLockField() {
    helper.addSource("Test.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Test {
          private final ReentrantLock lock = new ReentrantLock();
          int n;
          void go() {
            // EXPECT: bad-monitor a ReentrantLock: its monitor is unrelated to its lock()
            synchronized (lock) {
              n++;
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_lockInterfaceParameter() {
    helper.addSource("Test.java", """
        import java.util.concurrent.locks.Lock;
        class Test {
          void go(Lock l) {
            // EXPECT: bad-monitor a Lock
            synchronized (l) {
              System.out.println();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_valueBasedTypes() {
    helper.addSource("Test.java", """
        import java.time.LocalDate;
        import java.util.Optional;
        class Test {
          private final Optional<String> maybe = Optional.of("x");
          private final LocalDate day = LocalDate.of(2024, 1, 1);
          void go() {
            // EXPECT: bad-monitor value-based type Optional
            synchronized (maybe) {
              System.out.println();
            }
            // EXPECT: bad-monitor value-based type LocalDate
            synchronized (day) {
              System.out.println();
            }
          }
        }
        """).doTest();
  }

  @Test
  void positive_parenthesisedAndCastMonitorIsUnwrapped() {
    helper.addSource("Test.java", """
        class Test {
          void go() {
            // EXPECT: bad-monitor string literal
            synchronized ((Object) ("key")) {
              System.out.println();
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_privateFinalObjectLock() {
    helper.addSource("Test.java", """
        class Test {
          private final Object lock = new Object();
          int n;
          void go() {
            synchronized (lock) {
              n++;
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_this() {
    helper.addSource("Test.java", """
        class Test {
          int n;
          void go() {
            synchronized (this) {
              n++;
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_classLiteral() {
    helper.addSource("Test.java", """
        class Test {
          static int n;
          void go() {
            synchronized (Test.class) {
              n++;
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_nonFinalFieldOnlyAssignedDuringConstruction() {
    helper.addSource("Test.java", """
        class Test {
          private Object guard;
          int n;
          Test() {
            guard = new Object();
          }
          void go() {
            synchronized (guard) {
              n++;
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_finalFieldOfAUserType() {
    helper.addSource("Test.java", """
        class Registry {
          void register(String s) {}
        }
        class Test {
          private final Registry registry = new Registry();
          void go(String s) {
            synchronized (registry) {
              registry.register(s);
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_localNewObjectAndParameterOfUserType() {
    helper.addSource("Test.java", """
        class Account {
          int balance;
        }
        class Test {
          void transfer(Account from, Account to, int amount) {
            synchronized (from) {
              synchronized (to) {
                from.balance -= amount;
                to.balance += amount;
              }
            }
          }
        }
        """).doTest();
  }

  @Test
  void negative_lockUsedThroughItsMethods() {
    helper.addSource("Test.java", """
        import java.util.concurrent.locks.ReentrantLock;
        class Test {
          private final ReentrantLock lock = new ReentrantLock();
          int n;
          void go() {
            lock.lock();
            try {
              n++;
            } finally {
              lock.unlock();
            }
          }
        }
        """).doTest();
  }
}
