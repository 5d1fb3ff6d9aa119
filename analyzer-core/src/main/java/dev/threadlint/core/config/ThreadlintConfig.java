package dev.threadlint.core.config;

import dev.threadlint.core.engine.AnalysisRequest;
import dev.threadlint.core.engine.AnalysisRequest.RuleSetting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contents of a {@code threadlint.yml}: rule settings, include/exclude globs, extra annotations
 * that mark a class thread-safe or a singleton, and extra blocking methods.
 *
 * @param source the file it was read from (null for {@link #EMPTY})
 */
public record ThreadlintConfig(
    Path source,
    Map<String, RuleSetting> rules,
    List<String> include,
    List<String> exclude,
    Set<String> threadSafeAnnotations,
    Set<String> singletonAnnotations,
    Set<String> blockingMethods) {

  public static final ThreadlintConfig EMPTY = new ThreadlintConfig(null, Map.of(), List.of(), List.of(), Set.of(), Set.of(), Set.of());

  public ThreadlintConfig {
    rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    threadSafeAnnotations = Set.copyOf(threadSafeAnnotations);
    singletonAnnotations = Set.copyOf(singletonAnnotations);
    blockingMethods = Set.copyOf(blockingMethods);
  }

  /**
   * Adds this configuration to a request. Call it before applying command-line or plugin settings,
   * so that those, applied afterwards, win for the same rule; globs and knowledge are added to
   * what the request already has.
   */
  public AnalysisRequest.Builder applyTo(AnalysisRequest.Builder b) {
    rules.forEach(b::rule);
    b.includes(include);
    b.excludes(exclude);
    b.extraThreadSafeAnnotations(threadSafeAnnotations);
    b.extraSingletonAnnotations(singletonAnnotations);
    b.extraBlockingMethods(blockingMethods);
    return b;
  }
}
