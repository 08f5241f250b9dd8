package dev.touchpoints.streams;

import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.ErasureAudit;
import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.avro.ExperienceIndex;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.query.LocalState;
import dev.touchpoints.streams.query.StoreProvider;
import dev.touchpoints.streams.records.AlertRecords;
import dev.touchpoints.streams.records.ExperienceRecords;
import dev.touchpoints.streams.rules.AlertDraft;
import dev.touchpoints.streams.rules.Rule;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The experience topology in a {@link TopologyTestDriver}, with typed helpers to play a story and
 * collect what comes out. Every output read so far is kept, so a test can ask for all alerts.
 */
public final class EngineDriver implements AutoCloseable {

  private final Topics topics;
  private final ScoringModel model;
  private final TopologyTestDriver driver;
  private static final Duration WALL_STEP = Duration.ofHours(1);
  private Instant wallClock;
  private final List<TestRecord<String, CustomerAlert>> alerts = new ArrayList<>();
  private final List<IncidentAlert> incidents = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final List<TestRecord<String, CustomerExperience>> experiences = new ArrayList<>();
  private final List<ErasureAudit> audits = new ArrayList<>();
  private final List<String> json = new ArrayList<>();
  private final Policy policy;
  private final TestOutputTopic<String, CustomerAlert> alertOut;
  private final TestOutputTopic<String, IncidentAlert> incidentOut;
  private final TestOutputTopic<String, DeadLetter> deadOut;
  private final TestOutputTopic<String, CustomerExperience> experienceOut;
  private final TestOutputTopic<String, String> jsonOut;
  private final TestOutputTopic<String, ErasureAudit> auditOut;
  private final TestOutputTopic<String, ExperienceIndex> indexOut;
  private final Map<String, ExperienceIndex> index = new TreeMap<>();

  /** A driver with the default policy and the wall clock at {@link TestData#T0}. */
  public EngineDriver() {
    this(TestData.policy(java.util.Map.of()), TestData.T0);
  }

  public EngineDriver(Policy policy, Instant wallClock) {
    this(policy, wallClock, List.of());
  }

  /** A driver whose subjects' steps also run {@code extraRules} (tests inject faults with one). */
  public EngineDriver(Policy policy, Instant wallClock, List<Rule> extraRules) {
    this(TestData.topics(), policy, wallClock, extraRules);
  }

  /** A driver on topics of your own (another set of event families). */
  public EngineDriver(Topics topics, Policy policy, Instant wallClock, List<Rule> extraRules) {
    this.policy = policy;
    this.topics = topics;
    this.model = new ScoringModel(policy.scoring());
    this.wallClock = wallClock;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "experience-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    try {
      props.put(
          StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("experience-test").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    this.driver =
        new TopologyTestDriver(
            ExperienceTopology.build(
                topics, policy, ExperienceTopology.StateStores.IN_MEMORY, extraRules),
            props,
            wallClock);
    alertOut = output(topics.customerAlerts());
    incidentOut = output(topics.incidentAlerts());
    deadOut = output(topics.deadLetters());
    experienceOut = output(topics.experience());
    jsonOut = output(topics.alertsJson());
    auditOut = output(topics.erasureAudit());
    indexOut = output(topics.experienceIndex());
  }

  /** The experience index as its compacted topic holds it: the latest record per period key. */
  public Map<String, ExperienceIndex> index() {
    indexOut
        .readKeyValuesToList()
        .forEach(
            kv -> {
              if (kv.value == null) {
                index.remove(kv.key); // a period whose every customer moved away or was erased
              } else {
                index.put(kv.key, kv.value);
              }
            });
    return new TreeMap<>(index);
  }

  public Topics topics() {
    return topics;
  }

  /**
   * Sends events, each to its topic, keyed by subject, stamped with its event time. Each arrives
   * live: the (mock) wall clock first moves on to its event time, if it is not there already.
   */
  public EngineDriver send(SpecificRecord... events) {
    for (SpecificRecord event : events) {
      Instant at = Classifier.envelope(event).getOccurredAt();
      wallClockTo(at);
      pipe(event, at);
    }
    return this;
  }

  /**
   * Delivers an event as a source would at wall-clock time {@code wall}: the (mock) wall clock
   * first moves on to {@code wall}, if it is not there already, and the record is stamped with it
   * (when it was written), whatever the event's own time.
   */
  public EngineDriver deliver(SpecificRecord event, Instant wall) {
    wallClockTo(wall);
    return pipe(event, wall.isAfter(wallClock) ? wall : wallClock);
  }

  /** Pipes an event into its topic, keyed by subject, stamped {@code timestamp}. */
  private EngineDriver pipe(SpecificRecord event, Instant timestamp) {
    String key = Classifier.envelope(event).getSubjectId();
    Topic<String, SpecificRecord> topic =
        topics
            .sourceOf(event)
            .orElseThrow(() -> new IllegalArgumentException("not an event: " + event.getClass()));
    input(topic).pipeInput(key, event, timestamp);
    return this;
  }

  /** The (mock) wall clock. */
  public Instant wall() {
    return wallClock;
  }

  /** Sends raw bytes to an input topic. */
  public EngineDriver sendRaw(Topic<?, ?> topic, byte[] key, byte[] value, Instant at) {
    wallClockTo(at);
    driver
        .createInputTopic(topic.name(), new ByteArraySerializer(), new ByteArraySerializer())
        .pipeInput(key, value, at);
    return this;
  }

  /**
   * Moves the (mock) wall clock forward to {@code to}, running the wall-clock punctuators at least
   * every hour on the way, as a live engine would (so a clock that falls due on the way fires near
   * its due time, not days later).
   */
  public EngineDriver wallClockTo(Instant to) {
    while (wallClock.isBefore(to)) {
      Instant next = wallClock.plus(WALL_STEP).isBefore(to) ? wallClock.plus(WALL_STEP) : to;
      driver.advanceWallClockTime(Duration.between(wallClock, next));
      wallClock = next;
    }
    return this;
  }

  /**
   * Sends an event from a source whose clock runs fast: it arrives now, before the wall clock
   * reaches its event time.
   */
  public EngineDriver sendAhead(SpecificRecord event) {
    return pipe(event, Classifier.envelope(event).getOccurredAt());
  }

  /** Every customer alert sent so far. */
  public List<CustomerAlert> alerts() {
    return alertRecords().stream().map(TestRecord::value).toList();
  }

  /** Every customer alert record sent so far, with its timestamp (when it was emitted). */
  public List<TestRecord<String, CustomerAlert>> alertRecords() {
    alerts.addAll(alertOut.readRecordsToList());
    return List.copyOf(alerts);
  }

  /** Every incident alert sent so far. */
  public List<IncidentAlert> incidents() {
    incidents.addAll(incidentOut.readValuesToList());
    return List.copyOf(incidents);
  }

  /** Every dead letter sent so far. */
  public List<DeadLetter> deadLetters() {
    deadLetters.addAll(deadOut.readValuesToList());
    return List.copyOf(deadLetters);
  }

  /** Every experience record's value sent so far (null: a tombstone). */
  public List<CustomerExperience> experiences() {
    return experienceRecords().stream().map(TestRecord::value).toList();
  }

  /** Every experience record sent so far, with its key. */
  public List<TestRecord<String, CustomerExperience>> experienceRecords() {
    experiences.addAll(experienceOut.readRecordsToList());
    return List.copyOf(experiences);
  }

  /**
   * Asks to forget {@code subjectId} now (the mock wall clock), as {@code DELETE /v1/subjects/{id}}
   * does: an {@link ErasureRequest} on the request topic, keyed by the subject.
   */
  public ErasureRequest erase(String subjectId) {
    ErasureRequest request =
        ErasureRequest.newBuilder()
            .setRequestId("request-" + subjectId + "-" + wallClock.toEpochMilli())
            .setSubjectId(subjectId)
            .setRequestedBy("test (key 00000000)")
            .setRequestedAt(wallClock)
            .build();
    input(topics.erasureRequests()).pipeInput(subjectId, request, wallClock);
    return request;
  }

  /**
   * What ops did about an open alert, as {@code POST /v1/alerts/{id}/actions} records it: an {@link
   * AlertAction} on the actions topic, keyed by the subject, written now (the mock wall clock).
   */
  public EngineDriver act(AlertAction action) {
    input(topics.alertActions()).pipeInput(action.getSubjectId(), action, wallClock);
    return this;
  }

  /**
   * Links {@code subjectId} into {@code linkedTo} at event time {@code at} ({@code IdentityLinked}
   * on the identity topic, keyed by the id linked away), written now (the mock wall clock, moved on
   * to {@code at} first if it is behind).
   */
  public IdentityEvent link(String subjectId, String linkedTo, Instant at, boolean deliberate) {
    wallClockTo(at);
    IdentityEvent event =
        new IdentityEvent(
            TestData.envelope(subjectId, at), new IdentityLinked(linkedTo, deliberate));
    input(topics.identity()).pipeInput(subjectId, event, wallClock);
    return event;
  }

  /** Every erasure audit entry so far. */
  public List<ErasureAudit> audits() {
    audits.addAll(auditOut.readValuesToList());
    return List.copyOf(audits);
  }

  /** Every JSON alert sent so far. */
  public List<String> json() {
    json.addAll(jsonOut.readValuesToList());
    return List.copyOf(json);
  }

  /**
   * The current experience of a subject as the query API derives it: {@link
   * ExperienceRecords#experience} of the subject-state store's value, or null.
   */
  public CustomerExperience experience(String subject) {
    KeyValueStore<String, SubjectState> store =
        driver.getKeyValueStore(StoreNames.SUBJECT_STATE_STORE);
    SubjectState state = store.get(subject);
    return state == null ? null : ExperienceRecords.experience(state, model);
  }

  /**
   * A raised alert as the query API reads it: listed in the raised-alert index, kept in the
   * subject's ledger; or null.
   */
  public CustomerAlert raisedAlert(String subject, String dedupeKey) {
    KeyValueStore<String, String> index = driver.getKeyValueStore(StoreNames.RAISED_ALERTS_STORE);
    if (index.get(StoreNames.raisedAlertKey(subject, dedupeKey)) == null) {
      return null;
    }
    KeyValueStore<String, SubjectState> states =
        driver.getKeyValueStore(StoreNames.SUBJECT_STATE_STORE);
    SubjectState.ActiveAlert raised = states.get(subject).alerts.get(dedupeKey);
    return AlertRecords.toAvro(subject, AlertDraft.raised(dedupeKey, raised));
  }

  /** A subject's ledger as stored, or null. */
  public SubjectState ledger(String subject) {
    KeyValueStore<String, SubjectState> states =
        driver.getKeyValueStore(StoreNames.SUBJECT_STATE_STORE);
    return states.get(subject);
  }

  /**
   * The query API's view of this engine's stores ({@link LocalState}), with scores below {@code
   * atRiskBelow} at risk.
   */
  public LocalState query(double atRiskBelow) {
    StoreProvider stores =
        new StoreProvider() {
          @Override
          @SuppressWarnings("unchecked")
          public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
            return driver.<String, V>getKeyValueStore(name);
          }
        };
    return new LocalState(stores, policy, atRiskBelow);
  }

  /** A queryable store. */
  public <V> KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(
        topic.name(), new StringSerializer(), topic.valueSerde().serializer());
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  /** The driver itself, for what the helpers do not cover. */
  public TopologyTestDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.close();
  }
}
