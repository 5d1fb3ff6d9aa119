package dev.threadlint.rules.races;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class SingletonMutableStateTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(SingletonMutableState.class);

  @Test
  void positive_serviceRemembersLastCustomer() {
    helper.addSource("QuoteService.java", """
        @Service
        class QuoteService {
          private String lastCustomer;
          double quote(String customer) {
            // EXPECT: singleton-mutable-state Field 'lastCustomer' of singleton component 'QuoteService' is written
            lastCustomer = customer;
            return 1.0;
          }
        }
        @interface Service {}
        """).doTest();
  }

  @Test
  void positive_servletCounter() {
    helper.addSource("HitServlet.java", """
        class HttpServlet {}
        class HitServlet extends HttpServlet {
          private int hits;
          protected void doGet(Object req, Object resp) {
            // EXPECT: singleton-mutable-state 'hits'
            hits++;
          }
        }
        """).doTest();
  }

  @Test
  void negative_injectedFieldsAndSetterInjection() {
    helper.addSource("Repo.java", """
        @Component
        class Repo {
          @Autowired private Object dataSource;
          private Object mapper;
          @Autowired void setMapper(Object m) { mapper = m; }
          Object find() { return mapper; }
        }
        @interface Component {}
        @interface Autowired {}
        """).doTest();
  }

  @Test
  void negative_prototypeScope() {
    helper.addSource("Wizard.java", """
        @Component
        @Scope("prototype")
        class Wizard {
          private int step;
          void next() { step++; }
        }
        @interface Component {}
        @interface Scope { String value(); }
        """).doTest();
  }

  @Test
  void negative_localStateOnly() {
    helper.addSource("Calc.java", """
        @Service
        class Calc {
          private final double rate = 0.2;
          double tax(double amount) { double t = amount * rate; return t; }
        }
        @interface Service {}
        """).doTest();
  }

  @Test
  void negative_servletInit() {
    helper.addSource("CfgServlet.java", """
        class HttpServlet { public void init() {} }
        class CfgServlet extends HttpServlet {
          private String greeting;
          public void init() { greeting = "hi"; }
          protected void doGet(Object req, Object resp) { System.out.println(greeting); }
        }
        """).doTest();
  }

  @Test
  void negative_atomicCounterAndSynchronizedWrite() {
    helper.addSource("Metrics.java", """
        import java.util.concurrent.atomic.AtomicLong;
        @Service
        class Metrics {
          private final AtomicLong calls = new AtomicLong();
          private long last;
          void call() { calls.incrementAndGet(); }
          synchronized void mark(long t) { last = t; }
        }
        @interface Service {}
        """).doTest();
  }

  private static final String APP_SCOPED_QUOTES = """
      @AppScoped
      class QuoteCache {
        private String lastCustomer;
        double quote(String customer) {
          // EXPECT: singleton-mutable-state 'lastCustomer'
          lastCustomer = customer;
          return 1.0;
        }
      }
      @interface AppScoped {}
      """;

  @Test
  void positive_singletonAnnotationNamedInConfiguration() {
    RuleTestHelper.forRule(SingletonMutableState.class)
        .configure(b -> b.extraSingletonAnnotations(java.util.List.of("AppScoped")))
        .addSource("QuoteCache.java", APP_SCOPED_QUOTES)
        .doTest();
  }

  @Test
  void negative_sameAnnotationNotConfigured() {
    RuleTestHelper.forRule(SingletonMutableState.class)
        .addSource("QuoteCache.java", APP_SCOPED_QUOTES.replace("// EXPECT: singleton-mutable-state 'lastCustomer'", "// not a singleton without configuration"))
        .doTest();
  }
}
