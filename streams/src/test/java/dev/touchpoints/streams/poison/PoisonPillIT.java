package dev.touchpoints.streams.poison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.TouchpointSummary;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.streams.EngineIt;
import dev.touchpoints.streams.EngineStreams;
import dev.touchpoints.streams.poison.Scenario.Outcome;
import dev.touchpoints.streams.poison.Scenario.Step;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Poison pills against the real engine: an embedded broker, the registry over HTTP, {@link
 * EngineStreams} exactly-once. Every class of bad record in {@link Scenarios} sits between good
 * records of its own subject; each pill must end up exactly as documented (a dead letter with its
 * bytes, coordinates and reason, or handled in band), the engine must stay up, and every good event
 * behind a pill must be scored exactly once.
 */
class PoisonPillIT {

  private static Platform platform;

  @BeforeAll
  static void startPlatform() {
    platform = Platform.startTemporary();
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldDeadLetterEveryPoisonPillAndScoreEveryGoodEventBehindItOnce() throws Exception {
    assertEngineSurvives(Scenarios::all);
  }

  @Test
  void shouldDeadLetterAnUndecodableRecordNearKafkasSizeLimit() throws Exception {
    assertEngineSurvives(Scenarios::nearSizeLimit);
  }

  private static void assertEngineSurvives(Function<Scenarios, List<Scenario>> pills)
      throws Exception {
    // Given the engine running exactly-once
    AppConfig config = config();
    Topics topics = Topics.fromConfig(config);
    try (EngineStreams app = new EngineStreams(config)) {
      EngineIt.start(app, config);

      // When each class of poison pill arrives between good events of its subject
      Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      List<Scenario> scenarios = pills.apply(new Scenarios(topics, start));
      Map<Step, RecordMetadata> written = produce(scenarios);

      // Then, once every pill is dead-lettered and every subject's good events are scored, ...
      Map<String, DeadLetter> dead = new LinkedHashMap<>();
      Map<String, CustomerExperience> latest = new HashMap<>();
      Set<KafkaStreams.State> states = EnumSet.noneOf(KafkaStreams.State.class);
      Map<String, Step> pillsByCoordinates = expectedDeadLetters(scenarios, written);
      try (KafkaConsumer<String, DeadLetter> deadIn = consumer(topics.deadLetters());
          KafkaConsumer<String, CustomerExperience> scoresIn = consumer(topics.experience())) {
        await("every pill dead-lettered and every good event scored")
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(250))
            .pollInSameThread()
            .untilAsserted(
                () -> {
                  states.add(app.streams().state());
                  deadIn.poll(Duration.ofMillis(100)).forEach(r -> dead.put(r.key(), r.value()));
                  scoresIn
                      .poll(Duration.ofMillis(100))
                      .forEach(r -> latest.put(r.key(), r.value()));
                  assertThat(dead.keySet()).containsAll(pillsByCoordinates.keySet());
                  for (Scenario s : scenarios) {
                    CustomerExperience view = latest.get(s.subject());
                    assertThat(view).as("view of %s (%s)", s.subject(), s.pillClass()).isNotNull();
                    assertThat(eventIds(view))
                        .as("events scored for %s (%s)", s.subject(), s.pillClass())
                        .containsAll(s.countedEventIds());
                  }
                });
      }
      Instant end = Instant.now();

      // ... the engine never stopped
      assertThat(states)
          .as("engine states seen while the pills were processed")
          .containsOnly(KafkaStreams.State.RUNNING);
      assertThat(failedStreamThreads(app.streams())).as("failed stream threads").isZero();

      // ... exactly the pills are dead letters, each whole, with coordinates and reason
      assertThat(dead.keySet()).containsExactlyInAnyOrderElementsOf(pillsByCoordinates.keySet());
      pillsByCoordinates.forEach(
          (coordinates, step) ->
              assertDeadLetter(dead.get(coordinates), step, written.get(step), start, end));

      // ... and every subject counts each good event once, repeats and pills not at all
      for (Scenario s : scenarios) {
        CustomerExperience view = latest.get(s.subject());
        assertThat(view.getEventCount())
            .as("eventCount of %s (%s)", s.subject(), s.pillClass())
            .isEqualTo(s.countedEventIds().size());
        assertThat(eventIds(view))
            .as("recent touchpoints of %s (%s)", s.subject(), s.pillClass())
            .doesNotHaveDuplicates();
      }

      // ... and pills leave no trace in the score: a subject whose pill was dead-lettered, dropped
      // as a repeat or dated 20 years back scores exactly like the others of its topic
      scenarios.stream()
          .filter(Scenario::scoredByGoodEventsAlone)
          .collect(Collectors.groupingBy(Scenario::topic))
          .forEach(
              (topic, alike) -> {
                CustomerExperience first = latest.get(alike.get(0).subject());
                for (Scenario s : alike) {
                  CustomerExperience view = latest.get(s.subject());
                  assertThat(view.getOverall())
                      .as("overall of %s (%s)", s.subject(), s.pillClass())
                      .isEqualTo(first.getOverall());
                  assertThat(view.getDimensions())
                      .as("dimension scores of %s (%s)", s.subject(), s.pillClass())
                      .isEqualTo(first.getDimensions());
                }
              });
    }
  }

  private static void assertDeadLetter(
      DeadLetter letter, Step step, RecordMetadata written, Instant start, Instant end) {
    Outcome.DeadLettered expected = (Outcome.DeadLettered) step.outcome();
    String pill = new String(step.headers().get(0).value(), StandardCharsets.UTF_8);
    assertThat(letter.getSourceTopic()).as("%s: source topic", pill).isEqualTo(step.topic().name());
    assertThat(letter.getPartition()).as("%s: partition", pill).isEqualTo(written.partition());
    assertThat(letter.getOffset()).as("%s: offset", pill).isEqualTo(written.offset());
    assertThat(bytes(letter.getKey())).as("%s: key bytes", pill).isEqualTo(step.key());
    assertThat(bytes(letter.getValue())).as("%s: value bytes", pill).isEqualTo(step.value());
    assertThat(letter.getHeaders())
        .as("%s: headers", pill)
        .containsExactlyInAnyOrderEntriesOf(headers(step.headers()));
    assertThat(letter.getRecordTimestamp())
        .as("%s: record timestamp", pill)
        .isEqualTo(Instant.ofEpochMilli(written.timestamp()));
    assertThat(letter.getProcessor()).as("%s: stage", pill).isEqualTo(step.stage());
    assertThat(letter.getErrorClass()).as("%s: error class", pill).isEqualTo(expected.errorClass());
    assertThat(letter.getReason()).as("%s: reason", pill).isEqualTo(expected.reason());
    assertThat(letter.getFailedAt()).as("%s: failed at", pill).isBetween(start, end);
  }

  /** Writes every record in order, each scenario's to the partition its first record went to. */
  private static Map<Step, RecordMetadata> produce(List<Scenario> scenarios) throws Exception {
    Map<Step, RecordMetadata> written = new LinkedHashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      for (Scenario s : scenarios) {
        Integer partition = null;
        for (Step step : s.steps()) {
          RecordMetadata meta =
              producer
                  .send(
                      new ProducerRecord<>(
                          step.topic().name(),
                          partition,
                          step.timestamp(),
                          step.key(),
                          step.value(),
                          step.headers()))
                  .get();
          partition = meta.partition();
          written.put(step, meta);
        }
      }
    }
    return written;
  }

  /** The dead letters the scenarios must cause, by their key ({@code topic-partition@offset}). */
  private static Map<String, Step> expectedDeadLetters(
      List<Scenario> scenarios, Map<Step, RecordMetadata> written) {
    Map<String, Step> pills = new LinkedHashMap<>();
    scenarios.stream()
        .flatMap(s -> s.steps().stream())
        .filter(step -> step.outcome() instanceof Outcome.DeadLettered)
        .forEach(
            step -> {
              RecordMetadata m = written.get(step);
              pills.put(m.topic() + "-" + m.partition() + "@" + m.offset(), step);
            });
    return pills;
  }

  private static List<String> eventIds(CustomerExperience view) {
    return view.getRecentTouchpoints().stream().map(TouchpointSummary::getEventId).toList();
  }

  private static Map<String, ByteBuffer> headers(List<Header> headers) {
    return headers.stream()
        .collect(
            Collectors.toMap(
                Header::key, h -> ByteBuffer.wrap(h.value() == null ? new byte[0] : h.value())));
  }

  private static double failedStreamThreads(KafkaStreams streams) {
    return streams.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals("failed-stream-threads"))
        .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no failed-stream-threads metric"));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static AppConfig config() throws Exception {
    Map<String, String> app = new HashMap<>();
    app.put("schema.registry.url", platform.registryUrl());
    app.put("topic.partitions", "2");
    // Each test gets topics of its own, so one test's dead letters are not another's.
    String run = "run-" + UUID.randomUUID().toString().substring(0, 8);
    Topics.DEFAULT_NAMES.forEach((logical, name) -> app.put("topic." + logical, run + "." + name));
    Map<String, String> kafkaProps = new HashMap<>();
    kafkaProps.put("bootstrap.servers", platform.bootstrapServers());
    kafkaProps.put("application.id", "poison-pill-it-" + UUID.randomUUID());
    kafkaProps.put("processing.guarantee", "exactly_once_v2");
    kafkaProps.put("state.dir", Files.createTempDirectory("poison-pill-it").toString());
    kafkaProps.put("commit.interval.ms", "100");
    return AppConfig.of(app, kafkaProps);
  }

  private static KafkaProducer<byte[], byte[]> rawProducer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // Let the broker, not this client, decide what is too large.
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-pill-it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    consumer.subscribe(List.of(topic.name()));
    return consumer;
  }
}
