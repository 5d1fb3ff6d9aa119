package dev.threadlint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.RuleMetadata;
import dev.threadlint.core.api.RuleProvider;
import dev.threadlint.core.engine.RuleRegistry;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Checks every rule of the catalogue for the house conventions (one class = one id = one doc = one test). */
class RuleCatalogueTest {
  private static final List<String> SECTIONS = List.of("Problem", "Example", "Fix", "Suppression", "References");
  private static final Set<String> DEFECT_CLASSES = Set.of("race", "deadlock", "unreleased-lock", "blocking-under-lock", "dcl",
      "check-then-act", "volatile-nonatomic", "wait-notify", "bad-monitor", "unsafe-publication", "static-formatter", "thread-misuse");
  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private static List<Rule> rules() {
    return new BuiltInRules().rules();
  }

  /** {@code ThreadRunCalled} → {@code thread-run-called}; {@code DCLOnField} → {@code dcl-on-field}. */
  static String kebab(String className) {
    return className.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void kebabDerivation() {
    assertThat(kebab("ThreadRunCalled")).isEqualTo("thread-run-called");
    assertThat(kebab("BadMonitor")).isEqualTo("bad-monitor");
    assertThat(kebab("DCLOnField")).isEqualTo("dcl-on-field");
  }

  @Test
  void catalogueIsNotEmptyAndIdsAreUnique() {
    List<String> ids = rules().stream().map(r -> r.metadata().id()).toList();
    assertThat(ids).isNotEmpty().doesNotHaveDuplicates().contains("bad-monitor", "thread-run-called");
    List<String> classes = rules().stream().map(r -> r.getClass().getName()).toList();
    assertThat(classes).doesNotHaveDuplicates();
    List<String> altIds = new ArrayList<>();
    rules().forEach(r -> altIds.addAll(r.metadata().altIds()));
    assertThat(Collections.disjoint(ids, altIds)).as("an alt id must not shadow a current id").isTrue();
  }

  @TestFactory
  List<DynamicTest> everyRuleFollowsTheConventions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Rule rule : rules()) {
      Class<?> c = rule.getClass();
      RuleMetadata m = rule.metadata();
      tests.add(DynamicTest.dynamicTest(m.id(), () -> {
        RuleInfo info = c.getAnnotation(RuleInfo.class);
        assertThat(info).as("@RuleInfo on " + c.getName()).isNotNull();
        assertThat(m.id()).matches(KEBAB).isEqualTo(kebab(c.getSimpleName()));
        assertThat(Modifier.isFinal(c.getModifiers())).as(c.getSimpleName() + " is final").isTrue();
        for (Field f : c.getDeclaredFields()) {
          assertThat(Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers()))
              .as("rules are stateless: field " + f.getName() + " of " + c.getSimpleName()).isTrue();
        }
        assertThat(m.title()).isNotBlank();
        assertThat(info.defectClass()).isIn(DEFECT_CLASSES);

        String docs = readDocs(c, m.id());
        assertThat(docs).startsWith("# " + m.id() + "\n");
        int last = -1;
        for (String section : SECTIONS) {
          int at = docs.indexOf("\n## " + section + "\n");
          assertThat(at).as("section '## " + section + "' in docs of " + m.id()).isPositive();
          assertThat(at).as("section " + section + " in order").isGreaterThan(last);
          last = at;
        }
        assertThat(m.docs()).isEqualTo(docs);
        assertThat(m.description()).isNotBlank();

        String testClass = c.getName() + "Test";
        assertThat(classExists(testClass)).as(testClass + " on the test classpath").isTrue();
      }));
    }
    return tests;
  }

  private static String readDocs(Class<?> c, String id) throws Exception {
    try (InputStream in = c.getResourceAsStream(RuleMetadata.docsResource(c, id))) {
      assertThat(in).as("docs page " + RuleMetadata.docsResource(c, id)).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean classExists(String name) {
    try {
      Class.forName(name, false, RuleCatalogueTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void builtInRulesIsTheOnlyProvider() throws Exception {
    List<Class<?>> providers = new ArrayList<>();
    for (RuleProvider p : ServiceLoader.load(RuleProvider.class, BuiltInRules.class.getClassLoader())) {
      providers.add(p.getClass());
    }
    assertThat(providers).containsExactly(BuiltInRules.class);

    List<URL> files = Collections.list(BuiltInRules.class.getClassLoader()
        .getResources("META-INF/services/" + RuleProvider.class.getName()));
    assertThat(files).hasSize(1);
    try (InputStream in = files.get(0).openStream()) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
      assertThat(lines).containsExactly(BuiltInRules.class.getName());
    }
  }

  @Test
  void serviceLoaderDiscoversEveryBuiltInRule() {
    RuleRegistry registry = RuleRegistry.load();

    List<String> discovered = registry.entries().stream().map(e -> e.metadata().id()).toList();
    assertThat(discovered).containsExactlyElementsOf(rules().stream().map(r -> r.metadata().id()).toList());
    assertThat(registry.find("thread-run-called")).get().satisfies(e -> assertThat(e.rule()).isInstanceOf(dev.threadlint.rules.locking.ThreadRunCalled.class));
    assertThat(registry.find("bad-monitor")).get().satisfies(e -> assertThat(e.rule()).isInstanceOf(dev.threadlint.rules.locking.BadMonitor.class));
  }
}
