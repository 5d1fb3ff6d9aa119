package samples.races;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/** Messages arrive on network threads and are fanned out to members. */
public class ChatRoom {

  /** Members join from request threads while the broadcaster iterates. */
  static class RoomBad {
    private final List<String> members = new ArrayList<>();
    private final List<String> history = new ArrayList<>();
    private int messages;

    void joinBad(ExecutorService io, String who) {
      io.execute(() -> members.add(who));
    }

    void broadcastBad(ExecutorService io, String text) {
      io.execute(() -> {
        for (String m : members) {
          System.out.println(m + " <- " + text);
        }
        history.add(text);
        messages++;
      });
    }
  }

  /** Copy-on-write membership and a synchronized history: no finding. */
  static class RoomOk {
    private final List<String> members = new CopyOnWriteArrayList<>();
    private final List<String> history = new ArrayList<>();

    void joinOk(ExecutorService io, String who) {
      io.execute(() -> members.add(who));
    }

    void broadcastOk(ExecutorService io, String text) {
      io.execute(() -> {
        members.forEach(m -> System.out.println(m + " <- " + text));
        synchronized (history) {
          history.add(text);
        }
      });
    }

    List<String> historyOk() {
      synchronized (history) {
        return List.copyOf(history);
      }
    }
  }

  /** The room registers itself with the server before its fields are set. */
  static class Server {
    void register(Object room) {}
  }

  static class ListenerBad {
    private final List<String> topics;

    ListenerBad(Server server) {
      server.register(this);
      topics = new ArrayList<>();
    }
  }

  /** Registered by a factory after construction: no escape. */
  static final class ListenerOk {
    private final List<String> topics = new ArrayList<>();

    private ListenerOk() {}

    static ListenerOk createOk(Server server) {
      ListenerOk l = new ListenerOk();
      server.register(l);
      return l;
    }
  }
}
