package dev.touchpoints.streams.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigLoader;
import dev.touchpoints.core.kafka.GroupOffsets;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.kafka.BrokerProcess;
import dev.touchpoints.platform.registry.RegistryServer;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.streams.EngineStreams;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.reference.Expectation;
import dev.touchpoints.streams.reference.InputRecord;
import dev.touchpoints.streams.reference.ReferenceModel;
import dev.touchpoints.streams.state.JsonSerde;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once under crashes, against the reference model. A broker runs in its own JVM, the
 * registry in this one, the experience engine ({@link CrashTestStreamsMain}, {@code
 * exactly_once_v2}) in a third. Deterministic journeys (no incident waves) go in through an
 * idempotent producer, all of it before the engine starts (so that each task's order is the one the
 * reference model computes); the engine JVM is killed with SIGKILL at seeded random points of its
 * progress and started again, and the broker JVM is killed and restarted once. Once the engine has
 * committed every input offset, the committed outputs must be exactly what {@link ReferenceModel}
 * computes: every subject's last experience, every experience update, every alert and clear – none
 * lost, none twice.
 *
 * <p>{@code -Dcrash.kills=3} (default), {@code -Dcrash.events=4000}, {@code -Dcrash.subjects=300},
 * {@code -Dcrash.partitions=4}, {@code -Dcrash.seed=20260101}; {@code
 * -Dcrash.guarantee=at_least_once} shows what the test catches without exactly-once. The summary
 * goes to stdout and to {@code target/crash-report.txt}.
 */
class ExactlyOnceCrashIT {

  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceCrashIT.class);
  private static final int KILLS = Integer.getInteger("crash.kills", 3);
  private static final int EVENTS = Integer.getInteger("crash.events", 4_000);
  private static final int SUBJECTS = Integer.getInteger("crash.subjects", 300);
  private static final int PARTITIONS = Integer.getInteger("crash.partitions", 4);
  private static final long SEED = Long.getLong("crash.seed", 20260101L);

  /** Subjects linked into fresh ids along the way (identity links, #14). */
  private static final int LINKS = Integer.getInteger("crash.links", 20);

  /** Only to show that the test catches what at-least-once does: {@code at_least_once}. */
  private static final String GUARANTEE = System.getProperty("crash.guarantee", "exactly_once_v2");

  private static final Duration CATCH_UP = Duration.ofMinutes(5);

  /** Kept on topics we create: nothing is deleted or compacted while the test reads. */
  private static final Map<String, String> KEEP_EVERYTHING =
      Map.of(
          TopicConfig.RETENTION_MS_CONFIG,
          "-1",
          TopicConfig.SEGMENT_MS_CONFIG,
          String.valueOf(Duration.ofDays(3650).toMillis()),
          TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
          String.valueOf(Long.MAX_VALUE));

  private int unplannedRestarts;

  @Test
  void shouldLoseAndDuplicateNothingWhenTheProcessorIsKilledRepeatedly() throws Exception {
    long began = System.nanoTime();
    Path work =
        Files.createDirectories(
            Path.of("target", "crash-it", "run-" + System.currentTimeMillis()).toAbsolutePath());

    // Given a broker in its own JVM, a registry, the topics, and deterministic traffic on them
    try (BrokerProcess broker = BrokerProcess.start(work.resolve("broker"));
        RegistryServer registry = RegistryServer.start(broker.bootstrapServers(), 0);
        Admin admin = admin(broker.bootstrapServers())) {
      Path configFile = writeConfig(work, broker.bootstrapServers(), registry.url());
      AppConfig config =
          new ConfigLoader().defaults(EngineStreams.DEFAULTS).file(configFile).load();
      Topics topics = Topics.fromConfig(config);
      String group = config.kafkaProperties().getProperty("application.id");
      createTopics(admin, topics);
      List<SimulatedEvent> events = CrashTraffic.events(SEED, SUBJECTS, EVENTS);
      List<InputRecord> inputs = events.stream().map(e -> CrashTraffic.input(topics, e)).toList();
      Expectation unlinked = new ReferenceModel(Policy.fromConfig(config), PARTITIONS).run(inputs);
      List<CrashTraffic.Link> links = CrashTraffic.links(events, unlinked.alerts(), LINKS);
      assertThat(links).as("identity links spread over the traffic").hasSize(LINKS);
      Expectation expected = CrashTraffic.withLinks(unlinked, links);
      produce(broker.bootstrapServers(), topics, events, links);
      Map<TopicPartition, Long> ends = endOffsets(admin, topics);
      long total = ends.values().stream().mapToLong(Long::longValue).sum();
      assertThat(total).as("input records on the broker").isEqualTo(EVENTS + LINKS);
      assertThat(expected.ambiguousTies())
          .as("same-subject records at one instant in two topics (order up to Kafka)")
          .isZero();

      // When the engine runs, is killed at random points of its progress, and the broker once
      Random random = new Random(SEED);
      List<Action> plan = plan(random, KILLS);
      int kills = 0;
      int killsAfterCatchUp = 0;
      int brokerRestarts = 0;
      try (StreamsProcess streams = new StreamsProcess(configFile, work)) {
        streams.start();
        for (Action action : plan) {
          long target = Math.round(action.atFraction() * total);
          await("engine committed at least " + target + " of " + total + " input records")
              .atMost(CATCH_UP)
              .pollInterval(Duration.ofMillis(50))
              .until(
                  () -> {
                    keepAlive(streams);
                    return committed(admin, group, ends) >= target;
                  });
          long done = committed(admin, group, ends);
          if (done >= total) {
            killsAfterCatchUp += action.killsStreams() ? 1 : 0;
          }
          LOG.info(
              "Killing the {} JVM with {} of {} input records committed",
              action.killsStreams() ? "streams" : "broker",
              done,
              total);
          if (action.killsStreams()) {
            streams.kill();
            kills++;
            streams.start();
          } else {
            broker.restart();
            brokerRestarts++;
          }
        }
        await("engine's consumer group committed every input partition at its end offset")
            .atMost(CATCH_UP)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  keepAlive(streams);
                  return committedOffsets(admin, group, ends).equals(ends);
                });
        await("engine took in every hop between subjects (links, moved ledgers, redirects)")
            .atMost(CATCH_UP)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  keepAlive(streams);
                  Map<TopicPartition, Long> hops =
                      endOffsets(admin, List.of(topics.subjectTransfers()));
                  return committedOffsets(admin, group, hops).equals(hops);
                });

        // Then the committed outputs are exactly the reference's
        String bootstrap = broker.bootstrapServers();
        List<ConsumerRecord<String, CustomerExperience>> experienceRecords =
            readCommitted(bootstrap, topics.experience());
        List<CustomerAlert> alerts =
            readCommitted(bootstrap, topics.customerAlerts()).stream()
                .map(ConsumerRecord::value)
                .toList();
        List<String> jsonAlertIds =
            readCommitted(bootstrap, topics.alertsJson()).stream()
                .map(r -> customerAlertId(r.value()))
                .filter(id -> id != null)
                .toList();
        int incidents = readCommitted(bootstrap, topics.incidentAlerts()).size();
        int deadLetters = readCommitted(bootstrap, topics.deadLetters()).size();

        Map<String, CustomerExperience> latest = new TreeMap<>();
        experienceRecords.forEach(r -> latest.put(r.key(), r.value()));
        List<String> mismatched =
            expected.experiences().keySet().stream()
                // compared as rendered: Avro's equals cannot compare a timestamp in a union
                .filter(
                    s ->
                        !String.valueOf(expected.experiences().get(s))
                            .equals(String.valueOf(latest.get(s))))
                .sorted()
                .toList();
        Tally alertTally = Tally.of(expected.alerts(), alerts, Function.identity());
        Tally jsonTally =
            Tally.of(
                expected.alerts().stream().map(CustomerAlert::getAlertId).toList(),
                jsonAlertIds,
                Function.identity());

        String summary =
            String.format(
                Locale.ROOT,
                "crash test (%s): events=%d links=%d subjects=%d partitions=%d seed=%d"
                    + " streams-kills=%d (after catch-up %d) streams-restarts=%d"
                    + " (unplanned %d) broker-kills=%d | experiences expected=%d got=%d"
                    + " mismatched=%d | experience-updates expected=%d got=%d"
                    + " | alerts expected=%d got=%d lost=%d duplicated=%d unexpected=%d"
                    + " | json-alerts got=%d lost=%d duplicated=%d unexpected=%d"
                    + " | dead-letters=%d incidents=%d | duration=%ds",
                GUARANTEE,
                EVENTS,
                LINKS,
                expected.experiences().size(),
                PARTITIONS,
                SEED,
                kills,
                killsAfterCatchUp,
                streams.incarnations() - 1,
                unplannedRestarts,
                brokerRestarts,
                expected.experiences().size(),
                latest.size(),
                mismatched.size(),
                expected.experienceUpdates(),
                experienceRecords.size(),
                expected.alerts().size(),
                alerts.size(),
                alertTally.lost(),
                alertTally.duplicated(),
                alertTally.unexpected(),
                jsonAlertIds.size(),
                jsonTally.lost(),
                jsonTally.duplicated(),
                jsonTally.unexpected(),
                deadLetters,
                incidents,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
        report(summary);

        assertThat(kills).as("streams JVM kills").isEqualTo(KILLS);
        assertThat(brokerRestarts).as("broker JVM kills").isEqualTo(1);
        assertThat(expected.alerts()).as("alerts the reference expects").isNotEmpty();
        assertThat(mismatched)
            .as(
                "subjects whose last experience differs from the reference, first: %s",
                mismatched.stream()
                    .limit(1)
                    .map(s -> "expected " + expected.experiences().get(s) + " got " + latest.get(s))
                    .toList())
            .isEmpty();
        assertThat(latest).as("subjects with an experience").hasSameSizeAs(expected.experiences());
        assertThat((long) experienceRecords.size())
            .as("experience updates published")
            .isEqualTo(expected.experienceUpdates());
        assertThat(alertTally.lost()).as("alerts lost").isZero();
        assertThat(alertTally.duplicated()).as("alerts duplicated").isZero();
        assertThat(alertTally.unexpected()).as("alerts the reference does not expect").isZero();
        assertThat(jsonTally).as("JSON mirror of the alerts").isEqualTo(new Tally(0, 0, 0));
        assertThat(deadLetters).as("dead letters").isEqualTo(expected.deadLetters().size());
        assertThat(incidents).as("incident alerts (outside the reference's scope)").isZero();
      }
    }
    deleteRecursively(work.resolve("broker"));
    deleteRecursively(work.resolve("state"));
    deleteRecursively(work.resolve("classpath"));
  }

  /** After a green run only the logs are kept. */
  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * One planned blow.
   *
   * @param atFraction share of the input the engine must have committed first
   * @param killsStreams SIGKILL the engine (else the broker)
   */
  private record Action(double atFraction, boolean killsStreams) {}

  /** Kills at seeded random points of progress, the broker restart somewhere among them. */
  private static List<Action> plan(Random random, int kills) {
    List<Action> plan = new ArrayList<>();
    for (int i = 0; i < kills; i++) {
      plan.add(new Action(0.02 + 0.93 * random.nextDouble(), true));
    }
    plan.add(new Action(0.2 + 0.6 * random.nextDouble(), false));
    plan.sort(Comparator.comparingDouble(Action::atFraction));
    return plan;
  }

  /**
   * Lost, duplicated and unexpected items of a multiset against the expected one.
   *
   * @param lost expected items missing
   * @param duplicated extra copies of expected items
   * @param unexpected items not expected at all
   */
  record Tally(long lost, long duplicated, long unexpected) {

    static <T, K> Tally of(List<T> expected, List<T> got, Function<T, K> identity) {
      Map<K, Long> want =
          expected.stream().collect(Collectors.groupingBy(identity, Collectors.counting()));
      Map<K, Long> have =
          got.stream().collect(Collectors.groupingBy(identity, Collectors.counting()));
      long lost = 0;
      long duplicated = 0;
      long unexpected = 0;
      for (Map.Entry<K, Long> e : want.entrySet()) {
        long n = have.getOrDefault(e.getKey(), 0L);
        lost += Math.max(0, e.getValue() - n);
        duplicated += Math.max(0, n - e.getValue());
      }
      for (Map.Entry<K, Long> e : have.entrySet()) {
        if (!want.containsKey(e.getKey())) {
          unexpected += e.getValue();
        }
      }
      return new Tally(lost, duplicated, unexpected);
    }
  }

  private void keepAlive(StreamsProcess streams) {
    if (!streams.isAlive()) {
      unplannedRestarts++;
      streams.start();
    }
  }

  private static Path writeConfig(Path work, String bootstrap, String registryUrl)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("schema.registry.url", registryUrl);
    p.setProperty(Topics.PARTITIONS, String.valueOf(PARTITIONS));
    CrashTraffic.POLICY.forEach(p::setProperty);
    p.setProperty("kafka.bootstrap.servers", bootstrap);
    p.setProperty("kafka.application.id", "crash-" + UUID.randomUUID().toString().substring(0, 8));
    p.setProperty("kafka.processing.guarantee", GUARANTEE);
    p.setProperty("kafka.state.dir", work.resolve("state").toString());
    p.setProperty("kafka.num.stream.threads", "1");
    // commit.interval.ms and the producer's retry back-off: the engine's defaults, as shipped
    // Streams takes the buffered record with the lowest timestamp once every partition of a task
    // has data or is known to be at its end; the reference model orders a task's input the same.
    p.setProperty("kafka.max.task.idle.ms", "0");
    // A killed member leaves the group after this, not after the 45 s default.
    p.setProperty("kafka.session.timeout.ms", "6000");
    p.setProperty("kafka.heartbeat.interval.ms", "1500");
    Path file = work.resolve("streams.properties");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "exactly-once crash test");
    }
    return file;
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
  }

  private static void createTopics(Admin admin, Topics topics) throws Exception {
    List<NewTopic> all = new ArrayList<>();
    for (Topic<?, ?> topic : topics.all()) {
      Map<String, String> configs = new HashMap<>(topic.configs());
      configs.putAll(KEEP_EVERYTHING);
      all.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(configs));
    }
    admin.createTopics(all).all().get(30, TimeUnit.SECONDS);
    // The controller has the topics once createTopics returns; wait until the broker leads every
    // partition too, so the first produce requests do not race the metadata.
    List<String> names = all.stream().map(NewTopic::name).toList();
    await("every partition of the created topics has a leader")
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                admin
                    .describeTopics(names)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  /** Sends every event and link with an idempotent producer, stamped with its event time. */
  private static void produce(
      String bootstrap, Topics topics, List<SimulatedEvent> events, List<CrashTraffic.Link> links) {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            // a busy 2-core CI machine runs this broker JVM beside two others: give it time
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            (int) Duration.ofMinutes(5).toMillis(),
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int) Duration.ofMinutes(1).toMillis(),
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            Duration.ofMinutes(2).toMillis());
    AtomicLong failed = new AtomicLong();
    Map<String, Long> errors = new ConcurrentHashMap<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (SimulatedEvent e : events) {
        Topic<String, SpecificRecord> topic = CrashTraffic.topicOf(topics, e.event());
        producer.send(
            new ProducerRecord<>(
                topic.name(),
                null,
                e.at().toEpochMilli(),
                topic.keySerde().serializer().serialize(topic.name(), e.subjectId()),
                topic.valueSerde().serializer().serialize(topic.name(), e.event())),
            (metadata, error) -> {
              if (error != null) {
                failed.incrementAndGet();
                errors.merge(
                    error.getClass().getSimpleName() + ": " + error.getMessage(), 1L, Long::sum);
              }
            });
      }
      for (CrashTraffic.Link link : links) {
        producer.send(
            new ProducerRecord<>(
                topics.identity().name(),
                null,
                link.at().toEpochMilli(),
                topics
                    .identity()
                    .keySerde()
                    .serializer()
                    .serialize(topics.identity().name(), link.from()),
                topics
                    .identity()
                    .valueSerde()
                    .serializer()
                    .serialize(topics.identity().name(), link.event())),
            (metadata, error) -> {
              if (error != null) {
                failed.incrementAndGet();
                errors.merge(
                    error.getClass().getSimpleName() + ": " + error.getMessage(), 1L, Long::sum);
              }
            });
      }
      producer.flush();
    }
    assertThat(failed.get())
        .as("events the producer failed to store, by error: %s", errors)
        .isZero();
  }

  /** End offsets of the engine's inputs: the touchpoint topics and the identity topic. */
  private static Map<TopicPartition, Long> endOffsets(Admin admin, Topics topics) throws Exception {
    List<Topic<?, ?>> inputs = new ArrayList<>(topics.inputs());
    inputs.add(topics.identity());
    return endOffsets(admin, inputs);
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, List<Topic<?, ?>> topicList) {
    return GroupOffsets.endOffsets(
        admin,
        topicList.stream().map(Topic::name).toList(),
        IsolationLevel.READ_UNCOMMITTED,
        Duration.ofSeconds(30));
  }

  /** The group's committed offsets of the input partitions (empty while the broker is down). */
  private static Map<TopicPartition, Long> committedOffsets(
      Admin admin, String group, Map<TopicPartition, Long> inputs) {
    try {
      return GroupOffsets.committed(admin, group, inputs.keySet(), Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  private static long committed(Admin admin, String group, Map<TopicPartition, Long> inputs) {
    return committedOffsets(admin, group, inputs).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /** Every committed record of a topic, up to its last stable offset, in partition order. */
  private static <V> List<ConsumerRecord<String, V>> readCommitted(
      String bootstrap, Topic<String, V> topic) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5_000);
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      return TopicRange.readAll(consumer, List.of(topic.name()), Duration.ofMinutes(1));
    }
  }

  private static String customerAlertId(String json) {
    try {
      var node = JsonSerde.MAPPER.readTree(json);
      return "customer-alert".equals(node.path("kind").asText())
          ? node.path("alertId").asText()
          : null;
    } catch (IOException e) {
      throw new IllegalStateException("not JSON on the alerts mirror: " + json, e);
    }
  }

  private static void report(String summary) throws IOException {
    System.out.println(summary);
    Path report = Path.of("target", "crash-report.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, summary + System.lineSeparator(), StandardCharsets.UTF_8);
  }
}
