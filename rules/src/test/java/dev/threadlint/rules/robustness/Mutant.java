package dev.threadlint.rules.robustness;

import com.github.javaparser.JavaToken;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seed file plus a short list of mutations. Every mutation is data (a kind and three
 * non-negative integers that pick positions and sizes modulo what the text offers), so the same
 * mutant is rebuilt from the same numbers, jqwik can shrink it, and a failure prints as a value.
 *
 * @param seed index into {@link Corpus#sources()}
 * @param scale how large nesting and literals may grow: 1 in the test suite, more in a campaign
 */
record Mutant(int seed, List<Mutation> mutations, int scale) {

  enum Kind {
    /** Cut the file before, after or inside a token of a chosen category. */
    TRUNCATE,
    /** Flip bits of some bytes (after encoding). */
    BYTE_FLIP,
    /** Delete one bracket: {@code { } ( ) [ ] < >}. */
    DELETE_BRACE,
    /** Double one bracket. */
    DOUBLE_BRACE,
    /** Replace a literal (or insert one) by a huge one. */
    HUGE_LITERAL,
    /** Add a deeply nested expression, statement or class. */
    DEEP_NESTING,
    /** Insert an invalid (or a surprising valid) unicode escape. */
    UNICODE_ESCAPE,
    /** CRLF, CR or a mix of line endings, tabs and form feeds. */
    LINE_ENDINGS,
    /** A byte order mark at the start, twice, or inside the text. */
    BOM,
    /** Characters outside the BMP, combining marks, line separators, NBSP in a token. */
    ODD_CHARACTERS,
    /** Delete or duplicate a run of lines. */
    LINES
  }

  record Mutation(Kind kind, int a, int b, int c) {
    @Override
    public String toString() {
      return kind + "(" + a + "," + b + "," + c + ")";
    }
  }

  /** A random mutant for a campaign, from {@code random} alone. */
  static Mutant random(Random random, int corpusSize, int scale) {
    int n = 1 + random.nextInt(3);
    List<Mutation> ms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ms.add(new Mutation(Kind.values()[random.nextInt(Kind.values().length)], random.nextInt(Integer.MAX_VALUE),
          random.nextInt(Integer.MAX_VALUE), random.nextInt(Integer.MAX_VALUE)));
    }
    return new Mutant(random.nextInt(corpusSize), ms, scale);
  }

  Corpus.Source source() {
    List<Corpus.Source> all = Corpus.sources();
    return all.get(Math.floorMod(seed, all.size()));
  }

  /** The mutant's bytes. Text mutations apply in order; byte flips and BOMs apply to the encoded result. */
  byte[] bytes() {
    Corpus.Source src = source();
    String text = src.text();
    Map<JavaToken.Category, List<int[]>> tokens = src.tokens();
    for (Mutation m : mutations) {
      text = applyText(m, text, tokens);
      if (!text.equals(src.text())) {
        tokens = Map.of(); // token offsets refer to the seed only
      }
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (Mutation m : mutations) {
      bytes = applyBytes(m, bytes);
    }
    return bytes;
  }

  private String applyText(Mutation m, String t, Map<JavaToken.Category, List<int[]>> tokens) {
    switch (m.kind()) {
      case TRUNCATE -> {
        int[] tok = pickToken(tokens, m.a(), m.b(), t);
        int cut = switch (m.c() % 3) {
          case 0 -> tok[0];
          case 1 -> tok[0] + tok[1];
          default -> tok[0] + Math.max(0, tok[1] / 2);
        };
        return t.substring(0, Math.min(cut, t.length()));
      }
      case DELETE_BRACE, DOUBLE_BRACE -> {
        char brace = "{}()[]<>".charAt(m.a() % 8);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < t.length(); i++) {
          if (t.charAt(i) == brace) {
            at.add(i);
          }
        }
        if (at.isEmpty()) {
          return t;
        }
        int i = at.get(m.b() % at.size());
        return m.kind() == Kind.DELETE_BRACE ? t.substring(0, i) + t.substring(i + 1) : t.substring(0, i + 1) + t.substring(i);
      }
      case HUGE_LITERAL -> {
        int size = 1 + m.c() % (20_000 * scale);
        String lit = switch (m.b() % 6) {
          case 0 -> "9".repeat(size); // integer literal far out of range
          case 1 -> "\"" + "x".repeat(size) + "\"";
          case 2 -> "\"\"\"\n" + "line\n".repeat(1 + size / 5) + "\"\"\"";
          case 3 -> "0x" + "F".repeat(size) + "L";
          case 4 -> "1." + "5".repeat(size) + "e" + "9".repeat(Math.min(size, 400));
          default -> "'" + "\\u0041".repeat(1 + size % 4) + "'";
        };
        List<int[]> literals = tokens.getOrDefault(JavaToken.Category.LITERAL, List.of());
        if (!literals.isEmpty()) {
          int[] tok = literals.get(m.a() % literals.size());
          return t.substring(0, tok[0]) + lit + t.substring(tok[0] + tok[1]);
        }
        return t + "\nclass HugeLiteral { Object v = " + lit + "; }\n";
      }
      case DEEP_NESTING -> {
        int depth = 1 + m.b() % (1500 * scale);
        String deep = Nesting.of(m.a(), depth);
        if (m.c() % 2 == 0) {
          return t + "\n" + deep + "\n"; // a complete extra class: valid where the seed was valid
        }
        int at = m.c() % (t.length() + 1);
        return t.substring(0, at) + deep + t.substring(at);
      }
      case UNICODE_ESCAPE -> {
        String[] escapes = {"\\u12", "\\u", "\\uZZZZ", "\\uuuu12", "\\u0041", "\\u000a", "\\u005c", "\\u000d\\u000a", "\\uD83D", "\\u0022"};
        String esc = escapes[m.b() % escapes.length];
        int at = insertionPoint(tokens, m.a(), m.c(), t);
        return t.substring(0, at) + esc + t.substring(at);
      }
      case LINE_ENDINGS -> {
        Random r = new Random(m.b());
        return switch (m.a() % 5) {
          case 0 -> t.replace("\n", "\r\n");
          case 1 -> t.replace("\n", "\r");
          case 2 -> {
            StringBuilder sb = new StringBuilder();
            for (char ch : t.toCharArray()) {
              if (ch == '\n') {
                sb.append(switch (r.nextInt(3)) { case 0 -> "\n"; case 1 -> "\r\n"; default -> "\r"; });
              } else {
                sb.append(ch);
              }
            }
            yield sb.toString();
          }
          case 3 -> t.replace("  ", "\t"); // tabs count as one column
          default -> t.replace("\n", "\f\n").replace(" ", r.nextBoolean() ? " " : "\u000b"); // form feed is Java whitespace, VT is not
        };
      }
      case ODD_CHARACTERS -> {
        String[] odd = {"\uD835\uDCB3", "\uD83D\uDE00", "e\u0301", "\u2028", "\u00a0", "\u200b", "\u202e", "\uDC00", "\u0000", "\u00ff\u00fe"};
        String s = odd[m.b() % odd.length];
        int at = insertionPoint(tokens, m.a(), m.c(), t);
        return t.substring(0, at) + s + t.substring(at);
      }
      case LINES -> {
        String[] lines = t.split("\n", -1);
        int from = m.a() % lines.length;
        int count = 1 + m.b() % Math.max(1, Math.min(40, lines.length - from));
        List<String> out = new ArrayList<>(List.of(lines));
        List<String> run = new ArrayList<>(out.subList(from, Math.min(lines.length, from + count)));
        if (m.c() % 2 == 0) {
          out.subList(from, Math.min(lines.length, from + count)).clear();
        } else {
          out.addAll(from, run);
        }
        return String.join("\n", out);
      }
      default -> {
        return t;
      }
    }
  }

  private static byte[] applyBytes(Mutation m, byte[] b) {
    switch (m.kind()) {
      case BYTE_FLIP -> {
        if (b.length == 0) {
          return b;
        }
        byte[] out = b.clone();
        Random r = new Random(m.c());
        int flips = 1 + m.b() % 8;
        for (int i = 0; i < flips; i++) {
          int at = (m.a() + r.nextInt(Math.max(1, Math.min(b.length, 64)))) % b.length;
          out[at] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
      }
      case BOM -> {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (m.a() % 3) {
          case 0 -> {
            out.writeBytes(bom);
            out.writeBytes(b);
          }
          case 1 -> {
            out.writeBytes(bom);
            out.writeBytes(bom);
            out.writeBytes(b);
          }
          default -> {
            int at = b.length == 0 ? 0 : m.b() % b.length;
            while (at > 0 && (b[at] & 0xC0) == 0x80) {
              at--; // not inside a UTF-8 sequence
            }
            out.write(b, 0, at);
            out.writeBytes(bom);
            out.write(b, at, b.length - at);
          }
        }
        return out.toByteArray();
      }
      default -> {
        return b;
      }
    }
  }

  /** A token of the category picked by {@code a} (falling back to any character position). */
  private static int[] pickToken(Map<JavaToken.Category, List<int[]>> tokens, int a, int b, String t) {
    if (!tokens.isEmpty()) {
      List<JavaToken.Category> cats = new ArrayList<>(tokens.keySet());
      List<int[]> ofKind = tokens.get(cats.get(a % cats.size()));
      return ofKind.get(b % ofKind.size());
    }
    return new int[] {b % (t.length() + 1), 1};
  }

  private static int insertionPoint(Map<JavaToken.Category, List<int[]>> tokens, int a, int c, String t) {
    int[] tok = pickToken(tokens, a, c, t);
    return Math.min(t.length(), tok[0] + (tok[1] <= 1 ? 0 : c % tok[1]));
  }

  @Override
  public String toString() {
    return "Mutant(seed=" + seed + " " + source().name() + ", " + mutations + ", scale=" + scale + ")";
  }
}
