package dev.threadlint.rules.locking;

import dev.threadlint.core.analysis.LockSet;
import dev.threadlint.core.analysis.LockSummaries;
import dev.threadlint.core.api.Category;
import dev.threadlint.core.api.ProgramContext;
import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleInfo;
import dev.threadlint.core.api.Severity;
import dev.threadlint.core.program.MethodModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Code this class does not control — listeners and callbacks, functional-interface parameters,
 * abstract hooks — called while holding a lock. The alien code may block, take other locks
 * (deadlock) or call back in (re-entrancy on broken invariants). Call it after releasing the lock
 * (an "open call").
 */
@RuleInfo(
    id = "alien-call-under-lock",
    title = "Alien code (listener, callback, hook) is called while holding a lock",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "deadlock")
public final class AlienCallUnderLock implements Rule {

  @Override
  public void checkProgram(ProgramContext ctx) {
    LockSummaries summaries = LockSummaries.of(ctx.program());
    List<HeldLockAnalyzer.Candidate> all = new ArrayList<>();
    for (MethodModel body : HeldLockAnalyzer.sortedBodies(ctx.program())) {
      for (LockSummaries.AlienCall a : summaries.of(body).alienCalls()) {
        LockSet held = a.held();
        List<LockSet.Held> own = HeldLockAnalyzer.ownLocks(body, held, h -> true);
        if (!own.isEmpty()) {
          all.add(new HeldLockAnalyzer.Candidate(body, a.site(), own, a.path(), a));
        }
      }
    }
    for (HeldLockAnalyzer.Candidate c : HeldLockAnalyzer.onePerReport(HeldLockAnalyzer.onePerSite(all), HeldLockAnalyzer::describe)) {
      LockSummaries.AlienCall a = (LockSummaries.AlienCall) c.item();
      String message = "Alien call " + a.description() + " while holding " + HeldLockAnalyzer.locksText(c.locks())
          + (c.path().isEmpty() ? "" : " (in " + c.path().get(c.path().size() - 1).callee().displayName() + ")");
      var builder = ctx.finding(c.reportNode(), message)
          .suggestion("Make it an open call: copy what the callback needs (e.g. a snapshot of the listener list) under the lock, "
              + "release it, then call out");
      HeldLockAnalyzer.addEvidence(builder, c, "alien code runs here");
      builder.report();
    }
  }
}
