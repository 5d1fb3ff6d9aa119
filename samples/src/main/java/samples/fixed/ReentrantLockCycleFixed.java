package samples.fixed;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * samples.deadlock.ReentrantLockCycle without the two locks: stock and bookings belong to one owner,
 * and sell/restock are commands, so there is no order in which to take anything.
 */
public final class ReentrantLockCycleFixed {
  private sealed interface Command permits Sell, Restock, Report, Stop {}

  private record Sell(int n) implements Command {}

  private record Restock(int n) implements Command {}

  private record Report(CompletableFuture<String> reply) implements Command {}

  private record Stop() implements Command {}

  private final BlockingQueue<Command> inbox = new ArrayBlockingQueue<>(256);

  private ReentrantLockCycleFixed() {}

  public static ReentrantLockCycleFixed start() {
    ReentrantLockCycleFixed shop = new ReentrantLockCycleFixed();
    Thread owner = new Thread(shop::ownerLoop, "shop-owner");
    owner.start();
    return shop;
  }

  public void sell(int n) throws InterruptedException {
    inbox.put(new Sell(n));
  }

  public void restock(int n) throws InterruptedException {
    inbox.put(new Restock(n));
  }

  public CompletableFuture<String> report() throws InterruptedException {
    CompletableFuture<String> reply = new CompletableFuture<>();
    inbox.put(new Report(reply));
    return reply;
  }

  public void stop() throws InterruptedException {
    inbox.put(new Stop());
  }

  private void ownerLoop() {
    int stock = 0;
    long booked = 0;
    try {
      while (true) {
        Command c = inbox.take();
        if (c instanceof Sell s) {
          stock -= s.n();
          booked += s.n();
        } else if (c instanceof Restock r) {
          booked -= r.n();
          stock += r.n();
        } else if (c instanceof Report q) {
          q.reply().complete("stock " + stock + ", booked " + booked);
        } else if (c instanceof Stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
