package samples.fixed;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/** The stock ledger of samples.races.InventoryService: the stock map has one owner; take and restock are commands. */
public final class InventoryServiceFixed {
  private sealed interface Command permits Take, Restock, Shutdown {}

  private record Take(String sku, CompletableFuture<Boolean> reply) implements Command {}

  private record Restock(String sku, int n) implements Command {}

  private record Shutdown() implements Command {}

  private final BlockingQueue<Command> inbox = new ArrayBlockingQueue<>(512);

  private InventoryServiceFixed() {}

  public static InventoryServiceFixed start() {
    InventoryServiceFixed service = new InventoryServiceFixed();
    Thread owner = new Thread(service::ownerLoop, "inventory-owner");
    owner.start();
    return service;
  }

  public CompletableFuture<Boolean> take(String sku) throws InterruptedException {
    CompletableFuture<Boolean> reply = new CompletableFuture<>();
    inbox.put(new Take(sku, reply));
    return reply;
  }

  /** What restockBad wrote without the lock, now applied by the owner in order with every take. */
  public void restock(String sku, int n) throws InterruptedException {
    inbox.put(new Restock(sku, n));
  }

  public void shutdown() throws InterruptedException {
    inbox.put(new Shutdown());
  }

  private void ownerLoop() {
    Map<String, Integer> stock = new HashMap<>();
    long version = 0;
    try {
      while (true) {
        Command c = inbox.take();
        if (c instanceof Take t) {
          Integer n = stock.get(t.sku());
          boolean taken = n != null && n > 0;
          if (taken) {
            stock.put(t.sku(), n - 1);
          }
          t.reply().complete(taken);
        } else if (c instanceof Restock r) {
          stock.put(r.sku(), r.n());
          version++;
        } else if (c instanceof Shutdown) {
          System.out.println("inventory closed at version " + version);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
