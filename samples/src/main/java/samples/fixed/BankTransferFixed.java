package samples.fixed;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The transfer of samples.deadlock.BankTransfer with no locks at all: one ledger thread owns every
 * balance and applies transfer commands one at a time, so no two transfers can wait for each other.
 */
public final class BankTransferFixed {
  private sealed interface Command permits Open, Transfer, Balance, Stop {}

  private record Open(long id, long balance) implements Command {}

  private record Transfer(long from, long to, long amount) implements Command {}

  private record Balance(long id, CompletableFuture<Long> reply) implements Command {}

  private record Stop() implements Command {}

  private final BlockingQueue<Command> inbox = new ArrayBlockingQueue<>(1024);

  private BankTransferFixed() {}

  public static BankTransferFixed start() {
    BankTransferFixed bank = new BankTransferFixed();
    Thread ledger = new Thread(bank::ledgerLoop, "ledger");
    ledger.start();
    return bank;
  }

  public void open(long id, long balance) throws InterruptedException {
    inbox.put(new Open(id, balance));
  }

  /** transfer(a, b) and transfer(b, a) are two messages in one queue: the ledger applies them in turn. */
  public void transfer(long from, long to, long amount) throws InterruptedException {
    inbox.put(new Transfer(from, to, amount));
  }

  public CompletableFuture<Long> balance(long id) throws InterruptedException {
    CompletableFuture<Long> reply = new CompletableFuture<>();
    inbox.put(new Balance(id, reply));
    return reply;
  }

  public void stop() throws InterruptedException {
    inbox.put(new Stop());
  }

  private void ledgerLoop() {
    Map<Long, Long> balances = new HashMap<>();
    try {
      while (true) {
        Command c = inbox.take();
        if (c instanceof Open o) {
          balances.put(o.id(), o.balance());
        } else if (c instanceof Transfer t) {
          balances.merge(t.from(), -t.amount(), Long::sum);
          balances.merge(t.to(), t.amount(), Long::sum);
        } else if (c instanceof Balance b) {
          b.reply().complete(balances.getOrDefault(b.id(), 0L));
        } else if (c instanceof Stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
