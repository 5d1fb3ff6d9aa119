package dev.threadlint.core.engine;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.FileContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;

/** A rule for engine tests: every call of a method named {@code flag} is a finding. */
@RuleInfo(id = "flag-call", title = "a call of flag()", severity = Severity.WARNING, category = Category.LOCK_DISCIPLINE, defectClass = "thread-misuse")
final class FlagCall implements Rule {
  @Override
  public void checkFile(FileContext ctx) {
    for (MethodCallExpr call : ctx.findAll(MethodCallExpr.class)) {
      if (call.getNameAsString().equals("flag")) {
        ctx.finding(call, "flag() called").report();
      }
    }
  }
}
