package dev.touchpoints.app;

import static dev.touchpoints.app.AppIt.ADMIN_KEY;
import static dev.touchpoints.app.AppIt.envelope;
import static dev.touchpoints.app.AppIt.get;
import static dev.touchpoints.app.AppIt.post;
import static dev.touchpoints.app.AppIt.read;
import static dev.touchpoints.app.AppIt.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AttemptOutcome;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.ErasureAudit;
import dev.touchpoints.avro.ErasureOutcome;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SelfServiceAttempted;
import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.auth.ApiKeys;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.ops.ForgetCommand;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.producers.gateway.GatewayServer;
import dev.touchpoints.producers.gateway.GatewaySettings;
import dev.touchpoints.producers.gateway.KafkaReadiness;
import dev.touchpoints.producers.json.EventJson;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import dev.touchpoints.streams.EngineInstance;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Erasure end to end, on a real broker and registry: a customer's history goes in through the
 * gateway and the Avro publisher, an admin runs {@code touchpoints forget}, and – through public
 * interfaces only – the query API no longer knows the customer, the experience topic holds a
 * tombstone, the audit topic the entry, and neither a replay of the customer's retained input
 * records nor a late event brings them back; also after the engine restarts on an empty state
 * directory (so everything comes back from the changelogs).
 */
class ErasureIT {

  private final String subject = "erase-me-" + UUID.randomUUID();
  private final String other = "keep-me-" + UUID.randomUUID();

  @Test
  void shouldForgetACustomerForGoodEvenWhenTheirEventsAreReplayedOrLateAndAfterARestart()
      throws Exception {
    try (Platform platform = Platform.startTemporary()) {
      AppConfig config =
          AppIt.config(platform, "erasure-it", Files.createTempDirectory("erasure-it").toString());
      Topics topics = Topics.fromConfig(config);
      List<EngineInstance> started = new ArrayList<>();
      EngineInstance engine = EngineInstance.start(config, true);
      started.add(engine);
      try (TouchpointPublisher publisher = TouchpointPublisher.create(config, topics);
          KafkaReadiness readiness = new KafkaReadiness(config);
          GatewayServer gateway =
              GatewayServer.start(GatewaySettings.defaults(0), publisher, readiness)) {
        // Given a customer's complaint and a promise already due (through the gateway), failed
        // password resets (through the Avro publisher), and another customer
        Instant now = Instant.now();
        ArrayNode batch = JsonNodeFactory.instance.arrayNode();
        EventJson json = new EventJson();
        batch.add(
            json.toJson(
                support(
                    subject,
                    now.minusSeconds(300),
                    new CaseOpened("case-9", CaseKind.COMPLAINT, null))));
        batch.add(
            json.toJson(
                support(
                    subject,
                    now.minusSeconds(290),
                    new PromiseMade("p-9", "case-9", now.minusSeconds(200), "a refund"))));
        HttpResponse<String> posted = post(gateway.port(), "/v1/events:batch", batch.toString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        for (int i = 0; i < 3; i++) {
          publisher.publish(
              web(
                  subject,
                  now.minusSeconds(280 - i),
                  new SelfServiceAttempted(
                      SelfServiceKind.PASSWORD_RESET, AttemptOutcome.FAILED, "E-500")));
        }
        publisher.publish(web(other, now.minusSeconds(270), new PageViewed("/pricing")));
        await("the engine scored the customer and their promise broke")
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> {
                  HttpResponse<String> card = get(engine.queryPort(), "/v1/subjects/" + subject);
                  return card.statusCode() == 200 && card.body().contains("PROMISE_BROKEN");
                });
        assertThat(get(engine.queryPort(), "/v1/subjects/" + other).statusCode()).isEqualTo(200);

        // When an admin runs `touchpoints forget`
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine forget = new CommandLine(new ForgetCommand());
        forget.setOut(new PrintWriter(out, true));
        forget.setErr(new PrintWriter(err, true));
        int code =
            forget.execute(
                "--api",
                "http://localhost:" + engine.queryPort(),
                "--api-key",
                ADMIN_KEY,
                "--by",
                "Erasure IT",
                subject);

        // Then the query API no longer knows the customer (card and export), the other stays
        assertThat(code).as(out + " / " + err).isZero();
        assertThat(get(engine.queryPort(), "/v1/subjects/" + subject).statusCode()).isEqualTo(404);
        assertThat(
                get(engine.queryPort(), "/v1/subjects/" + subject + "/export", ADMIN_KEY)
                    .statusCode())
            .isEqualTo(404);
        assertThat(get(engine.queryPort(), "/v1/subjects/" + other).statusCode()).isEqualTo(200);
        // the experience topic ends the customer with a tombstone (once the engine committed it)
        await("a tombstone for the customer on the experience topic")
            .atMost(Duration.ofSeconds(30))
            .until(() -> lastFor(readAll(platform, topics.experience()), subject).value() == null);
        List<ConsumerRecord<String, CustomerExperience>> experiences =
            readAll(platform, topics.experience());
        // ops had their open alerts closed
        List<ConsumerRecord<String, CustomerAlert>> alerts =
            readAll(platform, topics.customerAlerts());
        assertThat(alerts)
            .filteredOn(r -> r.key().equals(subject))
            .last()
            .satisfies(
                r -> {
                  assertThat(r.value().getStatus()).isEqualTo(AlertStatus.CLEARED);
                  assertThat(r.value().getWhy()).startsWith("Erased on request");
                });
        // and the audit topic has who, when and which subject
        await("the audit entry")
            .atMost(Duration.ofSeconds(30))
            .until(() -> !readAll(platform, topics.erasureAudit()).isEmpty());
        assertThat(readAll(platform, topics.erasureAudit()))
            .singleElement()
            .satisfies(
                r -> {
                  ErasureAudit audit = r.value();
                  assertThat(audit.getSubjectId()).isEqualTo(subject);
                  assertThat(audit.getOutcome()).isEqualTo(ErasureOutcome.ERASED);
                  assertThat(audit.getRequestedBy())
                      .isEqualTo("Erasure IT (key " + ApiKeys.fingerprint(ADMIN_KEY) + ")");
                  assertThat(audit.getErasedAt()).isAfterOrEqualTo(audit.getRequestedAt());
                  assertThat(out.toString()).contains(audit.getRequestId());
                });

        // When the customer's retained input records are replayed and a late event arrives
        int replayed = replay(platform, topics);
        assertThat(replayed).as("the customer's records on the input topics").isEqualTo(5);
        publisher.publish(web(subject, now.minusSeconds(100), new PageViewed("/help")));
        awaitSuppressed(engine, replayed + 1);

        // Then the customer does not come back
        assertErased(platform, topics, engine, experiences.size(), alerts.size());

        // When the engine restarts on an empty state directory, and the records are replayed again
        engine.close();
        EngineInstance restarted =
            EngineInstance.start(
                config.withKafka(
                    "state.dir", Files.createTempDirectory("erasure-it-restart").toString()),
                false);
        started.add(restarted);
        awaitReady(restarted);
        int again = replay(platform, topics);
        awaitSuppressed(restarted, again);

        // Then the customer is still forgotten, and the other customer is still known
        assertErased(platform, topics, restarted, experiences.size(), alerts.size());
        assertThat(get(restarted.queryPort(), "/v1/subjects/" + other).statusCode()).isEqualTo(200);
      } finally {
        started.forEach(EngineInstance::close);
      }
    }
  }

  private void assertErased(
      Platform platform,
      Topics topics,
      EngineInstance engine,
      int experiencesAtErasure,
      int alertsAtErasure) {
    assertThat(get(engine.queryPort(), "/v1/subjects/" + subject).statusCode()).isEqualTo(404);
    List<ConsumerRecord<String, CustomerExperience>> experiences =
        readAll(platform, topics.experience());
    assertThat(experiences.subList(experiencesAtErasure, experiences.size()))
        .noneMatch(r -> r.key().equals(subject));
    assertThat(lastFor(experiences, subject).value()).isNull();
    List<ConsumerRecord<String, CustomerAlert>> alerts = readAll(platform, topics.customerAlerts());
    assertThat(alerts.subList(alertsAtErasure, alerts.size()))
        .as("alerts about the customer after the erasure, other than its own clears")
        .noneMatch(
            r ->
                r.key().equals(subject)
                    && !(r.value().getStatus() == AlertStatus.CLEARED
                        && r.value().getWhy().startsWith("Erased on request")));
  }

  /** Re-sends, byte for byte, every record of the customer still on the input topics. */
  private int replay(Platform platform, Topics topics) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Topic<String, ?> input :
        List.of(topics.web(), topics.billing(), topics.support(), topics.marketing())) {
      for (ConsumerRecord<String, byte[]> r :
          read(platform, input.name(), new StringDeserializer(), new ByteArrayDeserializer())) {
        if (subject.equals(r.key())) {
          records.add(new ProducerRecord<>(input.name(), r.key().getBytes(), r.value()));
        }
      }
    }
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", platform.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (ProducerRecord<byte[], byte[]> r : records) {
        producer.send(r).get();
      }
    }
    return records.size();
  }

  /**
   * Waits until the engine has dropped {@code count} events of erased subjects since it started.
   */
  private static void awaitSuppressed(EngineInstance engine, int count) {
    await("the engine dropped " + count + " events of the erased customer")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                engine.app().streams().metrics().entrySet().stream()
                        .filter(m -> m.getKey().name().equals("erased-subject-events-total"))
                        .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue())
                        .sum()
                    >= count);
  }

  private static void awaitReady(EngineInstance engine) {
    await("the restarted engine is ready")
        .atMost(Duration.ofSeconds(90))
        .until(() -> get(engine.queryPort(), "/ready").statusCode() == 200);
  }

  private static <V> ConsumerRecord<String, V> lastFor(
      List<ConsumerRecord<String, V>> records, String key) {
    return records.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b).orElseThrow();
  }

  private static SupportEvent support(String subject, Instant at, Object payload) {
    return new SupportEvent(envelope(subject, at, "helpdesk"), payload);
  }

  private static WebEvent web(String subject, Instant at, Object payload) {
    return new WebEvent(envelope(subject, at, "web-shop"), payload);
  }
}
