package dev.threadlint.core.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits the scanned files into groups whose findings cannot depend on each other, so that the
 * incremental cache ({@link ScanCache}) can re-analyse only the groups an edit touches.
 *
 * <h2>The graph</h2>
 * Files are nodes; an undirected edge joins two files when
 * <ol>
 *   <li>one mentions a simple name the other declares as a type (any identifier counts as a
 *       mention: type names, expression names and scopes, import and package segments, method
 *       names, annotation arguments, words in annotation strings such as
 *       {@code @GuardedBy("Other.lock")}); the name of an annotation ({@code @Foo}) does not count,
 *       because annotations are matched by simple name and their declarations are never read;
 *   <li>both acquire a lock of the same abstract identity in the lock-order graph (facts learnt by
 *       analysing the file; a type-based lock on a library type such as {@code monitor of some
 *       String} names no project type, yet lock-order cycles join the code that takes it);
 *   <li>one component mentions a library type {@code N} that a type of the other component
 *       extends or implements ({@code implements Runnable}), and calls a method name that the
 *       other declares: the call graph dispatches a call on a receiver of library type {@code N}
 *       to the scanned implementations of {@code N}, whose declaring file need not be named by
 *       the caller (and {@code N} may be spelled in another file of the caller's component, such
 *       as the superclass that declares the receiver field), so this rule joins whole components,
 *       repeated until nothing changes;
 *   <li>a file whose facts are unknown is joined to every file.
 * </ol>
 * A component is a connected component of this graph.
 *
 * <h2>Why findings depend only on their component</h2>
 * The analyses link code by names. A call, field access, thread start or subtype relation between
 * two project types is found by binding a name written in the using file: to a local, a field of
 * the enclosing type or of a supertype, or a type looked up by simple name (same file, same
 * package, imports — all of which spell the simple name, so the declaring file is a neighbour).
 * Types learnt indirectly — the return type of a called method, the declared type of a field of
 * another class, a generic argument — are spelled in the file that declares that method or field,
 * which is itself reached by a name, so every step of such a chain is an edge and the whole chain
 * lies in one component. The symbol solver answers from the same sources (only types whose
 * qualified name a file of the component spells or reaches this way), the JDK and classpath jars;
 * library types cannot name project types (see the caveats), and implicit supertypes
 * ({@code Object}, {@code Enum}, {@code Record}) are not project files. The three ways the model
 * connects code without a chain of names — dispatch on library supertypes, shared lock
 * identities, and global budgets — are covered by rules 2 and 3 above and by
 * {@link ScanCache}'s budget checks. Evidence of a finding (the other access, the lock edges, the
 * thread entry, the call path) therefore lies in files of the finding's own component, and a
 * finding's suppression and fingerprint depend only on its own file.
 *
 * <p>Caveats, closed conservatively by {@link ScanCache}: the call graph's symbol-solver budget
 * and the lock-order graph's enumeration bounds are global (a scan that could reach them is
 * analysed in full); the SpotBugs cross-check reads all class files (any change: full analysis); a
 * classpath jar compiled against the project's own sources (its signatures naming project types)
 * would be a link this graph does not see.
 */
final class DependencyComponents {
  private final List<Path> files;
  private final int[] parent;

  /**
   * @param facts facts per file in scan order; a null value means unknown (joins every file)
   * @param lockKeys per file, the lock identities its code acquires in lock-order edges
   */
  DependencyComponents(Map<Path, FileFacts> facts, Map<Path, Set<String>> lockKeys) {
    this.files = new ArrayList<>(facts.keySet());
    this.parent = new int[files.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    List<FileFacts> fs = new ArrayList<>(facts.values());
    Map<String, Integer> declarer = new HashMap<>();
    int unknown = -1;
    for (int i = 0; i < fs.size(); i++) {
      FileFacts f = fs.get(i);
      if (f == null) {
        if (unknown >= 0) {
          union(unknown, i);
        }
        unknown = i;
        continue;
      }
      for (String n : f.declared()) {
        Integer d = declarer.putIfAbsent(n, i);
        if (d != null) {
          union(d, i);
        }
      }
    }
    if (unknown >= 0) {
      for (int i = 0; i < fs.size(); i++) {
        union(unknown, i);
      }
    }
    // rule 1: mentions of declared names
    for (int i = 0; i < fs.size(); i++) {
      FileFacts f = fs.get(i);
      if (f == null) {
        continue;
      }
      for (String n : f.mentions()) {
        Integer d = declarer.get(n);
        if (d != null) {
          union(d, i);
        }
      }
    }
    // rule 2: shared lock identities
    Map<String, Integer> locker = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      for (String k : lockKeys.getOrDefault(files.get(i), Set.of())) {
        Integer d = locker.putIfAbsent(k, i);
        if (d != null) {
          union(d, i);
        }
      }
    }
    // rule 3: library supertypes, to a fixpoint (each union can only add method names to a component)
    Map<String, List<Integer>> implementors = new LinkedHashMap<>();
    for (int i = 0; i < fs.size(); i++) {
      FileFacts f = fs.get(i);
      if (f == null) {
        continue;
      }
      for (String s : f.supertypes()) {
        if (!declarer.containsKey(s)) {
          implementors.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
        }
      }
    }
    if (!implementors.isEmpty()) {
      // component level: the receiver's declared type may be spelled in another file of the
      // caller's component (an inherited field), so mentions and calls are pooled per component
      boolean changed = true;
      while (changed) {
        changed = false;
        Map<Integer, Set<String>> methodNames = new HashMap<>();
        Map<Integer, Set<String>> called = new HashMap<>();
        Map<String, Set<Integer>> mentioning = new HashMap<>();
        for (int i = 0; i < fs.size(); i++) {
          FileFacts f = fs.get(i);
          if (f == null) {
            continue;
          }
          int root = find(i);
          Set<String> names = methodNames.computeIfAbsent(root, k -> new HashSet<>());
          for (String m : f.declaredMethods()) {
            names.add(m.substring(0, m.lastIndexOf('/')));
          }
          called.computeIfAbsent(root, k -> new HashSet<>()).addAll(f.calledMethods());
          for (String n : f.mentions()) {
            if (implementors.containsKey(n)) {
              mentioning.computeIfAbsent(n, k -> new java.util.TreeSet<>()).add(root);
            }
          }
        }
        // pools may go stale within a pass; the next pass sees the merged components
        for (Map.Entry<String, List<Integer>> e : implementors.entrySet()) {
          Set<Integer> targets = new java.util.TreeSet<>();
          for (int s : e.getValue()) {
            targets.add(find(s));
          }
          for (int x : mentioning.getOrDefault(e.getKey(), Set.of())) {
            for (int y : targets) {
              if (find(x) != find(y) && called.getOrDefault(x, Set.of()).stream().anyMatch(methodNames.getOrDefault(y, Set.of())::contains)) {
                union(x, y);
                changed = true;
              }
            }
          }
        }
      }
    }
  }

  private int find(int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private void union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra != rb) {
      // the smaller index stays the root: deterministic component ids
      if (ra < rb) {
        parent[rb] = ra;
      } else {
        parent[ra] = rb;
      }
    }
  }

  /** The files of {@code file}'s component (in scan order), or just the file when it is unknown here. */
  Set<Path> componentOf(Path file) {
    if (index == null) {
      index = new HashMap<>();
      for (int i = 0; i < files.size(); i++) {
        index.put(files.get(i), i);
      }
    }
    Integer i = index.get(file);
    if (i == null) {
      return Set.of(file);
    }
    return members().get(find(i));
  }

  private Map<Path, Integer> index;

  /** Components by root index, each a set of files in scan order. */
  Map<Integer, Set<Path>> members() {
    if (members == null) {
      Map<Integer, Set<Path>> m = new LinkedHashMap<>();
      for (int i = 0; i < files.size(); i++) {
        m.computeIfAbsent(find(i), k -> new java.util.LinkedHashSet<>()).add(files.get(i));
      }
      members = m;
    }
    return members;
  }

  private Map<Integer, Set<Path>> members;

  int largest() {
    return members().values().stream().mapToInt(Set::size).max().orElse(0);
  }

  int count() {
    return members().size();
  }
}
