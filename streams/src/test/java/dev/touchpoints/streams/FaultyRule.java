package dev.touchpoints.streams;

import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.rules.Rule;
import dev.touchpoints.streams.rules.RuleContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rule with a bug for crafted subjects: it throws while a subject's event, or one of its clocks,
 * is being handled – after the built-in rules have already changed the subject's working state, so
 * a half-applied change would show. Removing the subject is "deploying the fix".
 */
public final class FaultyRule implements Rule {

  private final Set<String> failingEvents = ConcurrentHashMap.newKeySet();
  private final Set<String> failingClocks = ConcurrentHashMap.newKeySet();

  /** Every event of {@code subjectId} fails from now on. */
  public FaultyRule failEventsOf(String subjectId) {
    failingEvents.add(subjectId);
    return this;
  }

  /** Every clock of {@code subjectId} fails from now on. */
  public FaultyRule failClocksOf(String subjectId) {
    failingClocks.add(subjectId);
    return this;
  }

  /** The fix is deployed: nothing fails any more. */
  public void fix() {
    failingEvents.clear();
    failingClocks.clear();
  }

  @Override
  public void onEvent(RuleContext ctx, Touchpoint event) {
    if (failingEvents.contains(ctx.state().subjectId)) {
      throw new IllegalStateException("injected fault in an event step");
    }
  }

  @Override
  public boolean ownsClock(String clockId) {
    return true;
  }

  @Override
  public void onClock(RuleContext ctx, String clockId, long dueAt) {
    if (failingClocks.contains(ctx.state().subjectId)) {
      throw new IllegalStateException("injected fault in a clock step");
    }
  }
}
