package dev.touchpoints.streams.rules;

import dev.touchpoints.streams.model.Touchpoint;

/** One alert rule: plain Java, testable without a broker. */
public interface Rule {

  /** Reacts to a touchpoint (after the score took it in). */
  void onEvent(RuleContext ctx, Touchpoint event);

  /** Whether this rule started the clock {@code clockId}. */
  default boolean ownsClock(String clockId) {
    return false;
  }

  /** Reacts to one of its clocks falling due, at event time {@code dueAt}. */
  default void onClock(RuleContext ctx, String clockId, long dueAt) {}
}
