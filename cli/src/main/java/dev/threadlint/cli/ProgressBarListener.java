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

  static ProgressBarListener forTerminal(PrintWriter err) {
    return System.console() != null && System.getenv("CI") == null ? new ProgressBarListener() : null;
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
