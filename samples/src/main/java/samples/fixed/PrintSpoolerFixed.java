package samples.fixed;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/** The spooler of samples.races.PrintSpooler: jobs and the printed count belong to the spooler thread. */
public final class PrintSpoolerFixed {
  /** Immutable, so one instance serves every thread (unlike SimpleDateFormat). */
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss");

  private sealed interface Command permits Submit, PrintNext, Printed, Stop {}

  private record Submit(String job) implements Command {}

  private record PrintNext() implements Command {}

  private record Printed(CompletableFuture<Integer> reply) implements Command {}

  private record Stop() implements Command {}

  private final BlockingQueue<Command> inbox = new ArrayBlockingQueue<>(128);

  private PrintSpoolerFixed() {}

  public static PrintSpoolerFixed start() {
    PrintSpoolerFixed spooler = new PrintSpoolerFixed();
    Thread owner = new Thread(spooler::ownerLoop, "spooler");
    owner.start();
    return spooler;
  }

  public void submit(String job) throws InterruptedException {
    inbox.put(new Submit(job));
  }

  public void printNext() throws InterruptedException {
    inbox.put(new PrintNext());
  }

  /** What printedBad read without the lock: the owner answers. */
  public CompletableFuture<Integer> printed() throws InterruptedException {
    CompletableFuture<Integer> reply = new CompletableFuture<>();
    inbox.put(new Printed(reply));
    return reply;
  }

  public void stop() throws InterruptedException {
    inbox.put(new Stop());
  }

  public String stamp(Date d) {
    return STAMP.format(d.toInstant().atZone(ZoneId.systemDefault()));
  }

  private void ownerLoop() {
    Deque<String> jobs = new ArrayDeque<>();
    int printed = 0;
    try {
      while (true) {
        Command c = inbox.take();
        if (c instanceof Submit s) {
          jobs.add(s.job());
        } else if (c instanceof PrintNext) {
          String job = jobs.poll();
          if (job != null) {
            System.out.println("printing " + job);
            printed++;
          }
        } else if (c instanceof Printed q) {
          q.reply().complete(printed);
        } else if (c instanceof Stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
