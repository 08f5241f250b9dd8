package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.rules.AlertDraft;
import dev.touchpoints.streams.rules.IncidentLookup;
import dev.touchpoints.streams.rules.SubjectEngine;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the experience processor does for one task, without Kafka: judges due dates by the task's
 * {@link EventClock}, fires due clocks from the {@link DueIndex}, lets the {@link SubjectEngine}
 * take in each touchpoint, and keeps state, due index and active alerts in step and publishes the
 * experience view. {@link ExperienceProcessor} hosts it on state stores and forwards what it emits;
 * the reference model ({@code dev.touchpoints.streams.reference}) runs the same code on in-memory
 * maps.
 */
public final class ExperienceCore {

  /** Where the core sends what it decided. */
  public interface Output {

    /** A subject's new view, stamped {@code timestamp} (event time). */
    void experience(String subjectId, CustomerExperience view, long timestamp);

    /** An alert or clear that is not folded into an incident, stamped with its event time. */
    void alert(String subjectId, CustomerAlert alert, long timestamp);
  }

  /**
   * The stores of one task.
   *
   * @param states each subject's state ({@link StoreNames#SUBJECT_STATE_STORE}); the query API
   *     derives each subject's view from it ({@link Views#experience})
   * @param activeAlerts raised alerts ({@link StoreNames#ACTIVE_ALERTS_STORE})
   * @param dueIndex clocks by due time ({@link StoreNames#DUE_INDEX_STORE})
   */
  public record Stores(
      KeyValues<SubjectState> states,
      KeyValues<CustomerAlert> activeAlerts,
      KeyValues<DueIndex.DueEntry> dueIndex) {}

  private final SubjectEngine engine;
  private final Stores stores;
  private final DueIndex dueIndex;
  private final EventClock clock;
  private final IncidentLookup incidents;
  private final Output out;

  /**
   * @param startWall wall-clock time the task starts at (idle detection starts from it)
   */
  public ExperienceCore(
      Policy policy, Stores stores, IncidentLookup incidents, long startWall, Output out) {
    this.engine = new SubjectEngine(policy);
    this.stores = stores;
    this.dueIndex = new DueIndex(stores.dueIndex());
    this.clock = new EventClock(policy.clock(), startWall);
    this.incidents = incidents;
    this.out = out;
  }

  /** The scoring model in use. */
  public ScoringModel model() {
    return engine.model();
  }

  /** Takes in one touchpoint: first fires the clocks its event time made due, then the event. */
  public void onTouchpoint(Touchpoint t, long wallNow) {
    fireDue(clock.onInput(t.occurredAt(), wallNow));
    SubjectState state = stores.states().get(t.subjectId());
    Map<String, Long> clocksBefore = state == null ? Map.of() : new TreeMap<>(state.clocks);
    SubjectEngine.Outcome outcome = engine.onEvent(state, t, incidents);
    persist(outcome, clocksBefore, t.occurredAt());
  }

  /** On a wall-clock tick: fires what is due if the task has been idle long enough. */
  public void onWallClock(long wallNow) {
    long upTo = clock.onWallClock(wallNow);
    if (upTo != Long.MIN_VALUE) {
      fireDue(upTo);
    }
  }

  private void fireDue(long upTo) {
    List<DueIndex.DueEntry> due = dueIndex.takeDue(upTo);
    while (!due.isEmpty()) {
      for (DueIndex.DueEntry entry : due) {
        SubjectState state = stores.states().get(entry.subjectId());
        if (state == null) {
          continue;
        }
        Map<String, Long> clocksBefore = new TreeMap<>(state.clocks);
        clocksBefore.remove(entry.clockId());
        SubjectEngine.Outcome outcome =
            engine.onClock(state, entry.clockId(), entry.dueAt(), incidents);
        persist(outcome, clocksBefore, entry.dueAt());
      }
      due = dueIndex.takeDue(upTo);
    }
  }

  private void persist(SubjectEngine.Outcome outcome, Map<String, Long> clocksBefore, long at) {
    SubjectState s = outcome.state();
    stores.states().put(s.subjectId, s);
    dueIndex.sync(s.subjectId, clocksBefore, s.clocks);
    // The view is a function of the state: published here, derived again on query, never stored.
    out.experience(s.subjectId, Views.experience(s, engine.model()), at);
    for (AlertDraft draft : outcome.alerts()) {
      CustomerAlert alert = AlertRecords.toAvro(s.subjectId, draft);
      String key = StoreNames.activeAlertKey(s.subjectId, draft.dedupeKey());
      if (draft.status() == AlertStatus.RAISED) {
        stores.activeAlerts().put(key, alert);
      } else {
        stores.activeAlerts().delete(key);
      }
      if (!draft.folded()) {
        out.alert(s.subjectId, alert, draft.eventTime());
      }
    }
  }
}
