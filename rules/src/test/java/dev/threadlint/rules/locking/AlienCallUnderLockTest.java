package dev.threadlint.rules.locking;

import dev.threadlint.core.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

class AlienCallUnderLockTest {
  private final RuleTestHelper helper = RuleTestHelper.forRule(AlienCallUnderLock.class);

  @Test
  void positive_listenersInFieldCalledUnderLock() {
    helper.addSource("Model.java", """
        import java.util.*;
        interface ChangeListener { void changed(int v); }
        class Model {
          private final List<ChangeListener> listeners = new ArrayList<>();
          private ChangeListener primary;
          private int value;
          synchronized void set(int v) {
            value = v;
            for (ChangeListener l : listeners) {
              // EXPECT: alien-call-under-lock on each ChangeListener of 'listeners' while holding monitor of Model
              l.changed(v);
            }
            // EXPECT: alien-call-under-lock ChangeListener field 'primary'
            primary.changed(v);
          }
        }
        """).doTest();
  }

  @Test
  void positive_functionalParameterAndAbstractHook() {
    helper.addSource("Store.java", """
        import java.util.*;
        import java.util.function.Function;
        abstract class Store {
          private final Map<String, String> map = new HashMap<>();
          private final Object lock = new Object();
          String compute(String k, Function<String, String> f) {
            synchronized (lock) {
              // EXPECT: alien-call-under-lock Function parameter 'f'
              return map.computeIfAbsent(k, x -> x) + f.apply(k);
            }
          }
          protected abstract void onStore(String k);
          synchronized void store(String k) {
            map.put(k, k);
            // EXPECT: alien-call-under-lock abstract method 'onStore()'
            onStore(k);
          }
        }
        """).doTest();
  }

  @Test
  void negative_openCallAfterSnapshot() {
    helper.addSource("Model.java", """
        import java.util.*;
        interface ChangeListener { void changed(int v); }
        class Model {
          private final List<ChangeListener> listeners = new ArrayList<>();
          private int value;
          void set(int v) {
            List<ChangeListener> copy;
            synchronized (this) {
              value = v;
              copy = new ArrayList<>(listeners);
            }
            for (ChangeListener l : copy) l.changed(v);
          }
          synchronized void add(ChangeListener l) { listeners.add(l); }
        }
        """).doTest();
  }

  @Test
  void negative_concreteHandlerClassOfThisProgram() {
    helper.addSource("Server.java", """
        final class RequestHandler { void handle(String r) {} }
        class Server {
          private final RequestHandler handler = new RequestHandler();
          synchronized void serve(String r) { handler.handle(r); }
        }
        """).doTest();
  }

  @Test
  void negative_objectMethodsAndCallbacksInsideOtherClasses() {
    helper.addSource("Registry.java", """
        interface Named { String name(); int hashCode(); }
        interface Callback { void done(); }
        class Notifier {
          private Callback callback;
          void fire() { callback.done(); }
        }
        class Registry {
          private final Notifier notifier = new Notifier();
          private Named named;
          synchronized int key() { return named.hashCode(); }
          synchronized void announce() { notifier.fire(); }
        }
        """).doTest();
  }

  @Test
  void negative_abstractHandlersImplementedOnlyInsideTheClass() {
    helper.addSource("Manager.java", """
        import java.util.*;
        class Manager {
          abstract class RequestHandler {
            abstract void fail(String why);
            abstract void handleResponse();
          }
          private final List<RequestHandler> pending = new ArrayList<>();
          synchronized void failAll(String why) {
            for (RequestHandler h : pending) h.fail(why);
          }
          synchronized void enqueue(RequestHandler h) { pending.add(h); h.handleResponse(); }
          void add() {
            enqueue(new RequestHandler() {
              void fail(String why) {}
              void handleResponse() {}
            });
          }
        }
        """).doTest();
  }

  @Test
  void negative_hooksOfAClassOnlyItsPackageCanExtend() {
    helper.addSource("Limiter.java", """
        abstract class Limiter {
          private final Object mutex = new Object();
          Limiter() {}
          abstract void doSetRate(double r);
          public final void setRate(double r) {
            synchronized (mutex) { doSetRate(r); }
          }
        }
        """).addSource("Smooth.java", """
        final class Smooth extends Limiter {
          void doSetRate(double r) {}
        }
        """).doTest();
  }

  @Test
  void positive_twoCallbackSitesBehindOneCallAreOneFinding() {
    helper.addSource("Producer.java", """
        interface Callback { void onCompletion(Object r, Exception e); }
        class Producer {
          private Callback callback;
          private boolean failed;
          public synchronized void complete() {
            // EXPECT: alien-call-under-lock 'callback.onCompletion()' on Callback field 'callback'
            finish();
          }
          private void finish() {
            if (failed) callback.onCompletion(null, new Exception());
            else callback.onCompletion("ok", null);
          }
        }
        """).doTest();
  }
}
