package dev.threadlint.rules;

import dev.threadlint.core.api.Rule;
import dev.threadlint.core.api.RuleProvider;
import dev.threadlint.rules.deadlock.LockOrderCycle;
import dev.threadlint.rules.locking.AlienCallUnderLock;
import dev.threadlint.rules.locking.BadMonitor;
import dev.threadlint.rules.locking.BlockingUnderLock;
import dev.threadlint.rules.locking.LockNotReleased;
import dev.threadlint.rules.locking.NotifyInsteadOfNotifyAll;
import dev.threadlint.rules.locking.VirtualThreadPinning;
import dev.threadlint.rules.locking.WaitNotInLoop;
import dev.threadlint.rules.locking.WaitNotifyWithoutLock;
import dev.threadlint.rules.locking.ThreadRunCalled;
import dev.threadlint.rules.races.UnguardedSharedField;
import dev.threadlint.rules.races.InconsistentSynchronization;
import dev.threadlint.rules.races.UnsafeSharedCollection;
import dev.threadlint.rules.races.GuardedByViolation;
import dev.threadlint.rules.races.ThreadSafeClassMutableState;
import dev.threadlint.rules.races.SingletonMutableState;
import dev.threadlint.rules.races.CheckThenAct;
import dev.threadlint.rules.races.NonAtomicCompoundUpdate;
import dev.threadlint.rules.races.DoubleCheckedLocking;
import dev.threadlint.rules.races.NonVolatileFlag;
import dev.threadlint.rules.races.ThisEscape;
import dev.threadlint.rules.races.SharedNonThreadSafeObject;
import dev.threadlint.rules.threads.InterruptedJoin;
import dev.threadlint.rules.threads.InterruptedOnInstance;
import dev.threadlint.rules.threads.ThreadAsRunnable;
import dev.threadlint.rules.threads.ThreadNeverStarted;
import dev.threadlint.rules.threads.UnboundedPoolQueue;
import java.util.List;

/** Every built-in rule, in catalogue order. Registered as one ServiceLoader provider. */
public final class BuiltInRules implements RuleProvider {
  @Override
  public List<Rule> rules() {
    return List.of(
        // shared mutable state
        new UnguardedSharedField(),
        new InconsistentSynchronization(),
        new UnsafeSharedCollection(),
        new GuardedByViolation(),
        new ThreadSafeClassMutableState(),
        new SingletonMutableState(),
        new CheckThenAct(),
        new NonAtomicCompoundUpdate(),
        new DoubleCheckedLocking(),
        new NonVolatileFlag(),
        new ThisEscape(),
        new SharedNonThreadSafeObject(),
        // end shared mutable state
        new BadMonitor(),
        new ThreadRunCalled(),
        // lock ordering and discipline
        new LockOrderCycle(),
        new LockNotReleased(),
        new BlockingUnderLock(),
        new AlienCallUnderLock(),
        new WaitNotInLoop(),
        new WaitNotifyWithoutLock(),
        new NotifyInsteadOfNotifyAll(),
        new VirtualThreadPinning(),
        // thread and executor misuse
        new UnboundedPoolQueue(),
        new InterruptedJoin(),
        new ThreadNeverStarted(),
        new ThreadAsRunnable(),
        new InterruptedOnInstance());
  }
}
