package dev.threadlint.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.engine.AnalysisRequest.RuleSetting;
import dev.threadlint.core.engine.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds and reads {@code threadlint.yml}. The YAML is parsed by Jackson's YAML parser; this class
 * only checks the structure and reports the first problem as an {@link InputException} naming the
 * file, the line and the key: {@code threadlint.yml:4: rules.bad-monitor: invalid value 'loud'
 * (expected off, error, warning, info)}. Unknown keys and unknown rule ids are errors.
 *
 * <pre>
 * rules:                      # rule id → off | error | warning | info
 *   bad-monitor: off
 * include: ["src/main/java/**"]
 * exclude: ["**&#47;generated/**"]
 * annotations:
 *   threadSafe: [Service]     # simple names of annotations that mark a class thread-safe
 *   singleton: [Component]    # ... or a singleton (shared by every thread)
 * blockingMethods:
 *   - com.acme.Client#call
 * </pre>
 */
public final class ConfigLoader {
  public static final String FILE_NAME = "threadlint.yml";
  static final List<String> TOP_LEVEL_KEYS = List.of("rules", "include", "exclude", "annotations", "blockingMethods");
  static final List<String> ANNOTATION_KEYS = List.of("threadSafe", "singleton");
  static final List<String> RULE_VALUES = List.of("off", "error", "warning", "info");
  private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");
  private static final Pattern QUALIFIED = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
  private static final Pattern METHOD = Pattern.compile("(" + QUALIFIED.pattern() + ")#(" + IDENTIFIER.pattern() + ")");
  private static final YAMLFactory YAML = new YAMLFactory();

  private ConfigLoader() {}

  /** The nearest {@code threadlint.yml} in {@code start} (or its directory, for a file) or any parent directory. */
  public static Optional<Path> discover(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      dir = dir.getParent();
    }
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads {@code file}; {@code displayName} is how errors name it (e.g. the path the user typed).
   * {@code knownRuleId} tells which rule ids exist (alternative ids included).
   */
  public static ThreadlintConfig load(Path file, String displayName, Predicate<String> knownRuleId) {
    if (!Files.isRegularFile(file)) {
      throw new InputException("configuration file not found: " + displayName);
    }
    Node root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); JsonParser p = YAML.createParser(r)) {
      JsonToken first = p.nextToken();
      root = first == null ? null : read(p);
    } catch (DuplicateKey e) {
      throw new InputException(displayName + ":" + e.line + ": " + e.key + ": duplicate key");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(displayName + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new InputException("cannot read " + displayName + ": " + e.getMessage());
    }
    return new Reading(displayName, knownRuleId).config(file, root);
  }

  /** Convenience: {@link #load(Path, String, Predicate)} naming the file by its path. */
  public static ThreadlintConfig load(Path file, Predicate<String> knownRuleId) {
    return load(file, file.toString(), knownRuleId);
  }

  // ---- a small YAML tree that remembers lines ----

  private sealed interface Node permits MapNode, ListNode, Scalar {
    int line();
  }

  private record Entry(int line, Node value) {}

  private record MapNode(int line, Map<String, Entry> entries) implements Node {}

  private record ListNode(int line, List<Node> items) implements Node {}

  private record Scalar(int line, String text, boolean isNull) implements Node {}

  /** Reads the value at the current token. */
  private static Node read(JsonParser p) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = p.currentTokenLocation().getLineNr();
        p.nextToken();
        Node value = read(p);
        if (entries.containsKey(key)) {
          throw new DuplicateKey(key, keyLine);
        }
        entries.put(key, new Entry(keyLine, value));
      }
      return new MapNode(line, entries);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(p));
      }
      return new ListNode(line, items);
    }
    return new Scalar(line, p.getText(), t == JsonToken.VALUE_NULL);
  }

  private static final class DuplicateKey extends IOException {
    private static final long serialVersionUID = 1L;
    final String key;
    final int line;

    DuplicateKey(String key, int line) {
      super("duplicate key '" + key + "'");
      this.key = key;
      this.line = line;
    }
  }

  /** Validation of one file, with its name for messages. */
  private static final class Reading {
    private final String name;
    private final Predicate<String> knownRuleId;

    Reading(String name, Predicate<String> knownRuleId) {
      this.name = name;
      this.knownRuleId = knownRuleId;
    }

    private InputException error(int line, String key, String problem) {
      return new InputException(name + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    }

    ThreadlintConfig config(Path file, Node root) {
      if (root == null || (root instanceof Scalar s && s.isNull())) {
        return new ThreadlintConfig(file, Map.of(), List.of(), List.of(), Set.of(), Set.of(), Set.of());
      }
      if (!(root instanceof MapNode map)) {
        throw error(root.line(), "", "expected a mapping of keys (" + String.join(", ", TOP_LEVEL_KEYS) + ")");
      }
      Map<String, RuleSetting> rules = new LinkedHashMap<>();
      List<String> include = new ArrayList<>();
      List<String> exclude = new ArrayList<>();
      Set<String> threadSafe = new LinkedHashSet<>();
      Set<String> singleton = new LinkedHashSet<>();
      Set<String> blocking = new LinkedHashSet<>();
      for (Map.Entry<String, Entry> e : map.entries().entrySet()) {
        String key = e.getKey();
        Node value = e.getValue().value();
        switch (key) {
          case "rules" -> rules(value, rules);
          case "include" -> include.addAll(globs(key, value));
          case "exclude" -> exclude.addAll(globs(key, value));
          case "annotations" -> annotations(value, threadSafe, singleton);
          case "blockingMethods" -> {
            for (Scalar s : strings(key, value)) {
              if (!METHOD.matcher(s.text().strip()).matches()) {
                throw error(s.line(), key, "invalid method '" + s.text() + "' (expected pkg.Type#method, e.g. com.acme.Client#call)");
              }
              blocking.add(s.text().strip());
            }
          }
          default -> throw error(e.getValue().line(), key, "unknown key (expected one of: " + String.join(", ", TOP_LEVEL_KEYS) + ")");
        }
      }
      return new ThreadlintConfig(file, rules, include, exclude, threadSafe, singleton, blocking);
    }

    private void rules(Node value, Map<String, RuleSetting> out) {
      if (value instanceof Scalar s && s.isNull()) {
        return;
      }
      if (!(value instanceof MapNode map)) {
        throw error(value.line(), "rules", "expected a mapping of rule id to " + String.join("|", RULE_VALUES));
      }
      for (Map.Entry<String, Entry> e : map.entries().entrySet()) {
        String key = "rules." + e.getKey();
        Node v = e.getValue().value();
        if (!knownRuleId.test(e.getKey())) {
          throw error(e.getValue().line(), key, "unknown rule id (run 'threadlint rules' to list them)");
        }
        String text = v instanceof Scalar s && !s.isNull() ? s.text().strip() : null;
        String norm = text == null ? null : text.toLowerCase(Locale.ROOT);
        // YAML 1.1 readers may have turned a plain 'off' into false; accept its spelling, not other booleans
        if (norm == null || !RULE_VALUES.contains(norm)) {
          String shown = text == null ? (v instanceof Scalar ? "null" : "a " + (v instanceof MapNode ? "mapping" : "list")) : "'" + text + "'";
          throw error(v.line(), key, "invalid value " + shown + " (expected " + String.join(", ", RULE_VALUES) + ")");
        }
        out.put(e.getKey(), norm.equals("off") ? RuleSetting.OFF : new RuleSetting(true, Severity.parse(norm)));
      }
    }

    private List<String> globs(String key, Node value) {
      List<String> out = new ArrayList<>();
      for (Scalar s : strings(key, value)) {
        try {
          FileSystems.getDefault().getPathMatcher("glob:" + s.text());
        } catch (IllegalArgumentException ex) {
          String why = ex instanceof java.util.regex.PatternSyntaxException pse
              ? pse.getDescription() + " at index " + pse.getIndex() : ex.getMessage();
          throw error(s.line(), key, "invalid glob '" + s.text() + "': " + why);
        }
        out.add(s.text());
      }
      return out;
    }

    private void annotations(Node value, Set<String> threadSafe, Set<String> singleton) {
      if (value instanceof Scalar s && s.isNull()) {
        return;
      }
      if (!(value instanceof MapNode map)) {
        throw error(value.line(), "annotations", "expected a mapping with keys " + String.join(", ", ANNOTATION_KEYS));
      }
      for (Map.Entry<String, Entry> e : map.entries().entrySet()) {
        String key = "annotations." + e.getKey();
        Set<String> target = switch (e.getKey()) {
          case "threadSafe" -> threadSafe;
          case "singleton" -> singleton;
          default -> throw error(e.getValue().line(), key, "unknown key (expected one of: " + String.join(", ", ANNOTATION_KEYS) + ")");
        };
        for (Scalar s : strings(key, e.getValue().value())) {
          String n = s.text().strip();
          if (n.startsWith("@")) {
            n = n.substring(1);
          }
          if (!QUALIFIED.matcher(n).matches()) {
            throw error(s.line(), key, "invalid annotation name '" + s.text() + "' (expected a name such as ThreadSafe)");
          }
          // annotations are matched by simple name, like the built-in ones
          target.add(n.substring(n.lastIndexOf('.') + 1));
        }
      }
    }

    /** A list of strings; a single string is accepted as a list of one. */
    private List<Scalar> strings(String key, Node value) {
      if (value instanceof Scalar s) {
        if (s.isNull()) {
          return List.of();
        }
        return List.of(s);
      }
      if (!(value instanceof ListNode list)) {
        throw error(value.line(), key, "expected a list of strings");
      }
      List<Scalar> out = new ArrayList<>();
      for (Node n : list.items()) {
        if (!(n instanceof Scalar s) || s.isNull()) {
          throw error(n.line(), key, "expected a string, found " + (n instanceof MapNode ? "a mapping" : n instanceof ListNode ? "a list" : "null"));
        }
        out.add(s);
      }
      return out;
    }
  }
}
