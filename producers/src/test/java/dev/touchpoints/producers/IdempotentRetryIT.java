package dev.touchpoints.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.producers.publisher.PublisherSettings;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts while a publisher is sending: the client retries, and every event ends up on
 * its topic exactly once (idempotent producer), in per-subject order.
 */
class IdempotentRetryIT {

  private static final int EVENTS = 6_000;

  @TempDir Path dir;

  @Test
  void shouldStoreEveryEventExactlyOnceWhenBrokerRestartsDuringSends() throws Exception {
    // Given a broker on a fixed data dir and port, and a patient publisher
    Path data = Files.createDirectories(dir.resolve("kafka"));
    EmbeddedKafka first = EmbeddedKafka.builder().dataDir(data).build().start();
    int port = first.port();
    int controllerPort = first.controllerPort();
    AppConfig config =
        AppConfig.of(
            Map.of(
                "schema.registry.url",
                "mock://idempotent-" + UUID.randomUUID(),
                PublisherSettings.DELIVERY_TIMEOUT,
                "120s",
                PublisherSettings.MAX_BLOCK,
                "60s"),
            Map.of("bootstrap.servers", first.bootstrapServers()));
    Topics topics = Topics.fromConfig(config);
    TopicAdmin.ensureTopics(config, topics);
    List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    EmbeddedKafka second = null;
    try (TouchpointPublisher publisher = TouchpointPublisher.create(config, topics)) {
      Instant at = Instant.now().minus(Duration.ofHours(1));
      // When: half the events, a restart, the other half
      for (int i = 0; i < EVENTS; i++) {
        if (i == EVENTS / 2) {
          first.close();
          second =
              EmbeddedKafka.builder()
                  .dataDir(data)
                  .port(port)
                  .controllerPort(controllerPort)
                  .build()
                  .start();
        }
        String id = "retry-" + i;
        ids.add(id);
        sends.add(
            publisher
                .async()
                .web("subject-" + (i % 50))
                .eventId(id)
                .occurredAt(at.plusMillis(i))
                .pageViewed("/p/" + i));
      }
      publisher.flush();
      await("every send is acknowledged")
          .atMost(Duration.ofSeconds(90))
          .until(() -> sends.stream().allMatch(CompletableFuture::isDone));
      assertThat(sends).allSatisfy(f -> assertThat(f).isCompleted());

      // Then
      List<TopicReader.Read> read = TopicReader.readInputs(config, topics);
      Map<String, Long> counts =
          read.stream()
              .collect(Collectors.groupingBy(TopicReader.Read::eventId, Collectors.counting()));
      assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(counts.values()).containsOnly(1L);
      Map<String, List<Integer>> perSubject =
          read.stream()
              .collect(
                  Collectors.groupingBy(
                      TopicReader.Read::subjectId,
                      Collectors.mapping(
                          r -> Integer.parseInt(r.eventId().substring(6)), Collectors.toList())));
      assertThat(perSubject.values()).allSatisfy(order -> assertThat(order).isSorted());
    } finally {
      if (second != null) {
        second.close();
      }
      first.close();
    }
  }
}
