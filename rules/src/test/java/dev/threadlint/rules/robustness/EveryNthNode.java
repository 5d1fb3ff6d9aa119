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
   * trees keep no tokens), keyed by node type and range.
   */
  private static Map<String, String> tokenTexts(String text) {
    Map<String, String> out = new HashMap<>();
    ParserConfiguration.LanguageLevel[] levels = {ParserConfiguration.LanguageLevel.JAVA_25, ParserConfiguration.LanguageLevel.RAW};
    for (ParserConfiguration.LanguageLevel level : levels) {
      var r = new JavaParser(new ParserConfiguration().setLanguageLevel(level).setStoreTokens(true)).parse(text);
      if (r.getResult().isPresent() && r.getProblems().stream().allMatch(p -> p.getCause().isEmpty())) {
        for (Node n : r.getResult().get().findAll(Node.class)) {
          n.getTokenRange().ifPresent(tr -> {
            StringBuilder sb = new StringBuilder();
            for (JavaToken t : tr) {
              sb.append(t.getText());
            }
            out.putIfAbsent(key(n), sb.toString());
          });
        }
        return out;
      }
    }
    return out;
  }

  private static String key(Node n) {
    return n.getClass().getSimpleName() + n.getRange().map(Object::toString).orElse("");
  }
}
