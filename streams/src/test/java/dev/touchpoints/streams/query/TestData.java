package dev.touchpoints.streams.query;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DimensionScores;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.avro.OpenCase;
import dev.touchpoints.avro.OpenPromise;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.avro.TouchpointSummary;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.ledger.RaisedAlertIndex;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.state.Link;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Builders of the records the stores hold. */
final class TestData {

  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private TestData() {}

  static CustomerExperience experience(String subjectId, double overall) {
    return CustomerExperience.newBuilder()
        .setSubjectId(subjectId)
        .setOverall(overall)
        .setDimensions(new DimensionScores(overall, 50.0, overall, 50.0))
        .setOverall30DaysAgo(60.0)
        .setTrend(overall - 60.0)
        .setOpenCases(
            List.of(
                new OpenCase(
                    "case-1",
                    CaseKind.COMPLAINT,
                    NOW.minus(Duration.ofDays(3)),
                    NOW.minus(Duration.ofHours(5)))))
        .setOpenPromises(
            List.of(new OpenPromise("promise-1", "case-1", NOW.plus(Duration.ofHours(2)))))
        .setRecentTouchpoints(
            List.of(
                new TouchpointSummary(
                    "evt-1", "support.case_opened", NOW.minus(Duration.ofDays(3)), -6.0),
                new TouchpointSummary(
                    "evt-2", "web.self_service_failed", NOW.minus(Duration.ofDays(1)), -4.5)))
        .setReasons(List.of("Complaint open for 3 days without an update"))
        .setEventCount(2)
        .setLastEventAt(NOW.minus(Duration.ofDays(1)))
        .setUpdatedAt(NOW.minus(Duration.ofHours(1)))
        .build();
  }

  static CustomerAlert alert(String subjectId, AlertType type, Severity severity, Instant at) {
    return CustomerAlert.newBuilder()
        .setAlertId("alert-" + subjectId + "-" + type)
        .setSubjectId(subjectId)
        .setType(type)
        .setStatus(AlertStatus.RAISED)
        .setSeverity(severity)
        .setEventTime(at)
        .setWhy("Complaint case-1 has had no update for 5 hours")
        .setNextStep("Send the customer a status update today")
        .setEvidence(List.of("evt-1"))
        .setDedupeKey(type + ":case-1")
        .setIncidentId(null)
        .build();
  }

  static String alertKey(CustomerAlert alert) {
    return StoreNames.raisedAlertKey(alert.getSubjectId(), alert.getDedupeKey());
  }

  static IncidentAlert incident(String kind, int affected) {
    return IncidentAlert.newBuilder()
        .setIncidentId("inc-" + kind)
        .setTouchpointKind(kind)
        .setStatus(IncidentStatus.OPEN)
        .setSeverity(Severity.CRITICAL)
        .setAffectedSubjects(affected)
        .setFailures(affected * 2L)
        .setBaselinePerWindow(1.5)
        .setWindowStart(NOW.minus(Duration.ofMinutes(5)))
        .setWindowEnd(NOW)
        .setEventTime(NOW)
        .setWhy(affected + " customers hit checkout errors in 5 minutes")
        .setNextStep("Check the checkout service")
        .setSampleEvidence(List.of())
        .setDedupeKey(kind)
        .build();
  }

  /**
   * Local state over in-memory stores, with ready-made views in place of the views the engine
   * derives from subject states ({@code StoreExperienceReadsTest} covers that derivation).
   */
  static LocalState local(
      MapStore<CustomerExperience> experiences,
      MapStore<CustomerAlert> alerts,
      MapStore<IncidentAlert> incidents) {
    return local(experiences, alerts, incidents, new MapStore<>());
  }

  /** The same, with ids linked into other subjects ({@code links}). */
  static LocalState local(
      MapStore<CustomerExperience> experiences,
      MapStore<CustomerAlert> alerts,
      MapStore<IncidentAlert> incidents,
      MapStore<Link> links) {
    return new LocalState(
        stores(alerts, incidents, links), s -> ExperienceReads.of(experiences), null, 40.0);
  }

  /** A store provider that looks stores up by name with {@code lookup}. */
  @SuppressWarnings("unchecked")
  static StoreProvider provider(
      Function<String, ? extends ReadOnlyKeyValueStore<String, ?>> lookup) {
    return new StoreProvider() {
      @Override
      public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return (ReadOnlyKeyValueStore<String, V>) lookup.apply(name);
      }
    };
  }

  /**
   * A store provider over in-memory stores. The alerts are laid out as the engine keeps them: each
   * in its subject's ledger, with an entry in the raised-alert index.
   */
  static StoreProvider stores(MapStore<CustomerAlert> alerts, MapStore<IncidentAlert> incidents) {
    return stores(alerts, incidents, new MapStore<>());
  }

  static StoreProvider stores(
      MapStore<CustomerAlert> alerts, MapStore<IncidentAlert> incidents, MapStore<Link> links) {
    return new StoreProvider() {
      @Override
      @SuppressWarnings("unchecked")
      public <V> org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, V> store(
          String name) {
        return switch (name) {
          case StoreNames.RAISED_ALERTS_STORE -> (MapStore<V>) ledgers(alerts).index;
          case StoreNames.SUBJECT_STATE_STORE -> (MapStore<V>) ledgers(alerts).states;
          case StoreNames.ALERT_COUNTS_STORE -> (MapStore<V>) ledgers(alerts).counts;
          case StoreNames.INCIDENTS_STORE -> (MapStore<V>) incidents;
          case StoreNames.SUBJECT_LINKS_STORE -> (MapStore<V>) links;
          default -> throw new IllegalArgumentException(name);
        };
      }
    };
  }

  /** The alerts as the engine keeps them: ledgers, the raised-alert index and its counts. */
  private record Ledgers(
      MapStore<String> index, MapStore<SubjectState> states, MapStore<Long> counts) {}

  private static Ledgers ledgers(MapStore<CustomerAlert> alerts) {
    Map<String, SubjectState> states = new TreeMap<>();
    MapStore<String> index = new MapStore<>();
    Map<String, Long> counts = new TreeMap<>();
    try (var it = alerts.all()) {
      it.forEachRemaining(
          kv -> {
            CustomerAlert a = kv.value;
            SubjectState s =
                states.computeIfAbsent(a.getSubjectId(), id -> SubjectState.first(id, null, 0));
            SubjectState.ActiveAlert raised = new SubjectState.ActiveAlert();
            raised.type = a.getType();
            raised.severity = a.getSeverity();
            raised.raisedAt = a.getEventTime().toEpochMilli();
            raised.evidence = new ArrayList<>(a.getEvidence());
            raised.incidentId = a.getIncidentId();
            raised.why = a.getWhy();
            raised.nextStep = a.getNextStep();
            s.alerts.put(a.getDedupeKey(), raised);
            index.put(
                kv.key, RaisedAlertIndex.value(a.getSubjectId(), a.getType(), a.getSeverity()));
            counts.merge(RaisedAlertIndex.countKey(a.getType(), a.getSeverity()), 1L, Long::sum);
          });
    }
    MapStore<SubjectState> stateStore = new MapStore<>();
    states.forEach(stateStore::put);
    MapStore<Long> countStore = new MapStore<>();
    counts.forEach(countStore::put);
    return new Ledgers(index, stateStore, countStore);
  }
}
