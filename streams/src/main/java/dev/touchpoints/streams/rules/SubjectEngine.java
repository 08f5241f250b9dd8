package dev.touchpoints.streams.rules;

import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.Moment;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The per-subject engine: takes a touchpoint or a due clock and the subject's state, updates the
 * score and runs every rule. Plain Java; the Kafka processor only loads and stores state around it.
 */
public final class SubjectEngine {

  private final Policy policy;
  private final ScoringModel model;
  private final List<Rule> rules;
  private final ExperienceDropRule drop = new ExperienceDropRule();

  public SubjectEngine(Policy policy) {
    this(policy, List.of());
  }

  /**
   * @param extraRules rules run after the built-in ones (tests use one to inject a fault)
   */
  public SubjectEngine(Policy policy, List<Rule> extraRules) {
    this.policy = policy;
    this.model = new ScoringModel(policy.scoring());
    List<Rule> all =
        new ArrayList<>(
            List.of(
                new PromiseBrokenRule(),
                new SilenceRule(),
                new SelfServiceRule(),
                new PushyContactRule(),
                new OverdueQuietRule(),
                new WinBackRule()));
    all.addAll(extraRules);
    this.rules = List.copyOf(all);
  }

  /** "No wall clock": a step whose alerts are never history (rule tests, benchmarks). */
  public static final long LIVE = Long.MIN_VALUE;

  /** {@link #onEvent(SubjectState, Touchpoint, long, long, IncidentLookup)} with no wall clock. */
  public Outcome onEvent(
      SubjectState state, Touchpoint e, long writtenAt, IncidentLookup incidents) {
    return onEvent(state, e, writtenAt, LIVE, incidents);
  }

  /** {@link #onClock(SubjectState, String, long, long, IncidentLookup)} with no wall clock. */
  public Outcome onClock(SubjectState state, String clockId, long dueAt, IncidentLookup incidents) {
    return onClock(state, clockId, dueAt, LIVE, incidents);
  }

  /** The scoring model in use. */
  public ScoringModel model() {
    return model;
  }

  /** A state for a subject not seen before. */
  public SubjectState newState(String subjectId, long at) {
    return SubjectState.first(subjectId, model.empty(at), at);
  }

  /**
   * Takes in one touchpoint: a pure step. {@code state} is not changed; the outcome carries a new
   * state. A repeat of an event id the subject's ledger holds from within the dedupe window is
   * dropped (the outcome says so and carries the state unchanged). A step that throws has changed
   * nothing and marked nothing as seen, so the event can be replayed.
   *
   * @param state the subject's state; null for a new subject
   * @param writtenAt when the event's record was written (dedupe goes by it: a retry or a replay
   *     comes soon after the first copy, however old the event)
   * @param now the wall clock: alerts whose cause is older than {@code policy.alerts.max-age} are
   *     history; {@link #LIVE} when there is none
   * @return the new state and the alerts and clears it caused
   */
  public Outcome onEvent(
      SubjectState state, Touchpoint e, long writtenAt, long now, IncidentLookup incidents) {
    if (state != null && seenBefore(state, e.eventId(), writtenAt)) {
      return new Outcome(state, List.of(), true);
    }
    SubjectState s = state == null ? newState(e.subjectId(), e.occurredAt()) : state.copy();
    remember(s, e.eventId(), writtenAt);
    s.eventCount++;
    s.firstEventAt = Math.min(s.firstEventAt, e.occurredAt());
    s.lastEventAt = Math.max(s.lastEventAt, e.occurredAt());
    if (e.customerInitiated()) {
      s.lastActivityAt = Math.max(s.lastActivityAt, e.occurredAt());
    }
    RuleContext ctx = new RuleContext(s, policy, model, incidents, now);
    double before = ctx.overall();
    ctx.addMoment(
        new Moment(e.kind(), e.intensity(), e.occurredAt(), e.eventId()),
        ScoringModel.label(e.kind()));
    for (Rule rule : rules) {
      rule.onEvent(ctx, e);
    }
    // A drop caused by a failure of an incident's kind folds into the incident like the failure.
    drop.check(ctx, before, e.occurredAt(), policy.isIncidentKind(e.kind()) ? e.kind() : null);
    return new Outcome(s, ctx.drafts(), false);
  }

  private boolean seenBefore(SubjectState s, String eventId, long writtenAt) {
    Long seenAt = s.seenEvents.get(eventId);
    return seenAt != null && Math.abs(writtenAt - seenAt) <= policy.dedupe().window().toMillis();
  }

  /**
   * Remembers an event id and forgets ids written more than the window before the newest one. Past
   * the per-subject bound the oldest ids go first: a repeat of one of those would count again.
   */
  private void remember(SubjectState s, String eventId, long writtenAt) {
    Map<String, Long> seen = s.seenEvents;
    seen.put(eventId, writtenAt);
    long newest = Collections.max(seen.values());
    long horizon = newest - policy.dedupe().window().toMillis();
    seen.values().removeIf(at -> at < horizon);
    int max = policy.dedupe().maxIdsPerSubject();
    while (seen.size() > max) {
      seen.entrySet().stream()
          .min(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey)
          .ifPresent(seen::remove);
    }
  }

  /**
   * Handles a clock that fell due: a pure step like {@link #onEvent}. A clock that was moved or
   * stopped since it was indexed is ignored, so a stale index entry never raises an alert.
   */
  public Outcome onClock(
      SubjectState state, String clockId, long dueAt, long now, IncidentLookup incidents) {
    Long scheduled = state.clocks.get(clockId);
    if (scheduled == null || scheduled != dueAt) {
      return new Outcome(state, List.of(), false);
    }
    SubjectState s = state.copy();
    s.clocks.remove(clockId);
    RuleContext ctx = new RuleContext(s, policy, model, incidents, now);
    double before = ctx.overall();
    for (Rule rule : rules) {
      if (rule.ownsClock(clockId)) {
        rule.onClock(ctx, clockId, dueAt);
      }
    }
    drop.check(ctx, before, Math.max(dueAt, s.score.asOf()), null);
    return new Outcome(s, ctx.drafts(), false);
  }

  /**
   * The result of one step.
   *
   * @param state the subject's state after it
   * @param alerts alerts raised and cleared, in order
   * @param duplicate the input was a repeat and was dropped
   */
  public record Outcome(SubjectState state, List<AlertDraft> alerts, boolean duplicate) {}
}
