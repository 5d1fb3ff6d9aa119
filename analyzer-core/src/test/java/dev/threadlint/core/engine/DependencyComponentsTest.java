package dev.threadlint.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.StaticJavaParser;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyComponentsTest {
  private final Map<Path, FileFacts> facts = new LinkedHashMap<>();
  private final Map<Path, Set<String>> locks = new HashMap<>();

  private Path add(String name, String source) {
    Path p = Path.of("/src", name + ".java");
    facts.put(p, FileFacts.of(StaticJavaParser.parse(source)));
    return p;
  }

  private Set<Path> componentOf(Path p) {
    return new DependencyComponents(facts, locks).componentOf(p);
  }

  @Test
  void facts_collect_declarations_supertypes_and_every_name() {
    FileFacts f = FileFacts.of(StaticJavaParser.parse("""
        package a.b;
        import x.y.Imported;
        @GuardedBy("Other.lock")
        class Outer extends Base implements Runnable {
          static class Inner {}
          void run() { helper.go(1, 2); Util.call(); new Thread(new Runnable() { public void run() {} }); }
          void many(String... xs) {}
        }
        """));
    assertThat(f.declared()).containsExactlyInAnyOrder("Outer", "Inner");
    assertThat(f.supertypes()).containsExactlyInAnyOrder("Base", "Runnable");
    assertThat(f.mentions()).contains("Imported", "Other", "lock", "Util", "helper", "Thread", "a", "b", "y")
        .doesNotContain("GuardedBy");
    assertThat(f.calledMethods()).contains("go", "call");
    assertThat(f.declaredMethods()).contains("run/0", "many/1+");
    assertThat(f.scopedCalls()).containsEntry("go/2", 1).containsEntry("call/0", 1);
    assertThat(FileFacts.declares(f.declaredMethods(), "many/0")).isTrue();
    assertThat(FileFacts.declares(f.declaredMethods(), "many/3")).isTrue();
    assertThat(FileFacts.declares(f.declaredMethods(), "run/1")).isFalse();
  }

  @Test
  void a_chain_of_type_names_is_one_component_and_unrelated_files_stay_apart() {
    Path a = add("A", "class A { B b; void go() { b.next().work(); } }");
    Path b = add("B", "class B { C next() { return new C(); } }");
    Path c = add("C", "class C { int n; void work() { n++; } }");
    Path d = add("D", "class D { int m; }");
    assertThat(componentOf(a)).containsExactly(a, b, c);
    assertThat(componentOf(d)).containsExactly(d);
  }

  @Test
  void an_annotation_name_does_not_link_but_its_arguments_do() {
    Path ann = add("Marker", "@interface Marker { Class<?> value(); }");
    Path user = add("User", "@Marker(Target.class) class User { }");
    Path target = add("Target", "class Target { }");
    assertThat(componentOf(user)).containsExactlyInAnyOrder(user, target);
    assertThat(componentOf(ann)).containsExactly(ann);
  }

  @Test
  void same_package_reference_without_import_links_by_name() {
    Path a = add("A", "package p; class A { void go() { Helper.help(); } }");
    Path h = add("Helper", "package p; class Helper { static void help() {} }");
    assertThat(componentOf(a)).contains(h);
  }

  @Test
  void a_call_on_a_library_interface_links_to_implementations_that_declare_the_method() {
    // the call graph dispatches task.run() on a Runnable to every scanned Runnable's run()
    Path caller = add("Caller", "class Caller { void go(Runnable task) { task.run(); } }");
    Path impl = add("Job", "class Job implements Runnable { public void run() {} }");
    // implements Runnable too, but declares no method the caller calls
    Path marker = add("Marker", "abstract class Marker implements Runnable { void other() {} }");
    assertThat(componentOf(caller)).containsExactlyInAnyOrder(caller, impl);
    assertThat(componentOf(marker)).containsExactly(marker);
  }

  @Test
  void library_supertype_link_sees_methods_inherited_from_the_component() {
    // Job's run() is declared in its project superclass Base, in another file
    Path caller = add("Caller", "class Caller { void go(Runnable task) { task.run(); } }");
    Path job = add("Job", "class Job extends Base implements Runnable { }");
    Path base = add("Base", "class Base { public void run() {} }");
    assertThat(componentOf(caller)).containsExactlyInAnyOrder(caller, job, base);
  }

  @Test
  void library_receiver_type_spelled_in_a_superclass_of_the_caller_still_links() {
    // Caller never spells Runnable: the field it calls through is declared in its superclass
    Path caller = add("Caller", "class Caller extends Holder { void go() { task.run(); } }");
    Path holder = add("Holder", "class Holder { protected Runnable task; }");
    Path job = add("Job", "class Job implements Runnable { public void run() {} }");
    assertThat(componentOf(caller)).containsExactlyInAnyOrder(caller, holder, job);
  }

  @Test
  void shared_lock_identities_link_files_that_name_nothing_of_each_other() {
    Path a = add("A", "class A { void f() { synchronized (String.class) { synchronized (Integer.class) {} } } }");
    Path b = add("B", "class B { void g() { synchronized (Integer.class) { synchronized (String.class) {} } } }");
    assertThat(componentOf(a)).containsExactly(a);
    locks.put(a, Set.of("CLASS:java.lang.String", "CLASS:java.lang.Integer"));
    locks.put(b, Set.of("CLASS:java.lang.Integer", "CLASS:java.lang.String"));
    assertThat(componentOf(a)).containsExactly(a, b);
  }

  @Test
  void a_file_with_unknown_facts_joins_every_component() {
    Path a = add("A", "class A {}");
    Path b = add("B", "class B {}");
    Path u = Path.of("/src/U.java");
    facts.put(u, null);
    assertThat(componentOf(a)).containsExactlyInAnyOrder(a, b, u);
  }

  @Test
  void lock_bound_check_counts_cycles_of_the_stored_edges() {
    ScanCache.Entry small = entry(List.of("x\u0000y", "y\u0000x"));
    assertThat(ScanCache.lockBoundsSafe(List.of(small))).isTrue();
    // a complete graph on 12 locks has far more elementary cycles of length ≤ 6 than the graph keeps
    List<String> dense = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 12; j++) {
        if (i != j) {
          dense.add("l" + i + "\u0000l" + j);
        }
      }
    }
    assertThat(ScanCache.lockBoundsSafe(List.of(entry(dense)))).isFalse();
  }

  @Test
  void solver_bound_counts_calls_gated_only_by_methods_of_other_components() {
    FileFacts caller = FileFacts.of(StaticJavaParser.parse("class A { void go(Object o) { o.toString(); ((B) null).x(); lookup().frob(1); } Object lookup() { return null; } }"));
    FileFacts other = FileFacts.of(StaticJavaParser.parse("class Z { void frob(int i) {} }"));
    ScanCache.Entry a = new ScanCache.Entry(Path.of("/A.java"), 1, "h", true, false, caller, List.of(), 3, List.of(), List.of(), List.of());
    ScanCache.Entry z = new ScanCache.Entry(Path.of("/Z.java"), 1, "h", true, false, other, List.of(), 0, List.of(), List.of(), List.of());
    // 3 observed + frob/1, which only Z (another component) declares
    assertThat(ScanCache.solverBound(List.of(a, z))).isEqualTo(4);
    assertThat(ScanCache.solverBound(List.of(a))).isEqualTo(3);
  }

  private static ScanCache.Entry entry(List<String> lockEdges) {
    return new ScanCache.Entry(Path.of("/X.java"), 1, "h", true, false, FileFacts.NONE, lockEdges, 0, List.of(), List.of(), List.of());
  }
}
