package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.failedPasswordReset;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine against a real broker and a real registry over HTTP, exactly-once: scores and alerts
 * come out, poison pills go to the dead letters, and processing goes on past them.
 */
class ExperienceEngineIT {

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
  void shouldScoreAlertAndDeadLetterPoisonPillsWhileProcessingGoesOn() throws Exception {
    // Given the engine running exactly-once with a short silence clock
    AppConfig config = config();
    try (EngineStreams app = new EngineStreams(config)) {
      EngineIt.start(app, config);

      // When poison pills arrive between real touchpoints
      Instant now = Instant.now();
      try (KafkaProducer<String, WebEvent> webProducer = producer(app.topics().web());
          KafkaProducer<String, SupportEvent> supportProducer = producer(app.topics().support());
          KafkaProducer<byte[], byte[]> raw = rawProducer()) {
        send(webProducer, app.topics().web(), web("it-1", now, pageViewed("/")));
        raw.send(bytes(app.topics().web(), "it-1", "not avro at all")).get();
        raw.send(bytes(app.topics().web(), "it-1", null)).get();
        raw.send(
                new ProducerRecord<>(
                    app.topics().support().name(), null, new byte[] {0, 0, 0, 0, 42}))
            .get();
        for (int i = 1; i <= 3; i++) {
          send(
              webProducer,
              app.topics().web(),
              web("it-1", now.plusSeconds(i), failedPasswordReset()));
        }
        send(
            supportProducer,
            app.topics().support(),
            support("it-2", now, caseOpened("case-it", CaseKind.COMPLAINT, now.plusSeconds(3))));
      }

      // Then the pills are dead letters, the scores and alerts still come out, and the silence
      // alert fires from the wall clock although no further event arrives
      List<DeadLetter> dead = new ArrayList<>();
      List<CustomerAlert> alerts = new ArrayList<>();
      List<CustomerExperience> scores = new ArrayList<>();
      try (KafkaConsumer<String, DeadLetter> deadIn = consumer(app.topics().deadLetters());
          KafkaConsumer<String, CustomerAlert> alertsIn = consumer(app.topics().customerAlerts());
          KafkaConsumer<String, CustomerExperience> scoresIn =
              consumer(app.topics().experience())) {
        await("pills dead-lettered, alerts raised, scores published")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  deadIn.poll(Duration.ofMillis(100)).forEach(r -> dead.add(r.value()));
                  alertsIn.poll(Duration.ofMillis(100)).forEach(r -> alerts.add(r.value()));
                  for (ConsumerRecord<String, CustomerExperience> r :
                      scoresIn.poll(Duration.ofMillis(100))) {
                    scores.add(r.value());
                  }
                  assertThat(dead).hasSize(3);
                  assertThat(alerts)
                      .extracting(CustomerAlert::getType)
                      .contains(AlertType.SELF_SERVICE_FAILED, AlertType.LEFT_IN_SILENCE);
                  assertThat(scores)
                      .extracting(CustomerExperience::getSubjectId)
                      .contains("it-1", "it-2");
                });
      }
      assertThat(dead)
          .extracting(DeadLetter::getReason)
          .anySatisfy(r -> assertThat(r).contains("magic byte"))
          .anySatisfy(r -> assertThat(r).contains("null value"))
          .anySatisfy(r -> assertThat(r).contains("missing subject key"));
      assertThat(dead).allSatisfy(d -> assertThat(d.getOffset()).isGreaterThanOrEqualTo(0));
      assertThat(scores.stream().filter(s -> s.getSubjectId().equals("it-1")).reduce((a, b) -> b))
          .hasValueSatisfying(s -> assertThat(s.getEventCount()).isEqualTo(4));

      // And the state changelogs roll small segments, so the cleaner can compact them
      String changelog =
          config.kafkaProperties().getProperty("application.id")
              + "-"
              + StoreNames.SUBJECT_STATE_STORE
              + "-changelog";
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, changelog);
        Config topicConfig = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(topicConfig.get(TopicConfig.SEGMENT_BYTES_CONFIG).value())
            .isEqualTo(String.valueOf(64 * 1024 * 1024));
        assertThat(topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
            .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      }
    }
  }

  private static AppConfig config() {
    return EngineIt.config(
        platform.bootstrapServers(),
        platform.registryUrl(),
        "experience-it",
        Map.of(
            "policy.clock.out-of-order", "0s",
            "policy.clock.idle-after", "1s",
            "policy.clock.check-interval", "500ms",
            // the self-service alert waits this long for an incident to fold it, then is sent
            "policy.incident.fold-wait", "2s"));
  }

  private static <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
    return EngineIt.producer(platform.bootstrapServers(), topic);
  }

  private static <V> void send(KafkaProducer<String, V> producer, Topic<String, V> topic, V event)
      throws Exception {
    String key = dev.touchpoints.streams.model.Classifier.envelope(event).getSubjectId();
    producer.send(new ProducerRecord<>(topic.name(), key, event)).get();
  }

  private static KafkaProducer<byte[], byte[]> rawProducer() {
    return EngineIt.rawProducer(platform.bootstrapServers());
  }

  private static ProducerRecord<byte[], byte[]> bytes(Topic<?, ?> topic, String key, String value) {
    return new ProducerRecord<>(
        topic.name(),
        key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
    return EngineIt.consumer(platform.bootstrapServers(), topic);
  }
}
