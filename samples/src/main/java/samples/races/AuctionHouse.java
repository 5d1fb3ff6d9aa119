package samples.races;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Bids arrive on a pool of request threads; the auctioneer closes lots on a timer thread. */
public class AuctionHouse {

  /** A lot whose highest bid is updated by concurrent bidders without a lock. */
  static class LotBad {
    private long highestBid;
    private String leader;
    private final List<String> bidLog = new ArrayList<>();

    void placeBidsBad(ExecutorService bidders, String who, long amount) {
      bidders.submit(() -> {
        if (amount > highestBid) {
          highestBid = amount;
          leader = who;
        }
        bidLog.add(who + ":" + amount);
      });
    }

    String leader() {
      return leader;
    }
  }

  /** The same lot with one lock around the whole compare-and-update, and an atomic sequence. */
  static class LotOk {
    private final Object lock = new Object();
    @GuardedBy("lock") private long highestBid;
    @GuardedBy("lock") private String leader;
    private final AtomicLong bids = new AtomicLong();

    void placeBidsOk(ExecutorService bidders, String who, long amount) {
      bidders.submit(() -> {
        bids.incrementAndGet();
        synchronized (lock) {
          if (amount > highestBid) {
            highestBid = amount;
            leader = who;
          }
        }
      });
    }

    String leaderOk() {
      synchronized (lock) {
        return leader;
      }
    }
  }

  /** Lot registry: ConcurrentHashMaps used with a check-then-act and a get-then-put, and with computeIfAbsent and merge. */
  static class Catalog {
    private final Map<String, LotOk> lots = new ConcurrentHashMap<>();
    private final Map<String, Integer> views = new HashMap<>();
    private final Map<String, Integer> bidCounts = new ConcurrentHashMap<>();

    LotOk openLotBad(String id) {
      if (!lots.containsKey(id)) {
        lots.put(id, new LotOk());
      }
      return lots.get(id);
    }

    LotOk openLotOk(String id) {
      return lots.computeIfAbsent(id, k -> new LotOk());
    }

    /** Two bidders counting at once both read 3 and both write 4: one bid is lost although the map is concurrent. */
    void countBidBad(String id) {
      bidCounts.put(id, bidCounts.getOrDefault(id, 0) + 1);
    }

    void countBidOk(String id) {
      bidCounts.merge(id, 1, Integer::sum);
    }

    /** Only called while building the catalog on one thread, before it is shared: naive tools flag the HashMap. */
    void countViewOk(String id) {
      views.merge(id, 1, Integer::sum);
    }
  }

  /** The auctioneer thread polls a plain boolean that the house sets to stop it. */
  static class AuctioneerBad {
    private boolean closing;

    void runBad() throws InterruptedException {
      Thread auctioneer = new Thread(() -> {
        while (!closing) {
          Thread.onSpinWait();
        }
      });
      auctioneer.start();
      Thread.sleep(1000);
      closing = true;
    }
  }

  /** Everything the task needs is handed over before start(): start() orders those writes. */
  static class AuctioneerOk {
    private String house;

    void runOk() {
      house = "north";
      ExecutorService single = Executors.newSingleThreadExecutor();
      single.execute(() -> System.out.println("closing lots at " + house));
      single.shutdown();
    }
  }
}
