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
   * An alert to raise: what, how urgent, the event time of its cause and the key of that cause;
   * then say why, the next step and the evidence, and {@link Raising#raise()} it.
   */
  public Raising alert(AlertType type, Severity severity, long at, String dedupeKey) {
    return new Raising(type, severity, at, dedupeKey);
  }

  /** An alert on its way to being raised ({@link #alert}). */
  public final class Raising {
    private final AlertType type;
    private final Severity severity;
    private final long at;
    private final String dedupeKey;
    private String why;
    private String nextStep;
    private List<String> evidence = List.of();
    private String touchpointKind;

    private Raising(AlertType type, Severity severity, long at, String dedupeKey) {
      this.type = type;
      this.severity = severity;
      this.at = at;
      this.dedupeKey = dedupeKey;
    }

    /** The sentence ops read. */
    public Raising why(String why) {
      this.why = why;
      return this;
    }

    /** The suggested next step. */
    public Raising nextStep(String nextStep) {
      this.nextStep = nextStep;
      return this;
    }

    /** The ids of the events behind it. */
    public Raising evidence(List<String> evidence) {
      this.evidence = evidence;
      return this;
    }

    /**
     * The failing touchpoint kind that caused it: if it is an incident kind, incident detection
     * decides whether the alert folds into an incident (R6).
     */
    public Raising causedBy(String touchpointKind) {
      this.touchpointKind = touchpointKind;
      return this;
    }

    /** Raises it unless one is raised already for the same cause; whether it was raised now. */
    public boolean raise() {
      return RuleContext.this.raise(this);
    }
  }

  private boolean raise(Raising r) {
    if (state.alerts.containsKey(r.dedupeKey)) {
      return false;
    }
    SubjectState.ActiveAlert active = new SubjectState.ActiveAlert();
    active.type = r.type;
    active.severity = r.severity;
    active.raisedAt = r.at;
    active.evidence = new ArrayList<>(r.evidence);
    active.why = r.why;
    active.nextStep = r.nextStep;
    active.historic = isHistory(r.at);
    active.foldKind =
        r.touchpointKind != null && policy.isIncidentKind(r.touchpointKind)
            ? r.touchpointKind
            : null;
    state.alerts.put(r.dedupeKey, active);
    if (policy.index().enabled()) {
      PeriodAccounts.alert(state.periods, r.type.name(), r.at, state.score, model);
    }
    drafts.add(AlertDraft.raised(r.dedupeKey, active));
    return true;
  }

  /**
   * The alert raised under {@code dedupeKey}, to be cleared at event time {@code at}: say why, the
   * next step and the events that ended the cause, then {@link Clearing#clear()} it.
   */
  public Clearing clearing(String dedupeKey, long at) {
    return new Clearing(dedupeKey, at);
  }

  /** An alert on its way to being cleared ({@link #clearing}). */
  public final class Clearing {
    private final String dedupeKey;
    private final long at;
    private String why;
    private String nextStep;
    private List<String> moreEvidence = List.of();

    private Clearing(String dedupeKey, long at) {
      this.dedupeKey = dedupeKey;
      this.at = at;
    }

    /** The sentence ops read. */
    public Clearing why(String why) {
      this.why = why;
      return this;
    }

    /** The suggested next step. */
    public Clearing nextStep(String nextStep) {
      this.nextStep = nextStep;
      return this;
    }

    /** Event ids that ended the cause, added to the alert's evidence. */
    public Clearing evidence(List<String> moreEvidence) {
      this.moreEvidence = moreEvidence;
      return this;
    }

    /** Clears the alert, if one is raised under the key; whether one was cleared. */
    public boolean clear() {
      SubjectState.ActiveAlert active = state.alerts.remove(dedupeKey);
      if (active == null) {
        return false;
      }
      drafts.add(AlertDraft.cleared(dedupeKey, active, at, why, nextStep, moreEvidence));
      return true;
    }
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
