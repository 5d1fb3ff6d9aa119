package dev.threadlint.core.api;

import java.util.List;

/**
 * The service registered in {@code META-INF/services/dev.threadlint.core.api.RuleProvider}. One
 * provider lists an ordered set of rules; third-party rule jars register their own.
 */
public interface RuleProvider {
  List<Rule> rules();
}
