package dev.touchpoints.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.streams.EngineStreams;
import dev.touchpoints.streams.console.QuietLogs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real engine instances share the state; either one answers for all of it. */
class QueryClusterIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SUBJECTS = 20;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static Platform platform;
  private static Topics topics;
  private static final Instance[] INSTANCES = new Instance[2];

  private record Instance(EngineStreams engine, QueryServer server, HostInfo host) {}

  @BeforeAll
  static void start() throws IOException {
    QuietLogs.apply();
    platform = Platform.start(dir.resolve("platform"), 0, 0, 0);
    AppConfig config =
        AppConfig.of(
            Map.of(
                "schema.registry.url",
                platform.registryUrl(),
                "topic.partitions",
                "4",
                QueryServer.FEED_ENABLED,
                "false"),
            Map.of(AppConfig.BOOTSTRAP_SERVERS, platform.bootstrapServers()));
    topics = Topics.fromConfig(config);
    TopicAdmin.ensureTopics(config, topics);
    String applicationId = "query-cluster-it-" + UUID.randomUUID();
    for (int i = 0; i < INSTANCES.length; i++) {
      int port = freePort();
      HostInfo host = new HostInfo("localhost", port);
      AppConfig instance =
          config
              .withKafka(StreamsConfig.APPLICATION_ID_CONFIG, applicationId)
              .withKafka(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port)
              .withKafka(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + i).toString())
              .withKafka(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200")
              .withKafka(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
      EngineStreams engine = new EngineStreams(instance).start();
      INSTANCES[i] =
          new Instance(
              engine, QueryServer.start(engine.streams(), host, port, topics, instance), host);
    }
    await("both instances are RUNNING")
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                List.of(INSTANCES).stream()
                    .allMatch(i -> i.engine().streams().state() == KafkaStreams.State.RUNNING));
  }

  @AfterAll
  static void stop() {
    for (Instance instance : INSTANCES) {
      if (instance != null) {
        instance.server().close();
        instance.engine().close(Duration.ofSeconds(30));
      }
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldAnswerForEverySubjectFromEitherInstanceWhenStateIsSplitAcrossThem() throws Exception {
    // Given
    Properties props = new Properties();
    props.put("bootstrap.servers", platform.bootstrapServers());
    try (KafkaProducer<String, WebEvent> producer =
        new KafkaProducer<>(
            props, topics.web().keySerde().serializer(), topics.web().valueSerde().serializer())) {
      for (int i = 0; i < SUBJECTS; i++) {
        String subject = "subject-" + i;
        Envelope envelope =
            new Envelope(UUID.randomUUID().toString(), subject, Instant.now(), "it", null);
        producer.send(
            new ProducerRecord<>(
                topics.web().name(), subject, new WebEvent(envelope, new PageViewed("/help"))));
      }
    }

    // When
    await("the first instance's stats count every subject of both instances")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> json(INSTANCES[0], "/v1/stats").get("subjects").asInt() == SUBJECTS);

    // Then
    Set<String> servedBy = new HashSet<>();
    for (int i = 0; i < SUBJECTS; i++) {
      HttpResponse<String> viaFirst = get(INSTANCES[0], "/v1/subjects/subject-" + i);
      HttpResponse<String> viaSecond = get(INSTANCES[1], "/v1/subjects/subject-" + i);
      assertThat(viaFirst.statusCode()).isEqualTo(200);
      assertThat(viaSecond.statusCode()).isEqualTo(200);
      String owner = JSON.readTree(viaFirst.body()).get("servedBy").asText();
      assertThat(JSON.readTree(viaSecond.body()).get("servedBy").asText()).isEqualTo(owner);
      servedBy.add(owner);
    }
    assertThat(servedBy)
        .as("both instances own a share of the subjects")
        .containsExactlyInAnyOrder(
            "localhost:" + INSTANCES[0].host().port(), "localhost:" + INSTANCES[1].host().port());
    assertThat(json(INSTANCES[1], "/v1/subjects?limit=100")).hasSize(SUBJECTS);
    assertThat(get(INSTANCES[1], "/v1/subjects/nobody").statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> get(Instance instance, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + instance.host().port() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(Instance instance, String path) throws Exception {
    return JSON.readTree(get(instance, path).body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
