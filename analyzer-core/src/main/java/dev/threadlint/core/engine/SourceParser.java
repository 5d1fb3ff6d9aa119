package dev.threadlint.core.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseException;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParseStart;
import com.github.javaparser.Provider;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.resolution.SymbolResolver;
import dev.threadlint.core.finding.Diagnostic;
import dev.threadlint.core.program.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and parses one file. Not thread-safe (one JavaParser per instance): the engine keeps one
 * per worker thread. Everything that can go wrong with a file becomes a {@link Diagnostic}.
 */
final class SourceParser {
  /** The newest Java version whose syntax JavaParser 3.28 checks fully. */
  static final LanguageLevel LANGUAGE_LEVEL = LanguageLevel.JAVA_25;

  private final JavaParser strict;
  private final JavaParser lenient;
  private final Charset charset;

  SourceParser(Charset charset, SymbolResolver symbolResolver) {
    this.charset = charset;
    this.strict = new JavaParser(config(LANGUAGE_LEVEL, symbolResolver));
    this.lenient = new JavaParser(config(LanguageLevel.RAW, symbolResolver));
  }

  private static ParserConfiguration config(LanguageLevel level, SymbolResolver resolver) {
    ParserConfiguration c = new ParserConfiguration();
    c.setLanguageLevel(level);
    c.setSymbolResolver(resolver);
    c.setStoreTokens(true);
    c.setAttributeComments(true);
    return c;
  }

  /** The outcome for one file: a parsed source, diagnostics, or both (e.g. decoded with replacement characters). */
  record Outcome(Optional<SourceFile> source, List<Diagnostic> diagnostics) {}

  Outcome parse(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      return failed(Diagnostic.of("unreadable-file", Diagnostic.Level.ERROR, file, "cannot read: " + SourceDiscovery.describe(e instanceof IOException io ? io : new IOException(e))));
    } catch (OutOfMemoryError e) {
      return failed(Diagnostic.of("file-too-large", Diagnostic.Level.ERROR, file, "file too large to read"));
    }
    if (looksBinary(bytes)) {
      return failed(Diagnostic.of("binary-file", Diagnostic.Level.ERROR, file, "not a text file (contains NUL bytes); skipped"));
    }
    java.util.ArrayList<Diagnostic> diagnostics = new java.util.ArrayList<>();
    String text;
    try {
      text = decoder(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      diagnostics.add(Diagnostic.of("encoding", Diagnostic.Level.WARNING, file,
          "not valid " + charset.name() + "; undecodable bytes replaced (set the source encoding, e.g. --encoding ISO-8859-1)"));
      try {
        text = decoder(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException impossible) {
        return failed(Diagnostic.of("encoding", Diagnostic.Level.ERROR, file, "cannot decode"));
      }
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    try {
      ParseResult<CompilationUnit> result = strict.parse(ParseStart.COMPILATION_UNIT, new InterruptibleProvider(text));
      if (!result.isSuccessful() && onlyValidationProblems(result.getProblems())) {
        // valid syntax for an older Java (e.g. `_` or `enum` as identifiers): accept it
        result = lenient.parse(ParseStart.COMPILATION_UNIT, new InterruptibleProvider(text));
      }
      if (Thread.currentThread().isInterrupted()) {
        // the engine gave up on this file (timeout); its partial result is meaningless
        return new Outcome(Optional.empty(), diagnostics);
      }
      if (!result.isSuccessful() || result.getResult().isEmpty()) {
        Problem p = result.getProblems().isEmpty() ? null : result.getProblems().get(0);
        int[] pos = position(p);
        String message = p == null ? "cannot parse" : shorten(firstLine(p.getMessage()));
        int more = result.getProblems().size() - 1;
        diagnostics.add(new Diagnostic("parse-error", Diagnostic.Level.ERROR,
            message + (more > 0 ? " (and " + more + " more problem" + (more > 1 ? "s" : "") + ")" : ""), file, pos[0], pos[1]));
        return new Outcome(Optional.empty(), diagnostics);
      }
      CompilationUnit cu = result.getResult().get();
      cu.setStorage(file, charset);
      return new Outcome(Optional.of(new SourceFile(file, text, cu)), diagnostics);
    } catch (StackOverflowError e) {
      diagnostics.add(Diagnostic.of("too-complex", Diagnostic.Level.ERROR, file,
          "nesting too deep to parse (stack exhausted); skipped"));
      return new Outcome(Optional.empty(), diagnostics);
    } catch (RuntimeException e) {
      diagnostics.add(Diagnostic.of("parse-error", Diagnostic.Level.ERROR, file, "cannot parse: " + firstLine(String.valueOf(e.getMessage()))));
      return new Outcome(Optional.empty(), diagnostics);
    }
  }

  private static boolean onlyValidationProblems(List<Problem> problems) {
    return !problems.isEmpty() && problems.stream().allMatch(p -> p.getCause().isEmpty());
  }

  private static int[] position(Problem p) {
    if (p == null) {
      return new int[] {0, 0};
    }
    // the problem's range starts at the last token that parsed; the offending token is the next one
    if (p.getCause().orElse(null) instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null
        && pe.currentToken.next.beginLine > 0) {
      return new int[] {pe.currentToken.next.beginLine, pe.currentToken.next.beginColumn};
    }
    return p.getLocation()
        .flatMap(TokenRange::toRange)
        .map(r -> new int[] {r.begin.line, r.begin.column})
        .orElse(new int[] {0, 0});
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    String line = nl < 0 ? t : t.substring(0, nl).strip();
    // JavaParser prefixes messages with the position we already report separately
    return line.replaceFirst("^\\(line \\d+,col \\d+\\) ", "");
  }

  private static final Pattern EXPECTED_ONE_OF = Pattern.compile("expected one of\\s+(.*)$");
  private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|<[A-Z_]+>");
  /** How many expected tokens a parse-error message names before it summarises the rest. */
  static final int MAX_EXPECTED_SHOWN = 3;

  /**
   * JavaParser lists every token the grammar would accept (often forty of them); keep the first
   * few so the message stays one readable line: {@code Found "{", expected ")", "@", "_" or 39 other tokens}.
   */
  static String shorten(String message) {
    Matcher m = EXPECTED_ONE_OF.matcher(message);
    if (!m.find()) {
      return message;
    }
    List<String> tokens = new java.util.ArrayList<>();
    Matcher t = TOKEN.matcher(m.group(1));
    while (t.find()) {
      tokens.add(t.group());
    }
    if (tokens.isEmpty()) {
      return message;
    }
    String head = message.substring(0, m.start()) + "expected ";
    if (tokens.size() == 1) {
      return head + tokens.get(0);
    }
    if (tokens.size() <= MAX_EXPECTED_SHOWN) {
      return head + String.join(", ", tokens.subList(0, tokens.size() - 1)) + " or " + tokens.get(tokens.size() - 1);
    }
    int rest = tokens.size() - MAX_EXPECTED_SHOWN;
    return head + String.join(", ", tokens.subList(0, MAX_EXPECTED_SHOWN)) + " or " + rest + " other token" + (rest > 1 ? "s" : "");
  }

  /**
   * Feeds the text to the lexer in chunks and stops (reports end of input) once the worker thread
   * is interrupted, so a parse the engine has given up on frees its thread instead of running on.
   */
  static final class InterruptibleProvider implements Provider {
    private final String text;
    private int pos;

    InterruptibleProvider(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int len) {
      if (pos >= text.length() || Thread.currentThread().isInterrupted()) {
        return -1;
      }
      int n = Math.min(len, text.length() - pos);
      text.getChars(pos, pos + n, buffer, offset);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }

  private CharsetDecoder decoder(CodingErrorAction action) {
    return charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
  }

  static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static Outcome failed(Diagnostic d) {
    return new Outcome(Optional.empty(), List.of(d));
  }

}
