package dev.threadlint.core.analysis;

import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The locks held at a program point, in acquisition order, each with where it was acquired.
 * Immutable. Equality ignores the acquisition sites.
 */
public final class LockSet {
  public static final LockSet EMPTY = new LockSet(List.of());

  /** A held lock and the node that acquired it (a synchronized method/statement or a lock() call). */
  public record Held(LockId lock, Node acquiredAt) {}

  private final List<Held> held;
  private final List<LockId> locks;

  private LockSet(List<Held> held) {
    this.held = held;
    this.locks = held.stream().map(Held::lock).toList();
  }

  public List<Held> held() {
    return Collections.unmodifiableList(held);
  }

  public List<LockId> locks() {
    return locks;
  }

  public boolean isEmpty() {
    return held.isEmpty();
  }

  public boolean contains(LockId lock) {
    return locks.contains(lock);
  }

  /** True when some lock held here is held at the same base identity (any side). */
  public boolean containsBase(LockId lock) {
    return held.stream().anyMatch(h -> h.lock().base().equals(lock.base()));
  }

  public Optional<Held> find(LockId lock) {
    return held.stream().filter(h -> h.lock().equals(lock)).findFirst();
  }

  /** Adds a lock (a re-entrant acquisition of a lock already held changes nothing). */
  public LockSet plus(LockId lock, Node at) {
    if (contains(lock)) {
      return this;
    }
    List<Held> out = new ArrayList<>(held);
    out.add(new Held(lock, at));
    return new LockSet(List.copyOf(out));
  }

  /** All of {@code other}'s locks added after this set's (used when a callee's locks nest in the caller's). */
  public LockSet plusAll(LockSet other) {
    LockSet out = this;
    for (Held h : other.held) {
      out = out.plus(h.lock(), h.acquiredAt());
    }
    return out;
  }

  public LockSet minus(LockId lock) {
    if (!contains(lock)) {
      // releasing the base lock releases whichever side is held
      List<Held> out = new ArrayList<>(held);
      boolean removed = out.removeIf(h -> h.lock().base().equals(lock.base()));
      return removed ? new LockSet(List.copyOf(out)) : this;
    }
    List<Held> out = new ArrayList<>(held);
    out.removeIf(h -> h.lock().equals(lock));
    return new LockSet(List.copyOf(out));
  }

  /** The locks held on both paths (must-hold after a merge point). */
  public LockSet intersect(LockSet other) {
    List<Held> out = new ArrayList<>();
    for (Held h : held) {
      if (other.contains(h.lock())) {
        out.add(h);
      }
    }
    return out.size() == held.size() ? this : new LockSet(List.copyOf(out));
  }

  /** True when some lock here and some lock in {@code other} exclude each other. */
  public boolean excludes(LockSet other) {
    for (Held a : held) {
      for (Held b : other.held) {
        if (a.lock().excludes(b.lock())) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LockSet s && locks.equals(s.locks);
  }

  @Override
  public int hashCode() {
    return locks.hashCode();
  }

  @Override
  public String toString() {
    return held.isEmpty() ? "no lock" : String.join(", ", held.stream().map(h -> h.lock().display()).toList());
  }
}
