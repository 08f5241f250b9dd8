package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.rules.AlertDraft;
import dev.touchpoints.streams.rules.IncidentLookup;
import dev.touchpoints.streams.rules.SubjectEngine;
import dev.touchpoints.streams.rules.SubjectState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the {@link SubjectEngine}: per subject, loads the state, lets the engine take in the
 * touchpoint, stores the state, keeps the due index, the experience view and the active alerts in
 * step, and sends on the new view and the alerts. Clocks fall due by event time as each record
 * arrives and by wall-clock time when the input is idle (see {@link EventClock}).
 */
public final class ExperienceProcessor implements Processor<String, Touchpoint, String, Emitted> {

  static final String NAME = "experience-processor";
  private static final Logger LOG = LoggerFactory.getLogger(ExperienceProcessor.class);

  private final Policy policy;
  private final SubjectEngine engine;
  private ProcessorContext<String, Emitted> context;
  private KeyValueStore<String, SubjectState> states;
  private KeyValueStore<String, CustomerExperience> experiences;
  private KeyValueStore<String, CustomerAlert> activeAlerts;
  private KeyValueStore<String, IncidentAlert> incidents;
  private DueIndex dueIndex;
  private EventClock clock;
  private IncidentLookup incidentLookup;

  public ExperienceProcessor(Policy policy) {
    this.policy = policy;
    this.engine = new SubjectEngine(policy);
  }

  @Override
  public void init(ProcessorContext<String, Emitted> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.SUBJECT_STATE_STORE);
    this.experiences = context.getStateStore(StoreNames.EXPERIENCE_STORE);
    this.activeAlerts = context.getStateStore(StoreNames.ACTIVE_ALERTS_STORE);
    this.incidents = context.getStateStore(StoreNames.INCIDENTS_STORE);
    this.dueIndex = new DueIndex(context.getStateStore(StoreNames.DUE_INDEX_STORE));
    this.clock = new EventClock(policy.clock(), context.currentSystemTimeMs());
    this.incidentLookup = this::openIncident;
    context.schedule(
        policy.clock().checkInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          long upTo = clock.onWallClock(now);
          if (upTo != Long.MIN_VALUE) {
            fireDue(upTo);
          }
        });
  }

  @Override
  public void process(Record<String, Touchpoint> record) {
    Touchpoint t = record.value();
    try {
      fireDue(clock.onInput(t.occurredAt(), context.currentSystemTimeMs()));
      SubjectState state = states.get(t.subjectId());
      Map<String, Long> clocksBefore = state == null ? Map.of() : new TreeMap<>(state.clocks);
      SubjectEngine.Outcome outcome = engine.onEvent(state, t, incidentLookup);
      persist(outcome, clocksBefore, t.occurredAt());
    } catch (RuntimeException e) {
      if (t.raw() == null) {
        throw e;
      }
      LOG.warn("Dead-lettering event of {} after a processing error", t.raw().topic(), e);
      context.forward(
          new Record<String, Emitted>(
              DeadLetters.coordinates(t.raw()),
              new Emitted.Dead(
                  DeadLetters.of(
                      t.raw(), "processing failed: " + e, e, NAME, context.currentSystemTimeMs())),
              record.timestamp()));
    }
  }

  private void fireDue(long upTo) {
    List<DueIndex.DueEntry> due = dueIndex.takeDue(upTo);
    while (!due.isEmpty()) {
      for (DueIndex.DueEntry entry : due) {
        SubjectState state = states.get(entry.subjectId());
        if (state == null) {
          continue;
        }
        Map<String, Long> clocksBefore = new TreeMap<>(state.clocks);
        clocksBefore.remove(entry.clockId());
        SubjectEngine.Outcome outcome =
            engine.onClock(state, entry.clockId(), entry.dueAt(), incidentLookup);
        persist(outcome, clocksBefore, entry.dueAt());
      }
      due = dueIndex.takeDue(upTo);
    }
  }

  private void persist(SubjectEngine.Outcome outcome, Map<String, Long> clocksBefore, long at) {
    SubjectState s = outcome.state();
    states.put(s.subjectId, s);
    dueIndex.sync(s.subjectId, clocksBefore, s.clocks);
    CustomerExperience view = Views.experience(s, engine.model());
    experiences.put(s.subjectId, view);
    context.forward(new Record<String, Emitted>(s.subjectId, new Emitted.Experience(view), at));
    for (AlertDraft draft : outcome.alerts()) {
      CustomerAlert alert = AlertRecords.toAvro(s.subjectId, draft);
      String key = StoreNames.activeAlertKey(s.subjectId, draft.dedupeKey());
      if (draft.status() == AlertStatus.RAISED) {
        activeAlerts.put(key, alert);
      } else {
        activeAlerts.delete(key);
      }
      if (!draft.folded()) {
        context.forward(
            new Record<String, Emitted>(s.subjectId, new Emitted.Alert(alert), draft.eventTime()));
      }
    }
  }

  private Optional<String> openIncident(String touchpointKind) {
    IncidentAlert incident = incidents.get(touchpointKind);
    if (incident == null || incident.getStatus() == IncidentStatus.RESOLVED) {
      return Optional.empty();
    }
    return Optional.of(incident.getIncidentId());
  }
}
