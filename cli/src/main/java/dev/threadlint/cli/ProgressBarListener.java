package dev.threadlint.cli;

import dev.threadlint.core.engine.ProgressListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr, drawn by the progressbar library, shown only on a terminal and only
 * once a scan has run for more than a second.
 */
final class ProgressBarListener implements ProgressListener, AutoCloseable {
  private static final long DELAY_NANOS = 1_000_000_000L;
  private final long start = System.nanoTime();
  private ProgressBar bar;
  private String phase = "";
  private int total;
  private int done;

  /** A listener when this process talks to a terminal, else null (nothing is drawn). */
  static ProgressBarListener forTerminal(PrintWriter err) {
    return isTerminal() && System.getenv("CI") == null ? new ProgressBarListener() : null;
  }

  /**
   * Up to Java 21 {@code System.console()} is null unless the process is attached to a terminal;
   * from Java 22 it is always present and {@code Console.isTerminal()} tells.
   */
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 17-21: a console exists only on a terminal
    }
  }

  @Override
  public synchronized void phase(String name, int total) {
    closeBar();
    this.phase = name;
    this.total = total;
    this.done = 0;
  }

  @Override
  public synchronized void step() {
    done++;
    if (bar == null && System.nanoTime() - start > DELAY_NANOS) {
      bar = new ProgressBarBuilder()
          .setTaskName(phase)
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .setUpdateIntervalMillis(200)
          .continuousUpdate()
          .clearDisplayOnFinish()
          .build();
    }
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  /** True while a bar is on screen. */
  synchronized boolean drawing() {
    return bar != null;
  }

  @Override
  public synchronized void done() {
    closeBar();
  }

  @Override
  public synchronized void close() {
    closeBar();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
