package samples.deadlock;

/** Money moves between two accounts; both accounts must be locked. */
public class BankTransfer {

  /** An account whose monitor guards its balance. */
  public static final class Account {
    private final long id;
    private long balance;

    public Account(long id, long balance) {
      this.id = id;
      this.balance = balance;
    }

    long id() {
      return id;
    }

    void debit(long amount) {
      balance -= amount;
    }

    void credit(long amount) {
      balance += amount;
    }
  }

  private static final Object TIE = new Object();

  /** transfer(a, b) on one thread and transfer(b, a) on another: each holds one account and waits for the other. */
  public void transferBad(Account from, Account to, long amount) {
    synchronized (from) {
      synchronized (to) {
        from.debit(amount);
        to.credit(amount);
      }
    }
  }

  /** Both accounts are locked in one global order: by id. */
  public void transferByIdOk(Account from, Account to, long amount) {
    if (from.id() < to.id()) {
      synchronized (from) {
        synchronized (to) {
          move(from, to, amount);
        }
      }
    } else {
      synchronized (to) {
        synchronized (from) {
          move(from, to, amount);
        }
      }
    }
  }

  /** Global order by identity hash; equal hashes go through a tie-breaking lock. */
  public void transferByIdentityHashOk(Account from, Account to, long amount) {
    int fromHash = System.identityHashCode(from);
    int toHash = System.identityHashCode(to);
    if (fromHash < toHash) {
      synchronized (from) {
        synchronized (to) {
          move(from, to, amount);
        }
      }
    } else if (fromHash > toHash) {
      synchronized (to) {
        synchronized (from) {
          move(from, to, amount);
        }
      }
    } else {
      synchronized (TIE) {
        synchronized (from) {
          synchronized (to) {
            move(from, to, amount);
          }
        }
      }
    }
  }

  private static void move(Account from, Account to, long amount) {
    from.debit(amount);
    to.credit(amount);
  }
}
