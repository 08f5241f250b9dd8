package dev.touchpoints.streams;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.core.alerts.AlertJson;
import dev.touchpoints.core.events.EventFamily;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.streams.index.IndexCells;
import dev.touchpoints.streams.index.IndexRecords;
import dev.touchpoints.streams.ledger.DueIndex;
import dev.touchpoints.streams.ledger.IndexDeltas;
import dev.touchpoints.streams.ledger.LedgerSerde;
import dev.touchpoints.streams.messages.Decoded;
import dev.touchpoints.streams.messages.Emitted;
import dev.touchpoints.streams.messages.IncidentSignal;
import dev.touchpoints.streams.messages.Transfer;
import dev.touchpoints.streams.processors.DecodeProcessor;
import dev.touchpoints.streams.processors.ExperienceProcessor;
import dev.touchpoints.streams.processors.IncidentProcessor;
import dev.touchpoints.streams.processors.IncidentsStoreUpdater;
import dev.touchpoints.streams.rules.IncidentState;
import dev.touchpoints.streams.rules.Rule;
import dev.touchpoints.streams.scoring.Dimension;
import dev.touchpoints.streams.state.JsonSerde;
import dev.touchpoints.streams.state.Link;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The experience engine as a pure function of topics and policy.
 *
 * <pre>
 * web/billing/support/marketing (bytes) → *-decode ─┬─ rejected → dead letters
 * erasure requests (bytes) → erasure-decode ─────────┤
 * alert actions (bytes) → action-decode ─────────────┤
 *                                                    └─ accepted → experience-processor (subject ledger: dedupe, score, rules, clocks; erasure)
 *                                                         ├─ experience (tombstone when erased), customer alerts (+JSON), dead letters, erasure audit
 *                                                         └─ failures of incident kinds, and the alerts they caused
 *                                                              → [failures-by-kind] → incident-processor ─┬─ incident alerts (+JSON)
 *                                                                                                        └─ customer alerts not folded (+JSON)
 *                                                         └─ index deltas per period → [index-by-period] → index-sum (experience-index-store) → experience index
 * incident alerts → incidents-store (global: each kind's latest incident, for the query API)
 * </pre>
 */
public final class ExperienceTopology {

  private ExperienceTopology() {}

  /** Where state lives. */
  public enum StateStores {
    /** RocksDB, changelogged: production. */
    PERSISTENT,
    /** Heap, changelogged: fast topology tests. */
    IN_MEMORY
  }

  /** Builds the topology with RocksDB stores. No I/O: the serdes come with {@code topics}. */
  public static Topology build(Topics topics, Policy policy) {
    return build(topics, policy, StateStores.PERSISTENT);
  }

  /** Builds the topology with the given kind of state stores. */
  public static Topology build(Topics topics, Policy policy, StateStores stores) {
    return build(topics, policy, stores, List.of());
  }

  /**
   * Builds the topology with extra rules run after the built-in ones in every subject's step (tests
   * inject faults with one).
   */
  public static Topology build(
      Topics topics, Policy policy, StateStores stores, List<Rule> extraRules) {
    StreamsBuilder builder = new StreamsBuilder(namingGuard());
    addStores(builder, topics, policy, stores == StateStores.PERSISTENT);

    KStream<String, Decoded> decoded =
        touchpoints(builder, topics, policy)
            .merge(
                builder.stream(
                        topics.erasureRequests().name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                            .withName("erasure-source"))
                    .process(
                        () -> DecodeProcessor.erasures(topics.erasureRequests(), "erasure-decode"),
                        Named.as("erasure-decode")),
                Named.as("merge-erasures"))
            .merge(
                builder.stream(
                        topics.alertActions().name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                            .withName("action-source"))
                    .process(
                        () -> DecodeProcessor.actions(topics.alertActions(), "action-decode"),
                        Named.as("action-decode")),
                Named.as("merge-actions"))
            .merge(
                builder.stream(
                        topics.identity().name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                            .withName("identity-source"))
                    .process(
                        () ->
                            DecodeProcessor.identity(topics.identity(), policy, "identity-decode"),
                        Named.as("identity-decode")),
                Named.as("merge-identity"))
            .merge(
                builder.stream(
                        topics.subjectTransfers().name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                            .withName("transfer-source"))
                    .process(
                        () -> DecodeProcessor.transfers(topics, "transfer-decode"),
                        Named.as("transfer-decode")),
                Named.as("merge-transfers"));

    Map<String, KStream<String, Decoded>> routes =
        decoded
            .split(Named.as("decoded-"))
            .branch((k, v) -> v instanceof Decoded.Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("accepted"));
    deadLetters(
        routes
            .get("decoded-rejected")
            .mapValues(v -> ((Decoded.Rejected) v).deadLetter(), Named.as("rejected-unwrap")),
        topics,
        "decode-dead-letter-sink");

    KStream<String, IncidentSignal> signals =
        experience(
            routes.get("decoded-accepted"),
            topics,
            policy,
            extraRules,
            stores == StateStores.PERSISTENT);
    incidents(signals, topics, policy);
    return builder.build();
  }

  /**
   * The topology-level configuration that makes {@link StreamsBuilder#build()} fail on a store,
   * changelog or repartition topic with a generated name (KIP-1111): the check runs only when the
   * builder is created with it, not when the setting reaches {@code KafkaStreams}. Its only
   * override is the naming guard; {@code KafkaStreams} and the test driver apply their own
   * configuration for everything else. {@code StreamsConfig} insists on an application id and
   * bootstrap servers, which the topology never uses.
   */
  static TopologyConfig namingGuard() {
    Map<String, Object> props =
        Map.of(
            StreamsConfig.APPLICATION_ID_CONFIG, "touchpoints-topology",
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
            StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    return new TopologyConfig(new StreamsConfig(props, false) {});
  }

  /**
   * Every touchpoint family's topic decoded ({@code web-decode}, …) and merged ({@code
   * merge-billing}, …), in the families' order.
   */
  private static KStream<String, Decoded> touchpoints(
      StreamsBuilder builder, Topics topics, Policy policy) {
    KStream<String, Decoded> merged = null;
    for (EventFamily<?> family : topics.sources().keySet()) {
      if (!family.isTouchpoint()) {
        continue;
      }
      requireDimension(family);
      Topic<String, ?> topic = topics.source(family);
      String name = family.name() + "-decode";
      KStream<String, Decoded> decoded =
          builder.stream(
                  topic.name(),
                  Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                      .withName(family.name() + "-source"))
              .process(() -> DecodeProcessor.touchpoints(topic, policy, name), Named.as(name));
      merged = merged == null ? decoded : merged.merge(decoded, Named.as("merge-" + family.name()));
    }
    if (merged == null) {
      throw new IllegalArgumentException("no touchpoint topics to read");
    }
    return merged;
  }

  /**
   * A family's moments must count in a dimension the score has; said at start-up, not per event.
   */
  private static void requireDimension(EventFamily<?> family) {
    try {
      Dimension.ofKey(family.dimension());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The event family '"
              + family.name()
              + "' counts in '"
              + family.dimension()
              + "', which is not a dimension of the score ("
              + Arrays.stream(Dimension.values())
                  .map(Dimension::prefix)
                  .collect(Collectors.joining(", "))
              + ")",
          e);
    }
  }

  /**
   * The subject ledger and its outputs, from touchpoints and erasure requests; returns the signals
   * for incident detection.
   */
  private static KStream<String, IncidentSignal> experience(
      KStream<String, Decoded> touchpoints,
      Topics topics,
      Policy policy,
      List<Rule> extraRules,
      boolean persistent) {
    Map<String, KStream<String, Emitted>> out =
        touchpoints
            .process(
                () -> new ExperienceProcessor(policy, extraRules),
                Named.as("experience-processor"),
                StoreNames.SUBJECT_STATE_STORE,
                StoreNames.RAISED_ALERTS_STORE,
                StoreNames.DUE_INDEX_STORE,
                StoreNames.WATERMARK_STORE,
                StoreNames.ERASED_SUBJECTS_STORE,
                StoreNames.SUBJECT_LINKS_STORE,
                StoreNames.SNOOZE_INDEX_STORE,
                StoreNames.SCORE_INDEX_STORE,
                StoreNames.SCORE_COUNTS_STORE,
                StoreNames.ALERT_COUNTS_STORE,
                StoreNames.INDEX_PENDING_STORE)
            .split(Named.as("emitted-"))
            .branch((k, v) -> v instanceof Emitted.Experience, Branched.as("experience"))
            .branch((k, v) -> v instanceof Emitted.Alert, Branched.as("alert"))
            .branch((k, v) -> v instanceof Emitted.Signal, Branched.as("signal"))
            .branch((k, v) -> v instanceof Emitted.Audit, Branched.as("audit"))
            .branch((k, v) -> v instanceof Emitted.Hop, Branched.as("hop"))
            .branch((k, v) -> v instanceof Emitted.IndexDelta, Branched.as("index"))
            .defaultBranch(Branched.as("dead"));

    out.get("emitted-experience")
        .mapValues(v -> ((Emitted.Experience) v).value(), Named.as("experience-unwrap"))
        .to(
            topics.experience().name(),
            Produced.with(topics.experience().keySerde(), topics.experience().valueSerde())
                .withName("experience-sink"));

    customerAlerts(
        out.get("emitted-alert")
            .mapValues(v -> ((Emitted.Alert) v).value(), Named.as("alert-unwrap")),
        topics,
        "customer");

    // The hop between subjects' partitions: written here, read back by this same processor.
    Serde<Transfer> transfers = JsonSerde.json(Transfer.class);
    out.get("emitted-hop")
        .mapValues(
            v -> transfers.serializer().serialize(null, ((Emitted.Hop) v).value()),
            Named.as("hop-unwrap"))
        .to(
            topics.subjectTransfers().name(),
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName("transfer-sink"));

    out.get("emitted-audit")
        .mapValues(v -> ((Emitted.Audit) v).value(), Named.as("audit-unwrap"))
        .to(
            topics.erasureAudit().name(),
            Produced.with(topics.erasureAudit().keySerde(), topics.erasureAudit().valueSerde())
                .withName("erasure-audit-sink"));

    experienceIndex(
        out.get("emitted-index")
            .mapValues(v -> ((Emitted.IndexDelta) v).cells(), Named.as("index-unwrap")),
        topics,
        policy,
        persistent);

    deadLetters(
        out.get("emitted-dead").mapValues(v -> ((Emitted.Dead) v).value(), Named.as("dead-unwrap")),
        topics,
        "processing-dead-letter-sink");
    // Keyed by touchpoint kind already (the processor forwards them so).
    return out.get("emitted-signal")
        .mapValues(v -> ((Emitted.Signal) v).value(), Named.as("signal-unwrap"));
  }

  /**
   * The experience index: each task's changes per period, summed by period across tasks (a
   * repartition by period key), published on the compacted index topic as figures.
   */
  private static void experienceIndex(
      KStream<String, Map<String, Long>> deltas, Topics topics, Policy policy, boolean persistent) {
    Serde<Map<String, Long>> cells = JsonSerde.of(new TypeReference<Map<String, Long>>() {});
    deltas
        .groupByKey(Grouped.with(StoreNames.INDEX_BY_PERIOD, Serdes.String(), cells))
        .aggregate(
            TreeMap::new,
            (period, delta, sum) -> {
              IndexCells.add(sum, delta);
              return sum.isEmpty() ? null : sum; // nobody left in the period: a tombstone
            },
            Named.as("index-sum"),
            Materialized.<String, Map<String, Long>>as(
                    persistent
                        ? Stores.persistentKeyValueStore(StoreNames.EXPERIENCE_INDEX_STORE)
                        : Stores.inMemoryKeyValueStore(StoreNames.EXPERIENCE_INDEX_STORE))
                .withKeySerde(Serdes.String())
                .withValueSerde(cells))
        .toStream(Named.as("index-changes"))
        .processValues(
            () -> new IndexRecords(policy.index().atRiskBelow()), Named.as("index-figures"))
        .to(
            topics.experienceIndex().name(),
            Produced.with(
                    topics.experienceIndex().keySerde(), topics.experienceIndex().valueSerde())
                .withName("experience-index-sink"));
  }

  private static void customerAlerts(
      KStream<String, CustomerAlert> alerts, Topics topics, String from) {
    alerts.to(
        topics.customerAlerts().name(),
        Produced.with(topics.customerAlerts().keySerde(), topics.customerAlerts().valueSerde())
            .withName(from + "-alerts-sink"));
    json(
        alerts.mapValues(a -> AlertJson.of(a).toString(), Named.as(from + "-alerts-to-json")),
        topics,
        from);
  }

  private static void incidents(
      KStream<String, IncidentSignal> signals, Topics topics, Policy policy) {
    Map<String, KStream<String, Emitted>> out =
        signals
            .repartition(
                Repartitioned.<String, IncidentSignal>as(StoreNames.FAILURES_BY_KIND)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(JsonSerde.json(IncidentSignal.class)))
            .process(
                () -> new IncidentProcessor(policy),
                Named.as("incident-processor"),
                StoreNames.INCIDENT_STATE_STORE,
                StoreNames.INCIDENT_SUBJECTS_STORE,
                StoreNames.HELD_ALERTS_STORE,
                StoreNames.FOLDED_ALERTS_STORE)
            .split(Named.as("incident-emitted-"))
            .branch((k, v) -> v instanceof Emitted.Incident, Branched.as("incident"))
            .defaultBranch(Branched.as("alert"));
    customerAlerts(
        out.get("incident-emitted-alert")
            .mapValues(v -> ((Emitted.Alert) v).value(), Named.as("unfolded-alert-unwrap")),
        topics,
        "unfolded");
    KStream<String, IncidentAlert> incidents =
        out.get("incident-emitted-incident")
            .mapValues(v -> ((Emitted.Incident) v).value(), Named.as("incident-unwrap"));
    incidents.to(
        topics.incidentAlerts().name(),
        Produced.with(topics.incidentAlerts().keySerde(), topics.incidentAlerts().valueSerde())
            .withName("incident-alerts-sink"));
    json(
        incidents.mapValues(a -> AlertJson.of(a).toString(), Named.as("incident-alerts-to-json")),
        topics,
        "incident");
  }

  private static void json(KStream<String, String> json, Topics topics, String which) {
    json.to(
        topics.alertsJson().name(),
        Produced.with(topics.alertsJson().keySerde(), topics.alertsJson().valueSerde())
            .withName(which + "-alerts-json-sink"));
  }

  private static void deadLetters(
      KStream<String, DeadLetter> letters, Topics topics, String sinkName) {
    letters.to(
        topics.deadLetters().name(),
        Produced.with(topics.deadLetters().keySerde(), topics.deadLetters().valueSerde())
            .withName(sinkName));
  }

  private static void addStores(
      StreamsBuilder builder, Topics topics, Policy policy, boolean persistent) {
    builder.addStateStore(cached(persistent, StoreNames.SUBJECT_STATE_STORE, new LedgerSerde()));
    builder.addStateStore(cached(persistent, StoreNames.RAISED_ALERTS_STORE, Serdes.String()));
    builder.addStateStore(cached(persistent, StoreNames.WATERMARK_STORE, Serdes.Long()));
    builder.addStateStore(cached(persistent, StoreNames.ERASED_SUBJECTS_STORE, Serdes.Long()));
    builder.addStateStore(
        cached(persistent, StoreNames.SUBJECT_LINKS_STORE, JsonSerde.of(Link.class)));
    builder.addStateStore(
        cached(persistent, StoreNames.DUE_INDEX_STORE, JsonSerde.of(DueIndex.DueEntry.class)));
    builder.addStateStore(
        cached(persistent, StoreNames.SNOOZE_INDEX_STORE, JsonSerde.of(DueIndex.DueEntry.class)));
    builder.addStateStore(cached(persistent, StoreNames.SCORE_INDEX_STORE, Serdes.Long()));
    builder.addStateStore(cached(persistent, StoreNames.SCORE_COUNTS_STORE, Serdes.Long()));
    builder.addStateStore(cached(persistent, StoreNames.ALERT_COUNTS_STORE, Serdes.Long()));
    builder.addStateStore(
        cached(
            persistent, StoreNames.INDEX_PENDING_STORE, JsonSerde.of(IndexDeltas.Pending.class)));
    builder.addStateStore(
        cached(persistent, StoreNames.INCIDENT_STATE_STORE, JsonSerde.of(IncidentState.class)));
    builder.addStateStore(cached(persistent, StoreNames.INCIDENT_SUBJECTS_STORE, Serdes.Long()));
    builder.addStateStore(
        cached(persistent, StoreNames.HELD_ALERTS_STORE, JsonSerde.of(IncidentSignal.class)));
    builder.addStateStore(cached(persistent, StoreNames.FOLDED_ALERTS_STORE, Serdes.String()));
    builder.addGlobalStore(
        kv(persistent, StoreNames.INCIDENTS_STORE, topics.incidentAlerts().valueSerde())
            .withLoggingDisabled(),
        topics.incidentAlerts().name(),
        Consumed.with(topics.incidentAlerts().keySerde(), topics.incidentAlerts().valueSerde())
            .withName("incidents-global-source"),
        IncidentsStoreUpdater::new);
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> kv(
      boolean persistent, String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(
        persistent ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name),
        Serdes.String(),
        values);
  }

  /**
   * A task store with the record cache on: writes to a key between two commits reach RocksDB and
   * the changelog once, at the commit (under EOS inside the transaction, so nothing changes for
   * readers of the changelog or the outputs). The processors and their punctuators read through the
   * cache, so they see their own writes; the stores forward nothing, so the cache delays no output.
   */
  private static <V> StoreBuilder<KeyValueStore<String, V>> cached(
      boolean persistent, String name, Serde<V> values) {
    return kv(persistent, name, values).withCachingEnabled().withLoggingEnabled(CHANGELOG_CONFIG);
  }

  /**
   * Changelog segments of the key-value stores. The log cleaner only compacts closed segments, and
   * a restore reads everything not compacted yet; with the broker's 1 GiB default a partition's
   * open segment can hold many times its live state (every update of every subject), so a restore
   * after a crash would replay all of it. 64 MiB segments keep the uncompacted tail, and so the
   * restore, close to the live state.
   */
  static final Map<String, String> CHANGELOG_CONFIG =
      Map.of(
          TopicConfig.SEGMENT_BYTES_CONFIG,
          Integer.toString(64 * 1024 * 1024),
          // An erased subject's old values leave the changelogs within this bound (the cleaner only
          // compacts closed segments, and a quiet partition might not close its open one for long).
          TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
          Long.toString(Topics.MAX_COMPACTION_LAG.toMillis()));
}
