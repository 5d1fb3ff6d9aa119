package dev.threadlint.core.program;

import java.util.Set;

/**
 * What a project tells the analyses about itself beyond the built-in knowledge (from
 * {@code threadlint.yml}, the CLI or the Maven plugin): extra annotation simple names that mark a
 * class thread-safe or a singleton, and extra blocking methods as {@code pkg.Type#method}.
 */
public record ProjectKnowledge(Set<String> threadSafeAnnotations, Set<String> singletonAnnotations, Set<String> blockingMethods) {
  public static final ProjectKnowledge NONE = new ProjectKnowledge(Set.of(), Set.of(), Set.of());

  public ProjectKnowledge {
    threadSafeAnnotations = Set.copyOf(threadSafeAnnotations);
    singletonAnnotations = Set.copyOf(singletonAnnotations);
    blockingMethods = Set.copyOf(blockingMethods);
  }

  /** True when {@code simpleName} (no {@code @}) is a user-declared thread-safe annotation. */
  public boolean isThreadSafeAnnotation(String simpleName) {
    return threadSafeAnnotations.contains(simpleName);
  }

  /** True when {@code simpleName} (no {@code @}) is a user-declared singleton annotation. */
  public boolean isSingletonAnnotation(String simpleName) {
    return singletonAnnotations.contains(simpleName);
  }

  /**
   * True when a call of {@code methodName} on {@code typeName} (qualified or simple) is declared
   * blocking. An entry {@code com.acme.Client#call} matches type {@code com.acme.Client} and, when
   * only the simple name is known, {@code Client}.
   */
  public boolean isBlockingMethod(String typeName, String methodName) {
    for (String entry : blockingMethods) {
      int hash = entry.indexOf('#');
      String type = entry.substring(0, hash);
      String method = entry.substring(hash + 1);
      if (!method.equals(methodName)) {
        continue;
      }
      String simple = type.substring(type.lastIndexOf('.') + 1);
      if (type.equals(typeName) || simple.equals(typeName)) {
        return true;
      }
    }
    return false;
  }
}
