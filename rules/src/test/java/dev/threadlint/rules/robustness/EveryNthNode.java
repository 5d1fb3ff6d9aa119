package dev.threadlint.rules.robustness;

import com.github.javaparser.JavaToken;
import com.github.javaparser.ast.Node;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.finding.FixKind;
import dev.threadlint.core.fix.Fixes;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test rule that stresses locations: it reports every {@value #N}th node of a file, with its
 * parent as evidence and an identity fix (the node's own source text, from the tokens of an
 * independent parse) that must cover exactly the node's characters. Not a real rule; never
 * registered.
 */
@RuleInfo(id = "every-nth-node", title = "every nth node (test rule)", severity = Severity.INFO, category = Category.LOCK_DISCIPLINE,
    defectClass = "thread-misuse")
public final class EveryNthNode implements Rule {
  static final int N = 7;

  @Override
  public void checkFile(FileContext ctx) {
    Map<String, String> ownText = tokenTexts(ctx.file().text());
    List<Node> nodes = ctx.findAll(Node.class);
    for (int i = 0; i < nodes.size(); i += N) {
      Node n = nodes.get(i);
      if (n.getRange().isEmpty()) {
        continue;
      }
      var b = ctx.finding(n, "node " + n.getClass().getSimpleName());
      n.getParentNode().filter(p -> p.getRange().isPresent()).ifPresent(p -> b.evidence(p, "parent " + p.getClass().getSimpleName()));
      String own = ownText.get(key(n));
      if (own != null) {
        Fixes.replace(ctx.file(), n, own).ifPresent(e -> b.fix(Fixes.fix("identity", FixKind.SAFE, List.of(e))));
      }
      b.report();
    }
  }

  /**
   * The source text of every node, from the tokens of a second, independent parse (the engine's
   * trees keep no tokens), keyed by node type and range. Linear: token offsets are summed once and
   * texts are cut lazily.
   */
  private static Map<String, String> tokenTexts(String text) {
    ParserConfiguration.LanguageLevel[] levels = {ParserConfiguration.LanguageLevel.JAVA_25, ParserConfiguration.LanguageLevel.RAW};
    for (ParserConfiguration.LanguageLevel level : levels) {
      var r = new JavaParser(new ParserConfiguration().setLanguageLevel(level).setStoreTokens(true)).parse(text);
      if (r.getResult().isEmpty() || !r.getProblems().stream().allMatch(p -> p.getCause().isEmpty())) {
        continue;
      }
      var cu = r.getResult().get();
      Map<JavaToken, Integer> start = new IdentityHashMap<>();
      StringBuilder all = new StringBuilder();
      cu.getTokenRange().ifPresent(tr -> {
        for (JavaToken t : tr) {
          start.put(t, all.length());
          all.append(t.getText());
        }
      });
      String joined = all.toString();
      Map<String, Node> byKey = new HashMap<>();
      for (Node n : cu.findAll(Node.class)) {
        byKey.putIfAbsent(key(n), n);
      }
      return new java.util.AbstractMap<>() {
        @Override
        public String get(Object key) {
          Node n = byKey.get(key);
          if (n == null || n.getTokenRange().isEmpty()) {
            return null;
          }
          Integer from = start.get(n.getTokenRange().get().getBegin());
          JavaToken end = n.getTokenRange().get().getEnd();
          Integer to = start.get(end);
          return from == null || to == null ? null : joined.substring(from, to + end.getText().length());
        }

        @Override
        public java.util.Set<Map.Entry<String, String>> entrySet() {
          throw new UnsupportedOperationException();
        }
      };
    }
    return Map.of();
  }

  private static String key(Node n) {
    return n.getClass().getSimpleName() + n.getRange().map(Object::toString).orElse("");
  }
}
