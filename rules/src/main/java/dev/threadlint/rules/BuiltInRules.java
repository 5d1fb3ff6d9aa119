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
import java.util.List;

/** Every built-in rule, in catalogue order. Registered as one ServiceLoader provider. */
public final class BuiltInRules implements RuleProvider {
  @Override
  public List<Rule> rules() {
    return List.of(
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
        new VirtualThreadPinning());
  }
}
