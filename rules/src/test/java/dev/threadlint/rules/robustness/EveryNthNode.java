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
import java.util.List;

/**
 * A test rule that stresses locations: it reports every {@value #N}th node of a file, with its
 * parent as evidence and an identity fix (the node's own source text, from its tokens) that must
 * cover exactly the node's characters. Not a real rule; never registered.
 */
@RuleInfo(id = "every-nth-node", title = "every nth node (test rule)", severity = Severity.INFO, category = Category.LOCK_DISCIPLINE,
    defectClass = "thread-misuse")
public final class EveryNthNode implements Rule {
  static final int N = 7;

  @Override
  public void checkFile(FileContext ctx) {
    List<Node> nodes = ctx.findAll(Node.class);
    for (int i = 0; i < nodes.size(); i += N) {
      Node n = nodes.get(i);
      if (n.getRange().isEmpty() || n.getTokenRange().isEmpty()) {
        continue;
      }
      StringBuilder own = new StringBuilder();
      for (JavaToken t : n.getTokenRange().get()) {
        own.append(t.getText());
      }
      var b = ctx.finding(n, "node " + n.getClass().getSimpleName());
      n.getParentNode().filter(p -> p.getRange().isPresent()).ifPresent(p -> b.evidence(p, "parent " + p.getClass().getSimpleName()));
      Fixes.replace(ctx.file(), n, own.toString()).ifPresent(e -> b.fix(Fixes.fix("identity", FixKind.SAFE, List.of(e))));
      b.report();
    }
  }
}
