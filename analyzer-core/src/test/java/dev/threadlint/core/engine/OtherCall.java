package dev.threadlint.core.engine;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;

/** A second engine-test rule, so that suppressing one rule can be seen not to silence another. */
@RuleInfo(id = "other-call", title = "a call of other()", severity = Severity.ERROR, category = Category.LOCK_DISCIPLINE, defectClass = "thread-misuse")
final class OtherCall implements Rule {
  @Override
  public void checkFile(FileContext ctx) {
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      if (call.getNameAsString().equals("other")) {
        ctx.finding(call, "other() called").report();
      }
    }
  }
}
