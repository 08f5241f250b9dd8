package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.rules.SubjectState;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the {@link ExperienceCore} (and through it the {@code SubjectEngine}) on the task's state
 * stores: per subject, loads the state, lets the engine take in the touchpoint, stores the state,
 * keeps the due index and the active alerts in step, and sends on the new view and the alerts.
 * Clocks fall due by event time as each record arrives and by wall-clock time when the input is
 * idle (see {@link EventClock}). A touchpoint that fails is dead-lettered.
 */
public final class ExperienceProcessor implements Processor<String, Touchpoint, String, Emitted> {

  static final String NAME = "experience-processor";
  private static final Logger LOG = LoggerFactory.getLogger(ExperienceProcessor.class);

  private final Policy policy;
  private ProcessorContext<String, Emitted> context;
  private KeyValueStore<String, IncidentAlert> incidents;
  private ExperienceCore core;

  public ExperienceProcessor(Policy policy) {
    this.policy = policy;
  }

  @Override
  public void init(ProcessorContext<String, Emitted> context) {
    this.context = context;
    this.incidents = context.getStateStore(StoreNames.INCIDENTS_STORE);
    KeyValueStore<String, SubjectState> states =
        context.getStateStore(StoreNames.SUBJECT_STATE_STORE);
    KeyValueStore<String, CustomerAlert> activeAlerts =
        context.getStateStore(StoreNames.ACTIVE_ALERTS_STORE);
    KeyValueStore<String, DueIndex.DueEntry> due =
        context.getStateStore(StoreNames.DUE_INDEX_STORE);
    this.core =
        new ExperienceCore(
            policy,
            new ExperienceCore.Stores(
                KeyValues.of(states), KeyValues.of(activeAlerts), KeyValues.of(due)),
            this::openIncident,
            context.currentSystemTimeMs(),
            new ExperienceCore.Output() {
              @Override
              public void experience(String subjectId, CustomerExperience view, long timestamp) {
                context.forward(
                    new Record<String, Emitted>(
                        subjectId, new Emitted.Experience(view), timestamp));
              }

              @Override
              public void alert(String subjectId, CustomerAlert alert, long timestamp) {
                context.forward(
                    new Record<String, Emitted>(subjectId, new Emitted.Alert(alert), timestamp));
              }
            });
    context.schedule(
        policy.clock().checkInterval(), PunctuationType.WALL_CLOCK_TIME, core::onWallClock);
  }

  @Override
  public void process(Record<String, Touchpoint> record) {
    Touchpoint t = record.value();
    try {
      core.onTouchpoint(t, context.currentSystemTimeMs());
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

  private Optional<String> openIncident(String touchpointKind) {
    IncidentAlert incident = incidents.get(touchpointKind);
    if (incident == null || incident.getStatus() == IncidentStatus.RESOLVED) {
      return Optional.empty();
    }
    return Optional.of(incident.getIncidentId());
  }
}
