package samples.fixed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * samples.deadlock.TaxiDispatcher with one dispatcher thread that owns every taxi's location and the
 * set of free taxis: a taxi reports its position as a message instead of calling in under its own lock.
 */
public final class TaxiDispatcherFixed {
  private sealed interface Command permits Register, Moved, Image, Stop {}

  private record Register(String taxi, String destination) implements Command {}

  private record Moved(String taxi, String location) implements Command {}

  private record Image(CompletableFuture<List<String>> reply) implements Command {}

  private record Stop() implements Command {}

  private final BlockingQueue<Command> inbox = new ArrayBlockingQueue<>(256);

  private TaxiDispatcherFixed() {}

  public static TaxiDispatcherFixed start() {
    TaxiDispatcherFixed dispatcher = new TaxiDispatcherFixed();
    Thread owner = new Thread(dispatcher::ownerLoop, "dispatcher");
    owner.start();
    return dispatcher;
  }

  public void register(String taxi, String destination) throws InterruptedException {
    inbox.put(new Register(taxi, destination));
  }

  /** What setLocationBad did under the taxi's monitor, now one message. */
  public void setLocation(String taxi, String location) throws InterruptedException {
    inbox.put(new Moved(taxi, location));
  }

  /** What getImageBad computed under the dispatcher's monitor while calling every taxi. */
  public CompletableFuture<List<String>> image() throws InterruptedException {
    CompletableFuture<List<String>> reply = new CompletableFuture<>();
    inbox.put(new Image(reply));
    return reply;
  }

  public void stop() throws InterruptedException {
    inbox.put(new Stop());
  }

  private void ownerLoop() {
    Map<String, String> locations = new HashMap<>();
    Map<String, String> destinations = new HashMap<>();
    Set<String> available = new LinkedHashSet<>();
    try {
      while (true) {
        Command c = inbox.take();
        if (c instanceof Register r) {
          destinations.put(r.taxi(), r.destination());
          locations.put(r.taxi(), "");
        } else if (c instanceof Moved m) {
          locations.put(m.taxi(), m.location());
          if (m.location().equals(destinations.get(m.taxi()))) {
            available.add(m.taxi());
          }
        } else if (c instanceof Image q) {
          List<String> image = new ArrayList<>();
          for (String taxi : available) {
            image.add(locations.get(taxi));
          }
          q.reply().complete(List.copyOf(image));
        } else if (c instanceof Stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
