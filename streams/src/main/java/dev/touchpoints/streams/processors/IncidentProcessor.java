package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.rules.IncidentDetector;
import dev.touchpoints.streams.rules.IncidentState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hosts the {@link IncidentDetector} on failures keyed by touchpoint kind (R6). Windows close by
 * event time as failures arrive and by wall-clock time when none arrive, so an incident resolves
 * even when the failures stop completely.
 */
public final class IncidentProcessor
    implements Processor<String, FailureSignal, String, IncidentAlert> {

  private final Policy policy;
  private final IncidentDetector detector;
  private ProcessorContext<String, IncidentAlert> context;
  private KeyValueStore<String, IncidentState> states;
  private KeyValueStore<String, Long> subjects;
  private EventClock clock;

  /**
   * Wall-clock time of each kind's latest failure (in memory: after a restart, reports are due).
   */
  private final Map<String, Long> lastFailureWall = new HashMap<>();

  public IncidentProcessor(Policy policy) {
    this.policy = policy;
    this.detector = new IncidentDetector(policy.incident());
  }

  @Override
  public void init(ProcessorContext<String, IncidentAlert> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.INCIDENT_STATE_STORE);
    this.subjects = context.getStateStore(StoreNames.INCIDENT_SUBJECTS_STORE);
    this.clock = new EventClock(policy.clock(), context.currentSystemTimeMs());
    context.schedule(
        policy.clock().checkInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          long upTo = clock.onWallClock(now);
          if (upTo != Long.MIN_VALUE) {
            advanceAll(upTo);
          }
        });
    context.schedule(
        policy.incident().window(), PunctuationType.WALL_CLOCK_TIME, now -> forgetSubjects());
    context.schedule(
        policy.incident().reportInterval(), PunctuationType.WALL_CLOCK_TIME, this::reportCounts);
  }

  @Override
  public void process(Record<String, FailureSignal> record) {
    FailureSignal f = record.value();
    lastFailureWall.put(f.kind(), context.currentSystemTimeMs());
    advanceAll(clock.onInput(f.at(), context.currentSystemTimeMs()));
    IncidentState s = states.get(f.kind());
    if (s == null) {
      s = detector.newState(f.kind(), f.at());
    }
    List<IncidentAlert> out = new ArrayList<>(detector.advance(s, f.at()));
    String subjectKey = f.kind() + "|" + f.subjectId();
    Long last = subjects.get(subjectKey);
    boolean newInWindow = last == null || last < s.windowStart;
    boolean newInIncident = s.open == null || last == null || last < s.open.windowStart;
    subjects.put(subjectKey, last == null ? f.at() : Math.max(last, f.at()));
    out.addAll(detector.onFailure(s, f.eventId(), f.at(), newInWindow, newInIncident));
    states.put(f.kind(), s);
    out.forEach(this::send);
  }

  private void advanceAll(long upTo) {
    List<KeyValue<String, IncidentState>> changed = new ArrayList<>();
    List<IncidentAlert> out = new ArrayList<>();
    try (KeyValueIterator<String, IncidentState> it = states.all()) {
      while (it.hasNext()) {
        KeyValue<String, IncidentState> kv = it.next();
        long before = kv.value.windowStart;
        List<IncidentAlert> alerts = detector.advance(kv.value, upTo);
        if (kv.value.windowStart != before) {
          changed.add(kv);
          out.addAll(alerts);
        }
      }
    }
    changed.forEach(
        kv -> {
          if (detector.isIdle(kv.value)) {
            states.delete(kv.key);
          } else {
            states.put(kv.key, kv.value);
          }
        });
    out.forEach(this::send);
  }

  /**
   * Publishes the affected count of every open incident whose count grew since its last record and
   * whose failures paused for a report interval: a burst that ends faster than the growth updates'
   * minimum interval still shows its real size within seconds, while a steady stream of failures is
   * reported by the growth updates alone (no record every few seconds).
   */
  private void reportCounts(long wallNow) {
    long interval = policy.incident().reportInterval().toMillis();
    List<KeyValue<String, IncidentState>> grown = new ArrayList<>();
    List<IncidentAlert> out = new ArrayList<>();
    try (KeyValueIterator<String, IncidentState> it = states.all()) {
      while (it.hasNext()) {
        KeyValue<String, IncidentState> kv = it.next();
        Long lastFailure = lastFailureWall.get(kv.key);
        if (lastFailure != null && wallNow - lastFailure < interval) {
          continue;
        }
        detector
            .catchUp(kv.value)
            .ifPresent(
                alert -> {
                  grown.add(kv);
                  out.add(alert);
                });
      }
    }
    grown.forEach(kv -> states.put(kv.key, kv.value));
    out.forEach(this::send);
  }

  private void forgetSubjects() {
    long horizon = clock.watermark() - 2 * policy.incident().window().toMillis();
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = subjects.all()) {
      while (it.hasNext()) {
        KeyValue<String, Long> kv = it.next();
        String kind = kv.key.substring(0, kv.key.indexOf('|'));
        IncidentState s = states.get(kind);
        long keepFrom = s != null && s.open != null ? s.open.windowStart : horizon;
        if (kv.value < Math.min(keepFrom, horizon)) {
          old.add(kv.key);
        }
      }
    }
    old.forEach(subjects::delete);
  }

  private void send(IncidentAlert alert) {
    context.forward(
        new Record<>(alert.getTouchpointKind(), alert, alert.getEventTime().toEpochMilli()));
  }
}
