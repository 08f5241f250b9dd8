package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.csat;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.updateSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.platform.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A failing step on the real broker, exactly-once: the event is dead-lettered with its subject's
 * ledger untouched, its replay after the fix counts once (a second replay not at all), and a clock
 * that fails for one subject neither stops the engine nor the other subjects' clocks.
 */
class LedgerFailureIT {

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
  void shouldKeepAFailureWithItsSubjectAndCountTheReplayOnce() throws Exception {
    FaultyRule faulty = new FaultyRule();
    AppConfig config =
        EngineIt.config(
            platform.bootstrapServers(),
            platform.registryUrl(),
            "ledger-failure-it",
            Map.of(
                "policy.clock.out-of-order", "0s",
                "policy.clock.idle-after", "1s",
                "policy.clock.check-interval", "500ms"));
    try (EngineStreams app = new EngineStreams(config, List.of(faulty))) {
      EngineIt.start(app, config);
      Topic<String, SupportEvent> supportTopic = app.topics().support();
      Instant now = Instant.now();
      List<DeadLetter> dead = new ArrayList<>();
      List<CustomerAlert> alerts = new ArrayList<>();
      Map<String, CustomerExperience> latest = new HashMap<>();

      try (KafkaProducer<String, SupportEvent> producer =
              EngineIt.producer(platform.bootstrapServers(), supportTopic);
          KafkaConsumer<String, DeadLetter> deadIn =
              EngineIt.consumer(platform.bootstrapServers(), app.topics().deadLetters());
          KafkaConsumer<String, CustomerAlert> alertsIn =
              EngineIt.consumer(platform.bootstrapServers(), app.topics().customerAlerts());
          KafkaConsumer<String, CustomerExperience> scoresIn =
              EngineIt.consumer(platform.bootstrapServers(), app.topics().experience())) {
        Runnable poll =
            () -> {
              deadIn.poll(Duration.ofMillis(100)).forEach(r -> dead.add(r.value()));
              alertsIn.poll(Duration.ofMillis(100)).forEach(r -> alerts.add(r.value()));
              scoresIn.poll(Duration.ofMillis(100)).forEach(r -> latest.put(r.key(), r.value()));
            };

        // Given a customer with an open complaint, and two more whose complaints fall due soon
        send(
            producer,
            supportTopic,
            support(
                "it-c",
                now,
                caseOpened("case-c", CaseKind.COMPLAINT, now.plus(Duration.ofDays(3)))));
        faulty.failClocksOf("it-bad");
        send(
            producer,
            supportTopic,
            support("it-bad", now, caseOpened("case-b", CaseKind.COMPLAINT, now.plusSeconds(2))));
        send(
            producer,
            supportTopic,
            support("it-good", now, caseOpened("case-g", CaseKind.COMPLAINT, now.plusSeconds(2))));

        await("the open complaint applied")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  poll.run();
                  assertThat(latest).containsKey("it-c");
                });

        // When the customer's next event hits a bug
        faulty.failEventsOf("it-c");
        SupportEvent update = support("it-c", now.plusSeconds(1), updateSent("case-c", null));
        send(producer, supportTopic, update);

        // Then it is a dead letter, the other subject's due clock still fires, the failing clock
        // is counted, and the engine keeps running
        await("dead letter, healthy clock fired, failing clock counted")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  poll.run();
                  assertThat(dead)
                      .singleElement()
                      .satisfies(d -> assertThat(d.getReason()).contains("injected fault"));
                  assertThat(alerts)
                      .extracting(CustomerAlert::getSubjectId, CustomerAlert::getType)
                      .contains(
                          org.assertj.core.groups.Tuple.tuple("it-good", AlertType.LEFT_IN_SILENCE))
                      .noneMatch(t -> "it-bad".equals(t.toList().get(0)));
                  assertThat(EngineIt.metric(app, "clock-failures-total")).isEqualTo(1.0);
                  assertThat(latest.get("it-c").getEventCount()).isEqualTo(1);
                });
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        DeadLetter letter = dead.get(0);

        // When the fix is deployed and the dead letter is replayed twice, then a new event follows
        faulty.fix();
        try (KafkaProducer<byte[], byte[]> raw =
            EngineIt.rawProducer(platform.bootstrapServers())) {
          raw.send(replayOf(letter)).get();
          raw.send(replayOf(letter)).get();
        }
        send(producer, supportTopic, support("it-c", now.plusSeconds(5), csat(5, "case-c")));

        // Then the update counted once: three events in all, not four
        await("replayed update applied once, then the next event")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  poll.run();
                  assertThat(latest.get("it-c").getEventCount()).isEqualTo(3);
                });
        assertThat(dead).hasSize(1);
      }
    }
  }

  /** What {@code touchpoints dlq replay} publishes: the kept key, value and headers. */
  private static ProducerRecord<byte[], byte[]> replayOf(DeadLetter letter) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            letter.getSourceTopic(),
            letter.getPartition(),
            null,
            EngineIt.bytes(letter.getKey()),
            EngineIt.bytes(letter.getValue()));
    letter.getHeaders().forEach((name, value) -> record.headers().add(name, EngineIt.bytes(value)));
    return record;
  }

  private static void send(
      KafkaProducer<String, SupportEvent> producer,
      Topic<String, SupportEvent> to,
      SupportEvent event)
      throws Exception {
    String topic = to.name();
    producer.send(new ProducerRecord<>(topic, event.getEnvelope().getSubjectId(), event)).get();
  }
}
