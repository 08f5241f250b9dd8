package dev.touchpoints.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.core.alerts.AlertJson;
import dev.touchpoints.serde.AvroJson;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.index.Period;
import dev.touchpoints.streams.index.PeriodAccount;
import dev.touchpoints.streams.ledger.LedgerCodec;
import dev.touchpoints.streams.ledger.RaisedAlertIndex;
import dev.touchpoints.streams.ledger.ScoreIndex;
import dev.touchpoints.streams.records.AlertRecords;
import dev.touchpoints.streams.rules.AlertDraft;
import dev.touchpoints.streams.rules.SubjectEngine;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.state.Link;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers queries from this instance's own stores only. Everything it returns is JSON in the shape
 * of the public API, so answers from several instances merge by concatenation and re-ranking.
 */
public final class LocalState {

  /** Number of buckets of the score histogram: 0–10, 10–20, …, 90–100. */
  public static final int HISTOGRAM_BUCKETS = 10;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SubjectEngine engine;

  private final StoreProvider stores;
  private final Function<StoreProvider, ExperienceReads> experiences;
  private final double atRiskBelow;

  /**
   * @param stores where the stores come from
   * @param model the engine's scoring model: views are derived from the subject-state store with it
   * @param atRiskBelow scores below this count as at risk
   */
  public LocalState(StoreProvider stores, Policy policy, double atRiskBelow) {
    this(stores, new SubjectEngine(policy), atRiskBelow);
  }

  private LocalState(StoreProvider stores, SubjectEngine engine, double atRiskBelow) {
    this(
        stores,
        s ->
            new StoreExperienceReads(
                s.<SubjectState>store(StoreNames.SUBJECT_STATE_STORE),
                s.<Long>store(StoreNames.SCORE_INDEX_STORE),
                s.<Long>store(StoreNames.SCORE_COUNTS_STORE),
                engine.model()),
        engine,
        atRiskBelow);
  }

  /**
   * With the views from {@code experiences} (tests hand in ready-made views).
   *
   * @param engine tells a subject's history for the export; null: the export has none
   */
  LocalState(
      StoreProvider stores,
      Function<StoreProvider, ExperienceReads> experiences,
      SubjectEngine engine,
      double atRiskBelow) {
    this.stores = stores;
    this.experiences = experiences;
    this.engine = engine;
    this.atRiskBelow = atRiskBelow;
  }

  /**
   * Everything this instance holds about one subject (GDPR Art. 15): its view and its whole ledger
   * – score memory and explanations, open cases and promises, failure runs, raised alerts with
   * their texts (historic ones too), clocks, the ids of its recent events, its recent touchpoints
   * with their payloads, and the checkpoint before them – and, told from those recent events, the
   * alerts raised and cleared and the promises settled in that time.
   */
  public Optional<ObjectNode> export(String subjectId) {
    return guarded(
        () -> {
          SubjectState state =
              stores.<SubjectState>store(StoreNames.SUBJECT_STATE_STORE).get(subjectId);
          if (state == null) {
            return Optional.empty();
          }
          ObjectNode doc = NODES.objectNode();
          doc.put("subjectId", subjectId);
          experience(subjectId).ifPresent(v -> doc.set("experience", AvroJson.toJson(v)));
          doc.set("ledger", AvroJson.toJson(LedgerCodec.toLedger(state)));
          if (engine != null) {
            doc.set("history", history(subjectId, engine.history(state)));
          }
          return Optional.of(doc);
        });
  }

  private static ObjectNode history(String subjectId, SubjectEngine.History history) {
    ObjectNode node = NODES.objectNode();
    node.put("from", java.time.Instant.ofEpochMilli(history.from()).toString());
    ArrayNode alerts = node.putArray("alerts");
    history
        .alerts()
        .forEach(
            draft -> {
              ObjectNode alert = AlertJson.of(AlertRecords.toAvro(subjectId, draft));
              alert.put("sentToOps", draft.sent());
              alerts.add(alert);
            });
    ArrayNode promises = node.putArray("promisesSettled");
    for (SubjectEngine.SettledPromise p : history.promises()) {
      ObjectNode promise = promises.addObject();
      promise.put("promiseId", p.promiseId());
      promise.put("caseId", p.caseId());
      promise.put("madeAt", java.time.Instant.ofEpochMilli(p.madeAt()).toString());
      promise.put("dueAt", java.time.Instant.ofEpochMilli(p.dueAt()).toString());
      promise.put("settledAt", java.time.Instant.ofEpochMilli(p.settledAt()).toString());
      promise.put("settledBy", p.settledBy());
      promise.put("kept", p.kept());
    }
    return node;
  }

  /**
   * The subject an id was linked into, if this instance holds the id's link (a link still waiting
   * for its target's answer does not count).
   */
  public Optional<String> linkedTo(String subjectId) {
    return guarded(
        () -> {
          Link link = stores.<Link>store(StoreNames.SUBJECT_LINKS_STORE).get(subjectId);
          return link == null || link.pending() ? Optional.empty() : Optional.of(link.into());
        });
  }

  /** The ids linked into the subject, oldest first (empty when none, or not held here). */
  public List<SubjectState.LinkedId> linkedIds(String subjectId) {
    return cardExtras(subjectId).linked();
  }

  /**
   * What the score card shows from the subject's ledger beside its view, from one read of it.
   *
   * @param linked the ids linked into the subject, oldest first
   * @param snapshots the overall score at each snapshot the ledger keeps, oldest first (empty when
   *     the views are ready-made, in tests)
   */
  public record CardExtras(
      List<SubjectState.LinkedId> linked, List<ScoreHistory.Point> snapshots) {}

  /** {@link CardExtras} of a subject; empty when this instance holds no ledger of it. */
  public CardExtras cardExtras(String subjectId) {
    return guarded(
        () -> {
          SubjectState state =
              stores.<SubjectState>store(StoreNames.SUBJECT_STATE_STORE).get(subjectId);
          if (state == null) {
            return new CardExtras(List.of(), List.of());
          }
          return new CardExtras(
              List.copyOf(state.linked),
              engine == null ? List.of() : ScoreHistory.snapshots(state.score, engine.model()));
        });
  }

  /** The subject's current experience, if this instance holds it. */
  public Optional<CustomerExperience> experience(String subjectId) {
    return guarded(() -> Optional.ofNullable(experiences.apply(stores).get(subjectId)));
  }

  /** Active alerts matching {@code filter}, most severe and newest first. */
  public ArrayNode alerts(AlertFilter filter) {
    return guarded(
        () -> {
          List<JsonNode> found = new ArrayList<>();
          forEachOpen(
              filter.subjectId(),
              (subjectId, raised, alert) -> {
                if (filter.accepts(alert, subjectId)) {
                  found.add(json(subjectId, raised, alert));
                }
                return true;
              });
          return top(found, Ranking.ALERTS, filter.limit());
        });
  }

  /**
   * The open alert whose RAISED record has id {@code alertId}, if this instance holds it: its JSON
   * with {@code subjectId} the subject whose ledger holds it (where actions go).
   */
  public Optional<ObjectNode> alert(String alertId) {
    return guarded(
        () -> {
          ObjectNode[] found = new ObjectNode[1];
          forEachOpen(
              null,
              (subjectId, raised, alert) -> {
                if (!alert.getAlertId().equals(alertId)) {
                  return true;
                }
                found[0] = json(subjectId, raised, alert);
                return false;
              });
          return Optional.ofNullable(found[0]);
        });
  }

  /** Visits open alerts; return false to stop. */
  @FunctionalInterface
  private interface OpenAlertVisitor {
    boolean visit(String subjectId, SubjectState.ActiveAlert raised, CustomerAlert alert);
  }

  /** Every open alert of {@code subjectId} (null: of every subject), in index order. */
  private void forEachOpen(String subjectId, OpenAlertVisitor visitor) {
    ReadOnlyKeyValueStore<String, String> index = stores.store(StoreNames.RAISED_ALERTS_STORE);
    ReadOnlyKeyValueStore<String, SubjectState> states =
        stores.store(StoreNames.SUBJECT_STATE_STORE);
    try (KeyValueIterator<String, String> it =
        subjectId == null
            ? index.all()
            : index.prefixScan(
                StoreNames.raisedAlertKey(subjectId, ""), Serdes.String().serializer())) {
      // Index entries come sorted by subject: each subject's ledger is read once.
      SubjectState state = null;
      while (it.hasNext()) {
        KeyValue<String, String> next = it.next();
        if (next.value == null) {
          continue;
        }
        RaisedAlertIndex.Entry entry = RaisedAlertIndex.Entry.of(next.key, next.value);
        if (state == null || !state.subjectId.equals(entry.subjectId())) {
          state = states.get(entry.subjectId());
        }
        SubjectState.ActiveAlert raised =
            state == null ? null : state.alerts.get(entry.dedupeKey());
        if (raised == null) {
          continue;
        }
        CustomerAlert alert =
            AlertRecords.toAvro(entry.subjectId(), AlertDraft.raised(entry.dedupeKey(), raised));
        if (!visitor.visit(entry.subjectId(), raised, alert)) {
          return;
        }
      }
    }
  }

  /** An open alert as the API shows it: the one alert JSON, and what ops did about it. */
  private static ObjectNode json(
      String subjectId, SubjectState.ActiveAlert raised, CustomerAlert alert) {
    ObjectNode json = AlertJson.of(alert);
    if (raised.raisedFor != null) {
      // Raised for an id since linked into this subject: listed here, under its id.
      json.put("subjectId", subjectId);
      json.put("raisedFor", raised.raisedFor);
    }
    if (raised.historic) {
      // Its cause lay further back than policy.alerts.max-age: recorded, never sent.
      json.put("historic", true);
    }
    if (raised.handling != null) {
      json.set("handling", AlertHandlingJson.of(raised.handling, System.currentTimeMillis()));
    }
    return json;
  }

  /** Open incidents, most severe and newest first. */
  public ArrayNode incidents() {
    return guarded(
        () -> {
          ReadOnlyKeyValueStore<String, IncidentAlert> store =
              stores.store(StoreNames.INCIDENTS_STORE);
          List<JsonNode> found = new ArrayList<>();
          try (KeyValueIterator<String, IncidentAlert> it = store.all()) {
            while (it.hasNext()) {
              IncidentAlert incident = it.next().value;
              if (incident != null) {
                found.add(AlertJson.of(incident));
              }
            }
          }
          return top(found, Ranking.ALERTS, AlertFilter.MAX_LIMIT);
        });
  }

  /**
   * Subjects with the lowest scores first, as short rows; a row of a subject hit by an open
   * incident – it has an open alert caused by a failure of the incident's touchpoint kind – names
   * the kind in {@code incident}.
   *
   * @param atRiskOnly only those scoring below the at-risk threshold
   * @param limit at most this many
   * @param hideIncidentVictims leave out the subjects hit by an open incident (their score falls
   *     with the incident; ops follow the incident, and the list shows who else is at risk)
   */
  public ArrayNode lowestScores(boolean atRiskOnly, int limit, boolean hideIncidentVictims) {
    return guarded(
        () -> {
          ExperienceReads views = experiences.apply(stores);
          NavigableMap<Long, Long> counts = views.counts();
          long total = counts.values().stream().mapToLong(Long::longValue).sum();
          long cap = atRiskOnly ? ScoreIndex.hundredths(atRiskBelow) - 1 : Long.MAX_VALUE;
          Set<String> incidents = openIncidentKinds();
          // Read from the lowest score up to the one the want-th subject has; when incident
          // victims are left out and too few remain, read twice as far.
          for (long want = limit; ; want = Math.min(total, want * 2)) {
            List<ExperienceReads.Scored> lowest = lowest(views, counts, want, cap);
            List<JsonNode> rows = new ArrayList<>();
            for (ExperienceReads.Scored scored : lowest) {
              CustomerExperience view = scored.view().get();
              if (view == null) {
                continue;
              }
              String incident =
                  incidents.isEmpty() ? null : incidentOf(scored.state().get(), incidents);
              if (incident != null && hideIncidentVictims) {
                continue;
              }
              ObjectNode row = row(view);
              if (incident != null) {
                row.put("incident", incident);
              }
              rows.add(row);
              if (rows.size() == limit) {
                break;
              }
            }
            if (rows.size() >= limit || want >= total || lowest.size() < want) {
              return top(rows, Ranking.AT_RISK, limit);
            }
          }
        });
  }

  /** The {@code want} lowest subjects up to {@code cap} (hundredths), lowest first. */
  private static List<ExperienceReads.Scored> lowest(
      ExperienceReads views, NavigableMap<Long, Long> counts, long want, long cap) {
    long upTo = cap;
    long seen = 0;
    for (Map.Entry<Long, Long> count : counts.entrySet()) {
      seen += count.getValue();
      if (seen >= want) {
        upTo = Math.min(upTo, count.getKey());
        break;
      }
    }
    // A bounded max-heap: ties at the last score may bring more than wanted.
    Comparator<ExperienceReads.Scored> order =
        Comparator.comparingDouble(ExperienceReads.Scored::overall)
            .thenComparing(ExperienceReads.Scored::subjectId);
    PriorityQueue<ExperienceReads.Scored> heap = new PriorityQueue<>(order.reversed());
    views.upTo(
        upTo,
        scored -> {
          heap.add(scored);
          if (heap.size() > want) {
            heap.poll();
          }
        });
    List<ExperienceReads.Scored> sorted = new ArrayList<>(heap);
    sorted.sort(order);
    return sorted;
  }

  /** The touchpoint kinds with an open incident. */
  private Set<String> openIncidentKinds() {
    Set<String> kinds = new TreeSet<>();
    ReadOnlyKeyValueStore<String, IncidentAlert> open = stores.store(StoreNames.INCIDENTS_STORE);
    try (KeyValueIterator<String, IncidentAlert> it = open.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value != null) {
              kinds.add(kv.value.getTouchpointKind());
            }
          });
    }
    return kinds;
  }

  /** The open incident's kind whose failure caused one of the subject's open alerts, or null. */
  private static String incidentOf(SubjectState state, Set<String> incidents) {
    if (state == null) {
      return null;
    }
    for (SubjectState.ActiveAlert alert : state.alerts.values()) {
      if (alert.foldKind != null && incidents.contains(alert.foldKind)) {
        return alert.foldKind;
      }
    }
    return null;
  }

  /** Score histogram and alert counts of this instance's share of the state. */
  public ObjectNode stats() {
    return guarded(
        () -> {
          long[] histogram = new long[HISTOGRAM_BUCKETS];
          var tally =
              new Object() {
                long subjects;
                long atRisk;
                long sum; // hundredths of a point: exact
              };
          long atRiskBelowHundredths = ScoreIndex.hundredths(atRiskBelow);
          experiences
              .apply(stores)
              .counts()
              .forEach(
                  (score, count) -> {
                    histogram[bucket(score / 100.0)] += count;
                    tally.subjects += count;
                    tally.sum += score * count;
                    if (score < atRiskBelowHundredths) {
                      tally.atRisk += count;
                    }
                  });
          Stats.OpenAlerts open = new Stats.OpenAlerts();
          // From the engine's counts by TYPE:SEVERITY (a few dozen keys per task), not the index.
          ReadOnlyKeyValueStore<String, Long> openAlerts =
              stores.store(StoreNames.ALERT_COUNTS_STORE);
          try (KeyValueIterator<String, Long> it = openAlerts.all()) {
            while (it.hasNext()) {
              KeyValue<String, Long> entry = it.next();
              if (entry.value == null) {
                continue;
              }
              int split = entry.key.indexOf(':');
              open.add(entry.key.substring(0, split), entry.key.substring(split + 1), entry.value);
            }
          }
          ReadOnlyKeyValueStore<String, IncidentAlert> incidents =
              stores.store(StoreNames.INCIDENTS_STORE);
          try (KeyValueIterator<String, IncidentAlert> it = incidents.all()) {
            while (it.hasNext()) {
              if (it.next().value != null) {
                open.incidents++;
              }
            }
          }
          ObjectNode stats = NODES.objectNode();
          stats.put("subjects", tally.subjects);
          stats.put("scoreSum", tally.sum / 100.0);
          stats.put("atRisk", tally.atRisk);
          stats.put("atRiskBelow", atRiskBelow);
          ArrayNode buckets = stats.putArray("histogram");
          for (long count : histogram) {
            buckets.add(count);
          }
          open.writeTo(stats);
          return stats;
        });
  }

  /** The at-risk threshold. */
  public double atRiskBelow() {
    return atRiskBelow;
  }

  static int bucket(double overall) {
    int bucket = (int) Math.floor(overall / (100.0 / HISTOGRAM_BUCKETS));
    return Math.max(0, Math.min(HISTOGRAM_BUCKETS - 1, bucket));
  }

  private static ObjectNode row(CustomerExperience experience) {
    ObjectNode row = NODES.objectNode();
    row.put("subjectId", experience.getSubjectId());
    row.put("overall", experience.getOverall());
    if (experience.getTrend() == null) {
      row.putNull("trend");
    } else {
      row.put("trend", experience.getTrend());
    }
    row.put("openCases", experience.getOpenCases().size());
    row.put("openPromises", experience.getOpenPromises().size());
    row.put("topReason", experience.getReasons().isEmpty() ? null : experience.getReasons().get(0));
    row.put("lastEventAt", experience.getLastEventAt().toString());
    return row;
  }

  private static ArrayNode top(List<JsonNode> nodes, Comparator<JsonNode> order, int limit) {
    ArrayNode array = NODES.arrayNode();
    nodes.stream().sorted(order).limit(limit).forEach(array::add);
    return array;
  }

  /**
   * The experience index cells this instance holds for the periods keyed {@code fromKey} to {@code
   * toKey} (inclusive), by period key: each period's cells live on one instance.
   */
  public ObjectNode indexCells(String fromKey, String toKey) {
    return guarded(
        () -> {
          ObjectNode cells = NODES.objectNode();
          ReadOnlyKeyValueStore<String, Map<String, Long>> store =
              stores.store(StoreNames.EXPERIENCE_INDEX_STORE);
          try (KeyValueIterator<String, Map<String, Long>> it = store.range(fromKey, toKey)) {
            it.forEachRemaining(
                kv -> {
                  if (kv.value != null) {
                    ObjectNode period = cells.putObject(kv.key);
                    kv.value.forEach(period::put);
                  }
                });
          }
          return cells;
        });
  }

  /** The key of the latest period of {@code granularity} this instance holds, or null. */
  public String indexLatest(Period.Granularity granularity) {
    return guarded(
        () -> {
          // Per partition: across tasks a range is sorted only within each task's part.
          String prefix = granularity.label() + ":";
          String latest = null;
          for (ReadOnlyKeyValueStore<String, Map<String, Long>> store :
              stores.<Map<String, Long>>byPartition(StoreNames.EXPERIENCE_INDEX_STORE)) {
            try (KeyValueIterator<String, Map<String, Long>> it =
                store.reverseRange(prefix, prefix + "~")) {
              if (it.hasNext()) {
                String key = it.next().key;
                latest = latest == null || key.compareTo(latest) > 0 ? key : latest;
              }
            } catch (InvalidStateStorePartitionException e) {
              // this instance does not host that partition of the index
            }
          }
          return latest;
        });
  }

  /**
   * Customers of this instance who had a moment of touchpoint kind {@code kind} in {@code period},
   * lowest score first, with the points it cost or gained them there. Read from the ledgers' period
   * accounts, so it reaches back as far as corrections do ({@code policy.late.horizon}); an older
   * period is answered with no rows (the index keeps only its figures). It reads every subject's
   * ledger of the instance: a drill-down, not a dashboard query.
   */
  public ArrayNode hitBy(Period period, String kind, int limit) {
    return guarded(
        () -> {
          String key = period.key();
          List<JsonNode> rows = new ArrayList<>();
          experiences
              .apply(stores)
              .upTo(
                  Long.MAX_VALUE,
                  scored -> {
                    SubjectState state = scored.state().get();
                    PeriodAccount account = state == null ? null : state.periods.get(key);
                    PeriodAccount.Points points =
                        account == null ? null : account.kinds().get(kind);
                    if (points == null) {
                      return;
                    }
                    CustomerExperience view = scored.view().get();
                    if (view != null) {
                      ObjectNode row = row(view);
                      row.put(
                          "points", Math.round((points.lost() + points.gained()) * 100) / 100.0);
                      rows.add(row);
                    }
                  });
          return top(rows, Ranking.AT_RISK, limit);
        });
  }

  /** Stores can go away mid-iteration when a rebalance starts: that is a 503, not a 500. */
  private static <T> T guarded(Supplier<T> query) {
    try {
      return query.get();
    } catch (InvalidStateStoreException e) {
      throw new StoreUnavailableException("State is being rebalanced; retry shortly", e);
    }
  }
}
