package samples.fixed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/** The room of samples.races.ChatRoom: members, history and the message count belong to one owner thread. */
public final class ChatRoomFixed {
  private sealed interface Command permits Join, Broadcast, Count, Stop {}

  private record Join(String who) implements Command {}

  private record Broadcast(String text) implements Command {}

  private record Count(CompletableFuture<Integer> reply) implements Command {}

  private record Stop() implements Command {}

  private final BlockingQueue<Command> inbox = new ArrayBlockingQueue<>(256);

  private ChatRoomFixed() {}

  public static ChatRoomFixed open() {
    ChatRoomFixed room = new ChatRoomFixed();
    Thread owner = new Thread(room::ownerLoop, "chat-room-owner");
    owner.start();
    return room;
  }

  public void join(String who) throws InterruptedException {
    inbox.put(new Join(who));
  }

  public void broadcast(String text) throws InterruptedException {
    inbox.put(new Broadcast(text));
  }

  public CompletableFuture<Integer> messages() throws InterruptedException {
    CompletableFuture<Integer> reply = new CompletableFuture<>();
    inbox.put(new Count(reply));
    return reply;
  }

  public void stop() throws InterruptedException {
    inbox.put(new Stop());
  }

  private void ownerLoop() {
    List<String> members = new ArrayList<>();
    List<String> history = new ArrayList<>();
    int messages = 0;
    try {
      while (true) {
        Command c = inbox.take();
        if (c instanceof Join j) {
          members.add(j.who());
        } else if (c instanceof Broadcast b) {
          for (String m : members) {
            System.out.println(m + " <- " + b.text());
          }
          history.add(b.text());
          messages++;
        } else if (c instanceof Count q) {
          q.reply().complete(messages);
        } else if (c instanceof Stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
