package dev.touchpoints.streams;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

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

  /** The sum over tasks of one of the engine's Kafka metrics, by name. */
  public static double metric(ExperienceApp app, String name) {
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
