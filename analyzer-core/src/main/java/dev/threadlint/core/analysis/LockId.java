package dev.threadlint.core.analysis;

/**
 * An abstract lock: what a {@code synchronized} monitor or a {@code java.util.concurrent} lock is
 * known to be, abstracted so that the same lock is recognised across methods and classes.
 *
 * <ul>
 *   <li>{@link Kind#FIELD}: the object stored in field {@code owner.name} (a monitor object or a
 *       {@code Lock}); the abstraction covers every instance of {@code owner}.
 *   <li>{@link Kind#MONITOR}: the monitor of some instance of type {@code owner} —
 *       {@code synchronized} instance methods, {@code synchronized (this)}, and monitors of
 *       parameters/locals whose type is known.
 *   <li>{@link Kind#CLASS}: the monitor of the class object {@code owner} — static
 *       {@code synchronized} methods and {@code synchronized (Owner.class)}.
 *   <li>{@link Kind#PARAMETER}: the object passed as parameter {@code index} of method
 *       {@code owner.name}; {@code type} is its declared type. Two parameters of one method are
 *       different locks, so {@code transfer(from, to)} locking {@code from} then {@code to} forms a
 *       cycle with itself when called with swapped arguments.
 *   <li>{@link Kind#EXPRESSION}: anything else, identified by its source text within
 *       {@code owner} (least precise; never treated as equal to a lock of another kind).
 * </ul>
 *
 * {@code side} distinguishes the read and write locks of a {@code ReadWriteLock} or
 * {@code StampedLock} (both have the same owner and name).
 */
public record LockId(Kind kind, String owner, String name, int index, String type, Side side) {

  public enum Kind {
    FIELD,
    MONITOR,
    CLASS,
    PARAMETER,
    EXPRESSION
  }

  public enum Side {
    EXCLUSIVE,
    READ,
    WRITE
  }

  public static LockId field(String owner, String name) {
    return new LockId(Kind.FIELD, owner, name, -1, "", Side.EXCLUSIVE);
  }

  public static LockId monitor(String type) {
    return new LockId(Kind.MONITOR, type, "", -1, type, Side.EXCLUSIVE);
  }

  public static LockId classLock(String type) {
    return new LockId(Kind.CLASS, type, "", -1, type, Side.EXCLUSIVE);
  }

  public static LockId parameter(String methodOwner, String method, int index, String name, String type) {
    return new LockId(Kind.PARAMETER, methodOwner + "." + method, name, index, type, Side.EXCLUSIVE);
  }

  public static LockId expression(String owner, String text) {
    return new LockId(Kind.EXPRESSION, owner, text, -1, "", Side.EXCLUSIVE);
  }

  public LockId withSide(Side s) {
    return new LockId(kind, owner, name, index, type, s);
  }

  /** The same lock regardless of read/write side. */
  public LockId base() {
    return side == Side.EXCLUSIVE ? this : withSide(Side.EXCLUSIVE);
  }

  /**
   * True when holding {@code this} and {@code other} at two places makes them mutually exclusive:
   * the same lock, unless both hold only its read side.
   */
  public boolean excludes(LockId other) {
    if (!base().equals(other.base())) {
      return false;
    }
    return !(side == Side.READ && other.side == Side.READ);
  }

  /** How the lock is shown to users, e.g. {@code 'Account.lock'}, {@code monitor of Account}. */
  public String display() {
    String s = switch (kind) {
      case FIELD -> "'" + simple(owner) + "." + name + "'";
      case MONITOR -> "monitor of " + simple(owner);
      case CLASS -> simple(owner) + ".class";
      case PARAMETER -> "parameter '" + name + "' of " + simple(owner);
      case EXPRESSION -> "'" + name + "'";
    };
    return switch (side) {
      case EXCLUSIVE -> s;
      case READ -> s + " (read lock)";
      case WRITE -> s + " (write lock)";
    };
  }

  private static String simple(String qualified) {
    // keep nested type names (Outer.Inner) but drop the package
    String[] parts = qualified.split("\\.");
    StringBuilder out = new StringBuilder();
    for (String p : parts) {
      if (!p.isEmpty() && (Character.isUpperCase(p.charAt(0)) || out.length() > 0)) {
        out.append(out.length() == 0 ? "" : ".").append(p);
      }
    }
    return out.length() == 0 ? qualified : out.toString();
  }

  @Override
  public String toString() {
    return display();
  }
}
