package samples.deadlock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cooperating objects: a taxi tells the dispatcher it is free while holding its own lock, and the
 * dispatcher asks every taxi for its location while holding its lock.
 */
public class TaxiDispatcher {

  /** A taxi; its monitor guards its location. */
  public static class Taxi {
    private final Dispatcher dispatcher;
    private String location = "";
    private String destination = "";

    public Taxi(Dispatcher dispatcher) {
      this.dispatcher = dispatcher;
    }

    public synchronized String getLocation() {
      return location;
    }

    /** Calls into the dispatcher while holding this taxi's monitor. */
    public synchronized void setLocationBad(String l) {
      location = l;
      if (location.equals(destination)) {
        dispatcher.notifyAvailable(this);
      }
    }

    /** Open call: the dispatcher is called after the taxi's lock is released. */
    public void setLocationOk(String l) {
      boolean reached;
      synchronized (this) {
        location = l;
        reached = location.equals(destination);
      }
      if (reached) {
        dispatcher.notifyAvailable(this);
      }
    }
  }

  /** The dispatcher; its monitor guards the set of free taxis. */
  public static class Dispatcher {
    private final Set<Taxi> available = new HashSet<>();

    public synchronized void notifyAvailable(Taxi t) {
      available.add(t);
    }

    /** Asks each taxi for its location while holding the dispatcher's monitor. */
    public synchronized List<String> getImageBad() {
      List<String> image = new ArrayList<>();
      for (Taxi t : available) {
        image.add(t.getLocation());
      }
      return image;
    }

    /** Copies the set under the lock, then asks the taxis without it. */
    public List<String> getImageOk() {
      Set<Taxi> copy;
      synchronized (this) {
        copy = new HashSet<>(available);
      }
      List<String> image = new ArrayList<>();
      for (Taxi t : copy) {
        image.add(t.getLocation());
      }
      return image;
    }
  }
}
