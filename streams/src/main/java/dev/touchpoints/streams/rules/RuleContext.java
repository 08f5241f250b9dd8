package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.index.PeriodAccounts;
import dev.touchpoints.streams.scoring.Moment;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rule may do while it handles one event or one due clock: read the subject's state, raise
 * or clear alerts (never twice for the same open cause), start or stop clocks and add synthetic
 * moments to the score.
 */
public final class RuleContext {

  private final SubjectState state;
  private final Policy policy;
  private final ScoringModel model;
  private final List<AlertDraft> drafts = new ArrayList<>();
  private final long now;

  RuleContext(SubjectState state, Policy policy, ScoringModel model, long now) {
    this.now = now;
    this.state = state;
    this.policy = policy;
    this.model = model;
  }

  public SubjectState state() {
    return state;
  }

  public Policy policy() {
    return policy;
  }

  public ScoringModel model() {
    return model;
  }

  /** The alerts and clears decided so far. */
  public List<AlertDraft> drafts() {
    return drafts;
  }

  /** The overall score now. */
  public double overall() {
    return model.overall(state.score);
  }

  /** Whether an alert is raised under {@code dedupeKey}. */
  public boolean isRaised(String dedupeKey) {
    return state.alerts.containsKey(dedupeKey);
  }

  /**
   * Raises an alert unless one is raised already for the same cause.
   *
   * @param touchpointKind the failing touchpoint kind that caused it: if it is an incident kind,
   *     incident detection decides whether the alert folds into an incident (R6); or null
   * @return whether it was raised now
   */
  public boolean raise(
      AlertType type,
      Severity severity,
      long at,
      String dedupeKey,
      String why,
      String nextStep,
      List<String> evidence,
      String touchpointKind) {
    if (state.alerts.containsKey(dedupeKey)) {
      return false;
    }
    SubjectState.ActiveAlert active = new SubjectState.ActiveAlert();
    active.type = type;
    active.severity = severity;
    active.raisedAt = at;
    active.evidence = new ArrayList<>(evidence);
    active.why = why;
    active.nextStep = nextStep;
    active.historic = isHistory(at);
    active.foldKind =
        touchpointKind != null && policy.isIncidentKind(touchpointKind) ? touchpointKind : null;
    state.alerts.put(dedupeKey, active);
    if (policy.index().enabled()) {
      PeriodAccounts.alert(state.periods, type.name(), at, state.score, model);
    }
    drafts.add(AlertDraft.raised(dedupeKey, active));
    return true;
  }

  /**
   * Clears the alert raised under {@code dedupeKey}, if any.
   *
   * @param moreEvidence event ids that ended the cause, added to the alert's evidence
   * @return whether an alert was cleared
   */
  public boolean clear(
      String dedupeKey, long at, String why, String nextStep, List<String> moreEvidence) {
    SubjectState.ActiveAlert active = state.alerts.remove(dedupeKey);
    if (active == null) {
      return false;
    }
    drafts.add(AlertDraft.cleared(dedupeKey, active, at, why, nextStep, moreEvidence));
    return true;
  }

  /**
   * Whether a cause at event time {@code at} is history by the wall clock ({@link
   * Policy.Alerts#maxAge}); never for a step without a wall clock ({@link SubjectEngine#LIVE}).
   */
  private boolean isHistory(long at) {
    return now != SubjectEngine.LIVE && at < now - policy.alerts().maxAge().toMillis();
  }

  /** Starts or moves a clock. */
  public void schedule(String clockId, long dueAt) {
    state.clocks.put(clockId, dueAt);
  }

  /** Stops a clock. */
  public void cancel(String clockId) {
    state.clocks.remove(clockId);
  }

  /** Adds a moment to the score and remembers it if it was a bad one. */
  public void addMoment(Moment moment, String what) {
    ScoringModel.Applied applied = model.applied(state.score, moment);
    state.score = applied.state();
    if (policy.index().enabled()) {
      PeriodAccounts.moment(
          state.periods, moment.key(), moment.at(), applied.points(), state.score, model);
    }
    if (model.weightedPoints(moment.key(), moment.intensity()) <= policy.badMomentPoints()
        && moment.at() >= state.lastBadAt) {
      state.lastBadAt = moment.at();
      state.lastBadEventId = moment.eventId();
      state.lastBadWhat = what;
    }
  }
}
