package dev.threadlint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarListenerTest {
  @Test
  void noBarWhenNotOnATerminal() {
    // the test JVM's standard streams are pipes to the build tool, never a terminal; on Java 22+
    // System.console() exists even then, which is why isTerminal() must ask Console.isTerminal()
    assertThat(ProgressBarListener.isTerminal()).isFalse();
    assertThat(ProgressBarListener.forTerminal(new PrintWriter(new StringWriter()))).isNull();
  }

  @Test
  void barIsDrawnOnlyAfterTheDelayAndClosedAtTheEnd() {
    ProgressBarListener listener = new ProgressBarListener();
    listener.phase("Parsing", 3);
    listener.step();
    // within the first second nothing is drawn (the scan is fast enough not to need a bar)
    assertThat(listener.drawing()).isFalse();
    listener.done();
    assertThat(listener.drawing()).isFalse();
  }
}
