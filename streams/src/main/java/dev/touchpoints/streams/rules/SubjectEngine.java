package dev.touchpoints.streams.rules;

import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.Moment;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.List;

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
    this.policy = policy;
    this.model = new ScoringModel(policy.scoring());
    this.rules =
        List.of(
            new PromiseBrokenRule(),
            new SilenceRule(),
            new SelfServiceRule(),
            new PushyContactRule(),
            new OverdueQuietRule(),
            new WinBackRule());
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
   * Takes in one touchpoint.
   *
   * @param state the subject's state, changed in place; null for a new subject
   * @return the new state and the alerts and clears it caused
   */
  public Outcome onEvent(SubjectState state, Touchpoint e, IncidentLookup incidents) {
    SubjectState s = state == null ? newState(e.subjectId(), e.occurredAt()) : state;
    s.eventCount++;
    s.firstEventAt = Math.min(s.firstEventAt, e.occurredAt());
    s.lastEventAt = Math.max(s.lastEventAt, e.occurredAt());
    if (e.customerInitiated()) {
      s.lastActivityAt = Math.max(s.lastActivityAt, e.occurredAt());
    }
    RuleContext ctx = new RuleContext(s, policy, model, incidents);
    double before = ctx.overall();
    ctx.addMoment(
        new Moment(e.kind(), e.intensity(), e.occurredAt(), e.eventId()),
        ScoringModel.label(e.kind()));
    for (Rule rule : rules) {
      rule.onEvent(ctx, e);
    }
    drop.check(ctx, before, e.occurredAt());
    return new Outcome(s, ctx.drafts());
  }

  /**
   * Handles a clock that fell due. A clock that was moved or stopped since it was indexed is
   * ignored, so a stale index entry never raises an alert.
   */
  public Outcome onClock(SubjectState s, String clockId, long dueAt, IncidentLookup incidents) {
    Long scheduled = s.clocks.get(clockId);
    if (scheduled == null || scheduled != dueAt) {
      return new Outcome(s, List.of());
    }
    s.clocks.remove(clockId);
    RuleContext ctx = new RuleContext(s, policy, model, incidents);
    double before = ctx.overall();
    for (Rule rule : rules) {
      if (rule.ownsClock(clockId)) {
        rule.onClock(ctx, clockId, dueAt);
      }
    }
    drop.check(ctx, before, Math.max(dueAt, s.score.asOf()));
    return new Outcome(s, ctx.drafts());
  }

  /**
   * The result of one step.
   *
   * @param state the subject's state after it
   * @param alerts alerts raised and cleared, in order
   */
  public record Outcome(SubjectState state, List<AlertDraft> alerts) {}
}
