package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.failedPasswordReset;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.platform.registry.RegistryServer;
import dev.touchpoints.platform.registry.RegistrySettings;
import dev.touchpoints.serde.AvroSerializer;
import dev.touchpoints.serde.RestSchemaRegistryClient;
import dev.touchpoints.serde.SerdeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A registry outage is a fault the engine waits out: events whose schema id it has never resolved
 * arrive while the registry is down; the engine retries (counted), and once the registry is back
 * every event is scored and nothing is dead-lettered.
 */
class RegistryOutageEngineIT {

  private static final int EVENTS = 20;

  @Test
  void shouldScoreEveryEventAfterARegistryOutageAndDeadLetterNone() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
      RegistryServer registry = RegistryServer.start(kafka.bootstrapServers(), 0);
      int port = registry.port();
      AppConfig config =
          EngineIt.config(kafka.bootstrapServers(), registry.url(), "registry-outage-it", Map.of());
      try (EngineStreams app = new EngineStreams(config)) {
        TopicAdmin.ensureTopics(config, app.topics());
        Topic<String, WebEvent> webTopic = app.topics().web();

        // Given events serialized by a publisher the engine shares no schema cache with
        Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
        AvroSerializer publisher =
            new AvroSerializer(new RestSchemaRegistryClient(SerdeConfig.from(serde)), serde, false);
        Instant now = Instant.now();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
          WebEvent event =
              web("outage-" + i, now, i % 2 == 0 ? pageViewed("/") : failedPasswordReset());
          records.add(
              new ProducerRecord<>(
                  webTopic.name(),
                  event.getEnvelope().getSubjectId().getBytes(),
                  publisher.serialize(webTopic.name(), event)));
        }

        // When the engine runs, the registry goes down, and the events arrive
        app.start();
        EngineIt.awaitRunning(app);
        registry.close();
        try (KafkaProducer<byte[], byte[]> producer =
            EngineIt.rawProducer(kafka.bootstrapServers())) {
          for (ProducerRecord<byte[], byte[]> r : records) {
            producer.send(r).get();
          }
        }
        await("the engine waits out the outage, counting its retries")
            .atMost(Duration.ofSeconds(30))
            .until(() -> EngineIt.metric(app, "registry-retry-total") >= 2);

        // Then, once the registry is back, every event is scored and none is a dead letter
        registry = RegistryServer.start(kafka.bootstrapServers(), RegistrySettings.open(port));
        Map<String, CustomerExperience> scored = new HashMap<>();
        List<DeadLetter> dead = new ArrayList<>();
        try (KafkaConsumer<String, CustomerExperience> scores =
                EngineIt.consumer(kafka.bootstrapServers(), app.topics().experience());
            KafkaConsumer<String, DeadLetter> letters =
                EngineIt.consumer(kafka.bootstrapServers(), app.topics().deadLetters())) {
          await("every event scored")
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(200))
              .untilAsserted(
                  () -> {
                    scores
                        .poll(Duration.ofMillis(100))
                        .forEach(r -> scored.put(r.key(), r.value()));
                    letters.poll(Duration.ofMillis(100)).forEach(r -> dead.add(r.value()));
                    assertThat(scored).hasSize(EVENTS);
                  });
          // The dead-letter topic is read to its end after the last score: still empty.
          letters.poll(Duration.ofSeconds(1)).forEach(r -> dead.add(r.value()));
        }
        assertThat(dead).isEmpty();
        assertThat(scored.values()).allSatisfy(e -> assertThat(e.getEventCount()).isEqualTo(1));
      } finally {
        registry.close();
      }
    }
  }
}
