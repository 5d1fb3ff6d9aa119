package dev.threadlint.core.engine;

import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.api.RuleProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The rules found through {@link ServiceLoader}, by id (alternative ids included). */
public final class RuleRegistry {
  public record Entry(Rule rule, RuleMetadata metadata) {}

  private final Map<String, Entry> byId = new LinkedHashMap<>();
  private final Map<String, Entry> byAltId = new LinkedHashMap<>();

  public RuleRegistry(List<Rule> rules) {
    for (Rule r : rules) {
      RuleMetadata m = r.metadata();
      if (byId.putIfAbsent(m.id(), new Entry(r, m)) != null) {
        throw new IllegalStateException("duplicate rule id " + m.id());
      }
      for (String alt : m.altIds()) {
        byAltId.put(alt, byId.get(m.id()));
      }
    }
  }

  /** Discovers rules through {@code META-INF/services/dev.threadlint.core.api.RuleProvider}. */
  public static RuleRegistry load(ClassLoader loader) {
    List<Rule> rules = new ArrayList<>();
    for (RuleProvider p : ServiceLoader.load(RuleProvider.class, loader)) {
      rules.addAll(p.rules());
    }
    return new RuleRegistry(rules);
  }

  public static RuleRegistry load() {
    return load(RuleRegistry.class.getClassLoader());
  }

  public List<Entry> entries() {
    return Collections.unmodifiableList(new ArrayList<>(byId.values()));
  }

  public Optional<Entry> find(String id) {
    Entry e = byId.get(id);
    return e != null ? Optional.of(e) : Optional.ofNullable(byAltId.get(id));
  }

  /** Throws an input error naming the first unknown id. */
  public void requireKnown(Iterable<String> ids) {
    for (String id : ids) {
      if (find(id).isEmpty() && !id.startsWith("spotbugs:")) {
        throw new InputException("unknown rule id '" + id + "' (run 'threadlint rules' to list them)");
      }
    }
  }
}
