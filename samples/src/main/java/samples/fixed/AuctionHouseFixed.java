package samples.fixed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/** The auction lot of samples.races.AuctionHouse: one owner thread holds the bids; bidders send commands. */
public final class AuctionHouseFixed {
  private sealed interface Command permits Bid, Leader, Close {}

  private record Bid(String who, long amount) implements Command {}

  private record Leader(CompletableFuture<String> reply) implements Command {}

  private record Close() implements Command {}

  /** Bounded: bidders wait when the owner falls behind (back-pressure). */
  private final BlockingQueue<Command> inbox = new ArrayBlockingQueue<>(1024);

  private AuctionHouseFixed() {}

  /** Creates the lot and starts its owner thread. */
  public static AuctionHouseFixed open() {
    AuctionHouseFixed lot = new AuctionHouseFixed();
    Thread owner = new Thread(lot::ownerLoop, "auction-owner");
    owner.start();
    return lot;
  }

  /** What placeBidsBad did on a pool thread, now a message to the owner. */
  public void placeBid(String who, long amount) throws InterruptedException {
    inbox.put(new Bid(who, amount));
  }

  public CompletableFuture<String> leader() throws InterruptedException {
    CompletableFuture<String> reply = new CompletableFuture<>();
    inbox.put(new Leader(reply));
    return reply;
  }

  /** Poison pill: the owner stops after the commands already queued. */
  public void close() throws InterruptedException {
    inbox.put(new Close());
  }

  private void ownerLoop() {
    long highestBid = 0;
    String leader = null;
    List<String> bidLog = new ArrayList<>();
    try {
      while (true) {
        Command c = inbox.take();
        if (c instanceof Bid b) {
          if (b.amount() > highestBid) {
            highestBid = b.amount();
            leader = b.who();
          }
          bidLog.add(b.who() + ":" + b.amount());
        } else if (c instanceof Leader q) {
          q.reply().complete(leader);
        } else if (c instanceof Close) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
