package dev.touchpoints.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.streams.ledger.RaisedAlertIndex;
import dev.touchpoints.streams.ledger.ScoreIndex;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.query.LocalState;
import dev.touchpoints.streams.records.ExperienceRecords;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The score index and the open-alert counts the engine keeps for the query API ({@link ScoreIndex},
 * {@link RaisedAlertIndex}) are always what the subjects' ledgers give – after random histories
 * delivered late and out of order, a link of two ids and an erasure – and {@code /v1/stats} and the
 * lowest-scores listing read from it equal a plain computation over every ledger.
 */
class ScoreIndexProperties {

  private static final Policy POLICY =
      TestData.policy(Map.of("policy.incident.min-affected", "1000000000"));
  private static final ScoringModel MODEL = new ScoringModel(POLICY.scoring());
  private static final double AT_RISK_BELOW = 40.0;

  @Property(tries = 15)
  void theIndexIsTheLedgersScoresAndTheQueryAnswersEqualAScanOfEveryLedger(@ForAll long seed) {
    Random r = new Random(seed);
    int customers = 3 + r.nextInt(6);
    record Arrival(SpecificRecord event, Instant wall) {}
    List<Arrival> arrivals = new ArrayList<>();
    long twoDays = Duration.ofDays(2).toMillis();
    for (int c = 0; c < customers; c++) {
      for (SpecificRecord e : ArrivalOrderProperties.History.customer(r, "c" + c)) {
        Instant at = at(e);
        // a third of them late, up to two days
        Instant wall = r.nextInt(3) == 0 ? at.plusMillis((long) (r.nextDouble() * twoDays)) : at;
        arrivals.add(new Arrival(e, wall));
      }
    }
    arrivals.sort(Comparator.comparing(Arrival::wall));
    Instant end = arrivals.get(arrivals.size() - 1).wall();

    try (EngineDriver engine = new EngineDriver(POLICY, TestData.T0.minus(Duration.ofDays(1)))) {
      arrivals.forEach(a -> engine.deliver(a.event(), a.wall()));
      engine.wallClockTo(end.plus(Duration.ofHours(1)));
      assertConsistent(engine, "after the histories");

      // c1 turns out to be c0; c2 asks to be forgotten
      engine.link("c1", "c0", end.plus(Duration.ofHours(2)), true);
      engine.wallClockTo(end.plus(Duration.ofHours(3)));
      engine.erase("c2");
      engine.wallClockTo(end.plus(Duration.ofDays(3)));
      assertThat(engine.ledger("c1")).isNull();
      assertThat(engine.ledger("c2")).isNull();
      assertConsistent(engine, "after a link and an erasure");
    }
  }

  private static void assertConsistent(EngineDriver engine, String when) {
    // the reference: every ledger, read one by one
    Map<String, Long> scores = new TreeMap<>();
    try (KeyValueIterator<String, SubjectState> it =
        engine.<SubjectState>store(StoreNames.SUBJECT_STATE_STORE).all()) {
      it.forEachRemaining(
          kv ->
              scores.put(
                  kv.key, ScoreIndex.hundredths(ExperienceRecords.overall(kv.value, MODEL))));
    }
    Map<String, Long> index = new TreeMap<>();
    entries(engine.store(StoreNames.SCORE_INDEX_STORE))
        .forEach(kv -> index.put(ScoreIndex.subjectOf(kv.key), ScoreIndex.scoreOf(kv.key)));
    assertThat(index).as("score index " + when).isEqualTo(scores);
    Map<Long, Long> expectedCounts = new TreeMap<>();
    scores.values().forEach(s -> expectedCounts.merge(s, 1L, Long::sum));
    Map<Long, Long> counts = new TreeMap<>();
    entries(engine.<Long>store(StoreNames.SCORE_COUNTS_STORE))
        .forEach(kv -> counts.put(ScoreIndex.scoreOf(kv.key), kv.value));
    assertThat(counts).as("score counts " + when).isEqualTo(expectedCounts);

    // the open-alert counts are the ledgers' open alerts by type and severity
    Map<String, Long> expectedAlerts = new TreeMap<>();
    try (KeyValueIterator<String, SubjectState> it =
        engine.<SubjectState>store(StoreNames.SUBJECT_STATE_STORE).all()) {
      it.forEachRemaining(
          kv ->
              kv.value
                  .alerts
                  .values()
                  .forEach(
                      a ->
                          expectedAlerts.merge(
                              RaisedAlertIndex.countKey(a.type, a.severity), 1L, Long::sum)));
    }
    Map<String, Long> alertCounts = new TreeMap<>();
    entries(engine.<Long>store(StoreNames.ALERT_COUNTS_STORE))
        .forEach(kv -> alertCounts.put(kv.key, kv.value));
    assertThat(alertCounts).as("open-alert counts " + when).isEqualTo(expectedAlerts);

    // and the query API's answers from them
    LocalState local = engine.query(AT_RISK_BELOW);
    ObjectNode stats = local.stats();
    assertThat(stats.get("subjects").asLong()).isEqualTo(scores.size());
    long sum = scores.values().stream().mapToLong(Long::longValue).sum();
    assertThat(stats.get("scoreSum").asDouble()).isEqualTo(sum / 100.0);
    assertThat(stats.get("activeAlerts").asLong())
        .isEqualTo(expectedAlerts.values().stream().mapToLong(Long::longValue).sum());
    assertThat(stats.get("atRisk").asLong())
        .isEqualTo(scores.values().stream().filter(s -> s < 4000).count());
    List<String> lowest =
        scores.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .toList();
    for (int limit : List.of(1, 2, scores.size() + 1)) {
      assertThat(ids(local.lowestScores(false, limit, false)))
          .as("lowest %d %s", limit, when)
          .isEqualTo(lowest.subList(0, Math.min(limit, lowest.size())));
      assertThat(ids(local.lowestScores(true, limit, false)))
          .as("lowest %d at risk %s", limit, when)
          .isEqualTo(lowest.stream().filter(id -> scores.get(id) < 4000).limit(limit).toList());
    }
  }

  private static List<String> ids(Iterable<JsonNode> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.get("subjectId").asText()));
    return ids;
  }

  private static <V> List<KeyValue<String, V>> entries(KeyValueStore<String, V> store) {
    List<KeyValue<String, V>> all = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }

  private static Instant at(SpecificRecord e) {
    Envelope envelope = Classifier.envelope(e);
    return envelope.getOccurredAt();
  }
}
