package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.messages.Emitted;
import dev.touchpoints.streams.messages.IncidentSignal;
import dev.touchpoints.streams.records.AlertRecords;
import dev.touchpoints.streams.rules.IncidentDetector;
import dev.touchpoints.streams.rules.IncidentState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Hosts the {@link IncidentDetector} on signals keyed by touchpoint kind (R6), and decides which
 * per-customer alerts fold into an incident. Windows close by event time as signals arrive and by
 * wall-clock time when none arrive, so an incident resolves even when the failures stop completely.
 *
 * <p><b>Folding, in event time.</b> An alert that a failure of an incident kind caused (a failed
 * self-service run, an experience drop) waits here until this kind's event time has passed its
 * cause by {@code policy.incident.fold-wait}. Then, if an incident's span covers the cause's event
 * time, the alert is folded – never sent, and its clear neither – otherwise it goes to the alert
 * topics. An alert cleared while it waits never reaches ops. The decision depends on event times
 * alone, so a replay folds as the live run did.
 */
public final class IncidentProcessor implements Processor<String, IncidentSignal, String, Emitted> {

  /** How often paused incidents are looked at: the count ops see lags the pause by at most this. */
  private static final Duration REPORT_TICK = Duration.ofSeconds(1);

  private final Policy policy;
  private final IncidentDetector detector;
  private ProcessorContext<String, Emitted> context;
  private KeyValueStore<String, IncidentState> states;
  private KeyValueStore<String, Long> subjects;
  private KeyValueStore<String, IncidentSignal> held;
  private KeyValueStore<String, String> folded;
  private EventClock clock;

  /**
   * Wall-clock time of each kind's latest failure (in memory: after a restart, reports are due).
   */
  private final Map<String, Long> lastFailureWall = new HashMap<>();

  /**
   * No waiting alert is due before this event time (a lower bound; {@link Long#MIN_VALUE}: unknown
   * after a start, so the first look scans).
   */
  private long nextRelease = Long.MIN_VALUE;

  public IncidentProcessor(Policy policy) {
    this.policy = policy;
    this.detector = new IncidentDetector(policy.incident());
  }

  @Override
  public void init(ProcessorContext<String, Emitted> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.INCIDENT_STATE_STORE);
    this.subjects = context.getStateStore(StoreNames.INCIDENT_SUBJECTS_STORE);
    this.held = context.getStateStore(StoreNames.HELD_ALERTS_STORE);
    this.folded = context.getStateStore(StoreNames.FOLDED_ALERTS_STORE);
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
    context.schedule(REPORT_TICK, PunctuationType.WALL_CLOCK_TIME, this::reportCounts);
  }

  @Override
  public void process(Record<String, IncidentSignal> record) {
    IncidentSignal f = record.value();
    if (f.erasure()) {
      forget(f.kind(), f.subjectId());
      return;
    }
    long upTo = clock.onInput(f.at(), context.currentSystemTimeMs());
    advanceAll(upTo);
    if (f.hasAlert()) {
      onAlert(f);
      return;
    }
    lastFailureWall.put(f.kind(), context.currentSystemTimeMs());
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

  /**
   * An alert a failure caused: a RAISED waits for its decision; a CLEARED cancels a waiting RAISED
   * (neither reaches ops), follows a folded one into the incident, or goes to ops after a sent one.
   */
  private void onAlert(IncidentSignal signal) {
    String key = signal.subjectId() + "|" + signal.alert().dedupeKey();
    if (signal.alert().status() == AlertStatus.RAISED) {
      held.put(key, signal);
      nextRelease = Math.min(nextRelease, signal.at() + policy.incident().foldWait().toMillis());
      if (policy.incident().foldWait().isZero()) {
        decide(key, signal);
      }
      return;
    }
    if (held.get(key) != null) {
      held.delete(key);
    } else if (folded.get(key) != null) {
      folded.delete(key);
    } else {
      sendAlert(signal);
    }
  }

  /**
   * Drops what detection of {@code kind} holds about an erased subject: its last failure time and
   * any alert of it still waiting or folded (the clears of its open alerts came first). Counts
   * already made stay; they hold no subject.
   */
  private void forget(String kind, String subjectId) {
    subjects.delete(kind + "|" + subjectId);
    String from = subjectId + "|";
    String to = subjectId + "|\uffff";
    for (KeyValueStore<String, ?> store : List.of(held, folded)) {
      List<String> keys = new ArrayList<>();
      try (KeyValueIterator<String, ?> it = store.range(from, to)) {
        it.forEachRemaining(kv -> keys.add(kv.key));
      }
      keys.forEach(store::delete);
    }
  }

  /**
   * Decides every waiting alert whose cause this kind's event time has passed by the fold wait. The
   * store is scanned only once event time has reached the earliest decision known.
   */
  private void release(long upTo) {
    if (upTo < nextRelease) {
      return;
    }
    long wait = policy.incident().foldWait().toMillis();
    List<KeyValue<String, IncidentSignal>> due = new ArrayList<>();
    long next = Long.MAX_VALUE;
    try (KeyValueIterator<String, IncidentSignal> it = held.all()) {
      while (it.hasNext()) {
        KeyValue<String, IncidentSignal> kv = it.next();
        if (kv.value.at() + wait <= upTo) {
          due.add(kv);
        } else {
          next = Math.min(next, kv.value.at() + wait);
        }
      }
    }
    nextRelease = next;
    due.forEach(kv -> decide(kv.key, kv.value));
  }

  /** Folds a waiting alert into the incident that covers its cause, or sends it. */
  private void decide(String key, IncidentSignal signal) {
    held.delete(key);
    Optional<String> incident = detector.covering(states.get(signal.kind()), signal.at());
    if (incident.isPresent()) {
      folded.put(key, incident.get());
    } else {
      sendAlert(signal);
    }
  }

  private void sendAlert(IncidentSignal signal) {
    // Stamped when emitted, as every alert record (the cause's time is in eventTime).
    CustomerAlert alert = AlertRecords.toAvro(signal.subjectId(), signal.alert());
    context.forward(
        new Record<String, Emitted>(
            alert.getSubjectId(), new Emitted.Alert(alert), context.currentSystemTimeMs()));
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
    release(upTo);
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

  /**
   * Sends an incident record, stamped when it is emitted (the window's time is in the record) – as
   * history is not paged, one whose event time lies more than {@code policy.alerts.max-age} before
   * the wall clock is not sent: a replay of an old outage raises no incident now.
   */
  private void send(IncidentAlert alert) {
    long now = context.currentSystemTimeMs();
    if (alert.getEventTime().toEpochMilli() < now - policy.alerts().maxAge().toMillis()) {
      return;
    }
    context.forward(
        new Record<String, Emitted>(alert.getTouchpointKind(), new Emitted.Incident(alert), now));
  }
}
