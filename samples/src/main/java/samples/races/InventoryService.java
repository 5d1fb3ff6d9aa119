package samples.races;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** A singleton service and a @ThreadSafe stock ledger used by every request thread. */
public class InventoryService {

  /** Remembers per-request data in a field of a shared singleton. */
  @Service
  static class ReservationsBad {
    private String lastSku;
    private volatile int reservations;

    void reserveBad(String sku) {
      lastSku = sku;
      reservations++;
    }
  }

  /** Per-request data stays local; the counter is a LongAdder. */
  @Service
  static class ReservationsOk {
    private final LongAdder reservations = new LongAdder();

    void reserveOk(String sku) {
      String normalized = sku.trim();
      reservations.increment();
      System.out.println(normalized);
    }
  }

  /** Declared thread-safe, but restock() writes the map without the lock that take() uses. */
  @ThreadSafe
  static class LedgerBad {
    private final Map<String, Integer> stock = new HashMap<>();
    private final AtomicInteger version = new AtomicInteger();

    synchronized boolean take(String sku) {
      Integer n = stock.get(sku);
      if (n == null || n == 0) {
        return false;
      }
      stock.put(sku, n - 1);
      return true;
    }

    void restockBad(String sku, int n) {
      stock.put(sku, n);
      version.set(version.get() + 1);
    }
  }

  /** Every access under the monitor, including the private helper reached only from synchronized methods. */
  @ThreadSafe
  static class LedgerOk {
    private final Map<String, Integer> stock = new HashMap<>();
    @GuardedBy("this") private int changes;

    synchronized void restockOk(String sku, int n) {
      put(sku, n);
    }

    synchronized int changesOk() {
      return changes;
    }

    private void put(String sku, int n) {
      stock.put(sku, n);
      changes++;
    }
  }
}
