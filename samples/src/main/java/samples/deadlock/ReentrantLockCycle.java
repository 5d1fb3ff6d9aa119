package samples.deadlock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Two explicit locks taken in opposite orders, and the ways to take two locks safely. */
public class ReentrantLockCycle {
  private final ReentrantLock inventory = new ReentrantLock();
  private final ReentrantLock ledger = new ReentrantLock();
  private int stock;
  private long booked;

  /** inventory, then ledger (through a helper). */
  public void sellBad(int n) {
    inventory.lock();
    try {
      stock -= n;
      book(n);
    } finally {
      inventory.unlock();
    }
  }

  private void book(long amount) {
    ledger.lock();
    try {
      booked += amount;
    } finally {
      ledger.unlock();
    }
  }

  /** ledger, then inventory: the opposite order. */
  public void restockBad(int n) {
    ledger.lock();
    try {
      booked -= n;
      inventory.lock();
      try {
        stock += n;
      } finally {
        inventory.unlock();
      }
    } finally {
      ledger.unlock();
    }
  }

  /** Takes the second lock with a timeout and backs off: it cannot wait forever. */
  public boolean restockWithBackOffOk(int n) throws InterruptedException {
    for (int attempt = 0; attempt < 10; attempt++) {
      if (ledger.tryLock(10, TimeUnit.MILLISECONDS)) {
        try {
          if (inventory.tryLock(10, TimeUnit.MILLISECONDS)) {
            try {
              booked -= n;
              stock += n;
              return true;
            } finally {
              inventory.unlock();
            }
          }
        } finally {
          ledger.unlock();
        }
      }
      Thread.sleep(1L << attempt);
    }
    return false;
  }

  /** Re-entering a lock this thread already holds is not an ordering problem. */
  public void auditOk() {
    inventory.lock();
    try {
      countOk();
    } finally {
      inventory.unlock();
    }
  }

  public int countOk() {
    inventory.lock();
    try {
      return stock;
    } finally {
      inventory.unlock();
    }
  }
}
