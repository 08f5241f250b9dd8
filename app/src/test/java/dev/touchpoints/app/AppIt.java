package dev.touchpoints.app;

import dev.touchpoints.avro.Envelope;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.platform.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the app module's integration tests share: the engine's settings, HTTP calls, topic reads.
 */
final class AppIt {

  static final String READ_KEY = "it-read-key";
  static final String ADMIN_KEY = "it-admin-key";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private AppIt() {}

  /**
   * The engine on the temporary platform: keys of both roles, exactly-once with a 100 ms commit
   * interval, clocks that pass at once, fold wait 0, no console feed, 2 partitions per topic.
   */
  static AppConfig config(Platform platform, String name, String stateDir) {
    Map<String, String> app = new HashMap<>();
    app.put("schema.registry.url", platform.registryUrl());
    app.put("query.port", "0");
    app.put("query.api.keys.read", READ_KEY);
    app.put("query.api.keys.admin", ADMIN_KEY);
    app.put("console.feed.enabled", "false");
    app.put("topic.partitions", "2");
    app.put("policy.clock.out-of-order", "0s");
    app.put("policy.clock.idle-after", "1s");
    app.put("policy.clock.check-interval", "500ms");
    app.put("policy.incident.fold-wait", "0s");
    Map<String, String> kafka = new HashMap<>();
    kafka.put("bootstrap.servers", platform.bootstrapServers());
    kafka.put("application.id", name + "-" + UUID.randomUUID());
    kafka.put("processing.guarantee", "exactly_once_v2");
    kafka.put("commit.interval.ms", "100");
    kafka.put("state.dir", stateDir);
    return AppConfig.of(app, kafka);
  }

  /** An envelope with a fresh event id. */
  static Envelope envelope(String subject, Instant at, String source) {
    return Envelope.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setSubjectId(subject)
        .setOccurredAt(at)
        .setSource(source)
        .build();
  }

  static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return post(port, path, body, null);
  }

  /** POSTs JSON with {@code key} as bearer token (null: none). */
  static HttpResponse<String> post(int port, String path, String body, String key)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET with the read key; redirects are not followed. */
  static HttpResponse<String> get(int port, String path) {
    return get(port, path, READ_KEY);
  }

  static HttpResponse<String> get(int port, String path, String key) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("Authorization", "Bearer " + key)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("query API at port " + port + " did not answer", e);
    }
  }

  static <V> List<ConsumerRecord<String, V>> readAll(Platform platform, Topic<String, V> topic) {
    return read(
        platform, topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  /** Every committed record of {@code topic}, in partition and offset order. */
  static <K, V> List<ConsumerRecord<K, V>> read(
      Platform platform, String topic, Deserializer<K> keys, Deserializer<V> values) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(p, keys, values)) {
      return TopicRange.readAll(consumer, List.of(topic), Duration.ofSeconds(30));
    }
  }
}
