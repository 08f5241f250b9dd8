package dev.touchpoints.app;

import static dev.touchpoints.app.AppIt.get;
import static dev.touchpoints.app.AppIt.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.SurveyAnswered;
import dev.touchpoints.avro.SurveyKind;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.producers.gateway.GatewayServer;
import dev.touchpoints.producers.gateway.GatewaySettings;
import dev.touchpoints.producers.gateway.KafkaReadiness;
import dev.touchpoints.producers.json.EventJson;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import dev.touchpoints.streams.EngineInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Nothing personal reaches a log line: traffic whose free text (survey comments, promise
 * descriptions), subject id and undecodable bytes carry marker strings goes through the gateway,
 * the engine (real broker and registry) and its query API – every log event of the JVM is captured,
 * our own loggers at DEBUG, and no marker may appear in one; the subject id only at DEBUG.
 */
class NoPersonalDataInLogsIT {

  private static final String SUBJECT = "subject-MARKER-4711";
  private static final String COMMENT = "comment-MARKER-ff31";
  private static final String PROMISE = "promise-MARKER-c0de";
  private static final String CASE = "case-MARKER-77aa";
  private static final String BYTES = "bytes-MARKER-9b9b";

  @Test
  void shouldKeepFreeTextPayloadsAndSubjectIdsOutOfTheLogs() throws Exception {
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logs.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger own = logs.getLogger("dev.touchpoints");
    Level ownLevel = own.getLevel();
    own.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logs);
    captured.start();
    root.addAppender(captured);
    try (Platform platform = Platform.startTemporary()) {
      // the console's live feed on too: its log lines are checked with the rest
      AppConfig config =
          AppIt.config(platform, "logs-it", Files.createTempDirectory("logs-it").toString())
              .with("console.feed.enabled", "true");
      Topics topics = Topics.fromConfig(config);
      try (EngineInstance engine = EngineInstance.start(config, true);
          TouchpointPublisher publisher = TouchpointPublisher.create(config, topics);
          KafkaReadiness readiness = new KafkaReadiness(config);
          GatewayServer gateway =
              GatewayServer.start(GatewaySettings.defaults(0), publisher, readiness)) {
        // Given a customer's case, a promise already due and a bad survey, through the gateway
        Instant now = Instant.now();
        List<SpecificRecord> events =
            List.of(
                support(now.minusSeconds(120), new CaseOpened(CASE, CaseKind.COMPLAINT, null)),
                support(now.minusSeconds(110), new PromiseMade("p-1", CASE, now, PROMISE)),
                support(
                    now.minusSeconds(100), new SurveyAnswered(SurveyKind.CSAT, 1, CASE, COMMENT)));
        ArrayNode batch = JsonNodeFactory.instance.arrayNode();
        EventJson json = new EventJson();
        events.forEach(e -> batch.add(json.toJson(e)));
        HttpResponse<String> posted = post(gateway.port(), "/v1/events:batch", batch.toString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        // a request the gateway refuses, with the markers in it
        post(gateway.port(), "/v1/events", "{\"subjectId\":\"" + SUBJECT + "\",\"x\":\"" + COMMENT);
        // and bytes no one can decode, on an input topic, under the subject's key
        try (KafkaProducer<byte[], byte[]> raw =
            new KafkaProducer<>(
                Map.of("bootstrap.servers", platform.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
          raw.send(
                  new ProducerRecord<>(
                      topics.support().name(),
                      SUBJECT.getBytes(StandardCharsets.UTF_8),
                      ("\0\0\0\0\1" + BYTES).getBytes(StandardCharsets.UTF_8)))
              .get();
        }

        // When the engine has scored them and the promise has broken
        await("the engine scored the subject and the promise broke")
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> {
                  HttpResponse<String> card = get(engine.queryPort(), "/v1/subjects/" + SUBJECT);
                  return card.statusCode() == 200 && card.body().contains("PROMISE_BROKEN");
                });
      }
    } finally {
      root.detachAppender(captured);
      own.setLevel(ownLevel);
    }

    // Then no log line holds free text, payload bytes or a case id, and the subject id only at
    // DEBUG
    List<ILoggingEvent> lines = List.copyOf(captured.list);
    assertThat(lines).as("log events captured").isNotEmpty();
    assertThat(lines)
        .filteredOn(e -> contains(e, COMMENT, PROMISE, BYTES, CASE))
        .extracting(NoPersonalDataInLogsIT::render)
        .isEmpty();
    assertThat(lines)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO) && contains(e, SUBJECT))
        .extracting(NoPersonalDataInLogsIT::render)
        .isEmpty();
  }

  private static boolean contains(ILoggingEvent e, String... markers) {
    String text = render(e);
    for (String marker : markers) {
      if (text.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  private static String render(ILoggingEvent e) {
    String thrown =
        e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy());
    return e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage() + " " + thrown;
  }

  private static SupportEvent support(Instant at, Object payload) {
    return new SupportEvent(
        Envelope.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setSubjectId(SUBJECT)
            .setOccurredAt(at)
            .setSource("helpdesk")
            .build(),
        payload);
  }
}
