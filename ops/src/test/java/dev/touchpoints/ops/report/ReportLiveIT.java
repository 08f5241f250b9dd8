package dev.touchpoints.ops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.ErrorShown;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebErrorKind;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.streams.EngineStreams;
import dev.touchpoints.streams.query.QueryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly report made from a running engine: a real embedded Kafka broker and schema registry,
 * the experience engine with its query API, two weeks of touchpoints; {@code ReportData} reads the
 * live API, the page is opened in headless Chromium without a network, and every figure it shows
 * must be the API's answer – which in turn counts the customers this test sent.
 */
class ReportLiveIT {

  @TempDir Path dir;

  @Test
  void shouldShowTheEnginesIndexOfLastWeekAgainstTheWeekBefore() throws Exception {
    ReportBrowser.require();
    Instant now = Instant.now();
    LocalDate lastWeek =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .minusWeeks(1)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant lastWeekTuesday =
        lastWeek.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(36_000);
    Instant weekBefore = lastWeekTuesday.minus(Duration.ofDays(7));

    try (Platform platform = Platform.start(dir.resolve("platform"), 0, 0, 0)) {
      AppConfig config =
          AppConfig.of(
              Map.of(
                  "schema.registry.url",
                  platform.registryUrl(),
                  Topics.PARTITIONS,
                  "2",
                  "policy.index.flush-interval",
                  "1s",
                  "policy.clock.check-interval",
                  "1s"),
              Map.of(AppConfig.BOOTSTRAP_SERVERS, platform.bootstrapServers()));
      Topics topics = Topics.fromConfig(config);
      TopicAdmin.ensureTopics(config, topics);
      int port = freePort();
      AppConfig engineConfig =
          config
              .withKafka(StreamsConfig.APPLICATION_ID_CONFIG, "report-it-" + UUID.randomUUID())
              .withKafka(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port)
              .withKafka(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString())
              .withKafka(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200")
              .withKafka(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
      try (EngineStreams engine = new EngineStreams(engineConfig).start()) {
        KafkaStreams streams = engine.streams();
        await("the engine is RUNNING")
            .atMost(Duration.ofSeconds(90))
            .until(() -> streams.state() == KafkaStreams.State.RUNNING);
        try (QueryServer server =
            QueryServer.start(streams, new HostInfo("localhost", port), port, topics, config)) {
          // Given, the week before last: two customers hit by a checkout error, two who browsed
          try (Producer send = new Producer(platform)) {
            for (int c = 0; c < 2; c++) {
              send.web(topics, "early-hit-" + c, weekBefore.plusSeconds(c), checkoutError());
              send.web(
                  topics, "early-view-" + c, weekBefore.plusSeconds(10 + c), new PageViewed("/"));
            }
            // and last week: three hit by a checkout error, two complaints, one browsed
            for (int c = 0; c < 3; c++) {
              send.web(topics, "hit-" + c, lastWeekTuesday.plusSeconds(c), checkoutError());
            }
            for (int c = 0; c < 2; c++) {
              send.support(
                  topics,
                  "unhappy-" + c,
                  lastWeekTuesday.plusSeconds(60 + c),
                  new CaseOpened("case-" + c, CaseKind.COMPLAINT, null));
            }
            send.web(topics, "browser", lastWeekTuesday.plusSeconds(120), new PageViewed("/"));
          }
          String api = "http://localhost:" + port;
          ObjectMapper json = new ObjectMapper();
          HttpClient http = HttpClient.newHttpClient();
          await("the index counts both weeks")
              .atMost(Duration.ofSeconds(90))
              .until(
                  () -> {
                    JsonNode c =
                        json.readTree(
                            get(http, api + "/v1/index/compare?period=week&start=" + lastWeek));
                    return c.path("current").path("customers").asLong() == 6
                        && c.path("previous").path("customers").asLong() == 4;
                  });

          // When the weekly report of last week is made from the live API
          RecordingReportSource source =
              new RecordingReportSource(
                  new ReportSource() {
                    @Override
                    public Optional<JsonNode> get(String path) throws Failure {
                      try {
                        HttpResponse<String> r =
                            http.send(
                                HttpRequest.newBuilder(URI.create(api + path)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 404
                            ? Optional.empty()
                            : Optional.of(json.readTree(r.body()));
                      } catch (IOException | InterruptedException e) {
                        throw new Failure(75, e.toString());
                      }
                    }

                    @Override
                    public String describe() {
                      return api;
                    }
                  });
          ReportData data = ReportData.fetch(source, ReportPeriod.WEEK, lastWeek, now);
          Path report = dir.resolve("report.html");
          Files.writeString(report, ReportHtml.render(data, false), StandardCharsets.UTF_8);
          ReportBrowser.Run run = ReportBrowser.open(report, dir.resolve("report.png"), dir);

          // Then the page shows the engine's figures, offline, and they count what was sent
          assertThat(run.exitCode()).as("browser test output:%n%s", run.output()).isZero();
          assertThat(run.output()).contains("network requests attempted: 0");
          ReportExpectations.assertShows(
              run.figures(), ReportExpectations.of(source.answers(data)));
          assertThat(data.comparison().current().customers()).isEqualTo(6);
          assertThat(data.comparison().previous().customers()).isEqualTo(4);
          assertThat(run.figures()).containsEntry("customers", 6.0);
          JsonNode hurting =
              json.readTree(get(http, api + "/v1/index/compare?period=week&start=" + lastWeek))
                  .get("hurting");
          assertThat(hurting.get(0).get("key").asText())
              .isIn("web.checkout_error", "support.case_opened.complaint");
          assertThat(run.figures()).containsEntry("kind-web.checkout_error-lost-customers", 3.0);
        }
      }
    }
  }

  private static ErrorShown checkoutError() {
    return new ErrorShown(WebErrorKind.CHECKOUT_ERROR, "/checkout", 500);
  }

  private static String get(HttpClient http, String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Sends events keyed by subject, as the publishing systems do. */
  private static final class Producer implements AutoCloseable {
    private final Platform platform;
    private final java.util.List<KafkaProducer<String, ?>> open = new java.util.ArrayList<>();

    Producer(Platform platform) {
      this.platform = platform;
    }

    void web(Topics topics, String subject, Instant at, Object payload) {
      send(topics.web(), subject, new WebEvent(envelope(subject, at), payload));
    }

    void support(Topics topics, String subject, Instant at, Object payload) {
      send(topics.support(), subject, new SupportEvent(envelope(subject, at), payload));
    }

    private <V> void send(Topic<String, V> topic, String key, V value) {
      Properties props = new Properties();
      props.put("bootstrap.servers", platform.bootstrapServers());
      KafkaProducer<String, V> producer =
          new KafkaProducer<>(
              props, topic.keySerde().serializer(), topic.valueSerde().serializer());
      open.add(producer);
      producer.send(new ProducerRecord<>(topic.name(), key, value));
    }

    private static Envelope envelope(String subject, Instant at) {
      return Envelope.newBuilder()
          .setEventId(UUID.randomUUID().toString())
          .setSubjectId(subject)
          .setOccurredAt(at)
          .setSource("report-it")
          .build();
    }

    @Override
    public void close() {
      open.forEach(KafkaProducer::close);
    }
  }
}
