package dev.threadlint.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceParserTest {
  @Test
  void longExpectedTokenListIsCut() {
    String javaParser = "Parse error. Found \"{\", expected one of  \")\" \"@\" \"_\" \"abstract\" \"assert\" \"boolean\" <IDENTIFIER>";

    assertThat(SourceParser.shorten(javaParser)).isEqualTo("Parse error. Found \"{\", expected \")\", \"@\", \"_\" or 4 other tokens");
  }

  @Test
  void shortExpectedTokenListIsKeptWhole() {
    assertThat(SourceParser.shorten("Parse error. Found <EOF>, expected one of  \";\" \"}\""))
        .isEqualTo("Parse error. Found <EOF>, expected \";\" or \"}\"");
    assertThat(SourceParser.shorten("Parse error. Found \"x\", expected one of  \";\""))
        .isEqualTo("Parse error. Found \"x\", expected \";\"");
  }

  @Test
  void otherMessagesAreUnchanged() {
    assertThat(SourceParser.shorten("'record' is not allowed here")).isEqualTo("'record' is not allowed here");
  }

  @Test
  void interruptedProviderReportsEndOfInput() throws Exception {
    SourceParser.InterruptibleProvider p = new SourceParser.InterruptibleProvider("class A {}");
    char[] buf = new char[4];
    assertThat(p.read(buf, 0, 4)).isEqualTo(4);
    assertThat(new String(buf)).isEqualTo("clas");
    Thread.currentThread().interrupt();
    try {
      assertThat(p.read(buf, 0, 4)).isEqualTo(-1);
    } finally {
      Thread.interrupted();
    }
    assertThat(p.read(buf, 0, 4)).isEqualTo(4);
  }
}
