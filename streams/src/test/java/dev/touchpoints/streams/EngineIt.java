package dev.touchpoints.streams;

import static org.awaitility.Awaitility.await;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.streams.model.Classifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/** What the engine's integration tests share: its configuration and clients of the real broker. */
public final class EngineIt {

  private EngineIt() {}

  /**
   * The engine exactly-once on a fresh state directory and application id, 2 partitions per topic,
   * a 100 ms commit interval, and the given {@code policy.*} (or other app) settings on top.
   */
  public static AppConfig config(
      String bootstrap, String registryUrl, String name, Map<String, String> settings) {
    Map<String, String> app = new HashMap<>(settings);
    app.put("schema.registry.url", registryUrl);
    app.putIfAbsent("topic.partitions", "2");
    Map<String, String> kafka = new HashMap<>();
    kafka.put("bootstrap.servers", bootstrap);
    kafka.put("application.id", name + "-" + UUID.randomUUID());
    kafka.put("processing.guarantee", "exactly_once_v2");
    try {
      kafka.put("state.dir", Files.createTempDirectory(name).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    kafka.put("commit.interval.ms", "100");
    return AppConfig.of(app, kafka);
  }

  /** Creates the engine's topics, starts it and waits until it runs. */
  public static void start(EngineStreams app, AppConfig config) {
    TopicAdmin.ensureTopics(config, app.topics());
    app.start();
    awaitRunning(app);
  }

  /** Waits (at most a minute) until the engine runs. */
  public static void awaitRunning(EngineStreams app) {
    await("engine running")
        .atMost(Duration.ofSeconds(60))
        .until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
  }

  /** A producer of {@code topic}'s values, keyed by subject id. */
  public static <V> KafkaProducer<String, V> producer(String bootstrap, Topic<String, V> topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaProducer<>(p, new StringSerializer(), topic.valueSerde().serializer());
  }

  /** A producer of raw bytes. */
  public static KafkaProducer<byte[], byte[]> rawProducer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A read_committed consumer of {@code topic} from its start, in a group of its own. */
  public static <V> KafkaConsumer<String, V> consumer(String bootstrap, Topic<String, V> topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    consumer.subscribe(List.of(topic.name()));
    return consumer;
  }

  /**
   * Publishes events in the given order, each to its input topic keyed by its subject, through one
   * Avro producer per topic, and waits until the broker has acknowledged every one. The records are
   * stamped when sent, as a real source's are: the event time is in the envelope only.
   */
  public static void publish(String bootstrap, Topics topics, List<? extends SpecificRecord> events)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = rawProducer(bootstrap)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (SpecificRecord event : events) {
        String key = Classifier.envelope(event).getSubjectId();
        Topic<String, SpecificRecord> topic =
            topics
                .sourceOf(event)
                .orElseThrow(() -> new IllegalArgumentException("not an event: " + event));
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    topic.name(),
                    topic.keySerde().serializer().serialize(topic.name(), key),
                    topic.valueSerde().serializer().serialize(topic.name(), event))));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    }
  }

  /**
   * Polls {@code consumer} until it has read everything committed to its topic so far (its position
   * has reached the end offsets of every partition), handing each record to {@code sink}.
   */
  public static <V> void readToEnd(
      KafkaConsumer<String, V> consumer, Consumer<ConsumerRecord<String, V>> sink) {
    await("read to the end of " + consumer.subscription())
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(100)).forEach(sink);
              Set<TopicPartition> assigned = consumer.assignment();
              return !assigned.isEmpty()
                  && consumer.endOffsets(assigned).entrySet().stream()
                      .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
  }

  /** The sum over tasks of one of the engine's Kafka metrics, by name. */
  public static double metric(EngineStreams app, String name) {
    return app.streams().metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  /** The bytes of an Avro {@code bytes} field (a dead letter's key or value), or null. */
  public static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] raw = new byte[copy.remaining()];
    copy.get(raw);
    return raw;
  }
}
