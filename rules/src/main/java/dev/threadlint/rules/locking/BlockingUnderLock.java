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
import java.util.Set;

/**
 * A call that can block for a long time (sleep, join, queue put/take, Future.get, latch and
 * barrier waits, semaphore acquire, blocking I/O, JDBC, {@code wait()} on another monitor) made
 * while holding a lock, directly or in a callee: every thread that needs the lock waits too.
 */
@RuleInfo(
    id = "blocking-under-lock",
    title = "A blocking call is made while holding a lock; every thread that needs the lock stalls with it",
    severity = Severity.WARNING,
    category = Category.LOCK_DISCIPLINE,
    defectClass = "blocking-under-lock")
public final class BlockingUnderLock implements Rule {
  private final Set<String> extraBlocking;

  public BlockingUnderLock() {
    this(Set.of());
  }

  /** With extra blocking methods, as {@code "pkg.Type#method"}. */
  public BlockingUnderLock(Set<String> extraBlocking) {
    this.extraBlocking = Set.copyOf(extraBlocking);
  }

  @Override
  public void checkProgram(ProgramContext ctx) {
    LockSummaries summaries = LockSummaries.of(ctx.program(), extraBlocking);
    List<HeldLockAnalyzer.Candidate> all = new ArrayList<>();
    for (MethodModel body : HeldLockAnalyzer.sortedBodies(ctx.program())) {
      for (LockSummaries.Blocking b : summaries.of(body).blocking()) {
        LockSet held = b.effectivelyHeld();
        List<LockSet.Held> own = HeldLockAnalyzer.ownLocks(body, held, h -> true);
        if (!own.isEmpty()) {
          all.add(new HeldLockAnalyzer.Candidate(body, b.site(), own, b.path(), b));
        }
      }
    }
    for (HeldLockAnalyzer.Candidate c : HeldLockAnalyzer.onePerReport(HeldLockAnalyzer.onePerSite(all), HeldLockAnalyzer::describe)) {
      LockSummaries.Blocking b = (LockSummaries.Blocking) c.item();
      String locks = HeldLockAnalyzer.locksText(c.locks());
      String message = b.releases().isPresent()
          ? "'" + b.description() + "' releases only its own monitor; " + locks + " stays held while it waits"
          : "'" + b.description() + "' blocks while holding " + locks;
      if (!c.path().isEmpty()) {
        message += " (in " + c.path().get(c.path().size() - 1).callee().displayName() + ")";
      }
      var builder = ctx.finding(c.reportNode(), message)
          .suggestion("Move the blocking call out of the locked region (copy what it needs under the lock, then block without it), "
              + "or hand the work to an owner thread through a BlockingQueue");
      HeldLockAnalyzer.addEvidence(builder, c, "'" + b.description() + "' blocks here");
      builder.report();
    }
  }
}
