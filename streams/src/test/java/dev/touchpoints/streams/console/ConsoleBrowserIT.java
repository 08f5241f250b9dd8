package dev.touchpoints.streams.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.AttemptOutcome;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.ErrorShown;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SelfServiceAttempted;
import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebErrorKind;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.events.EventFamily;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops console end to end: a real broker and registry, the real experience topology, the query
 * server, and headless Chromium driven by {@code src/test/browser/console-test.mjs}. Story: a
 * customer of long standing fails a password reset three times (R5) while a checkout outage hits
 * several customers (R6); the alert must show in the live feed with its why and next step, and on
 * the subject page with the customer's score history; the at-risk table shows the customer's trend.
 * Other customers met on days over the last weeks, and two a year ago, give the experience index a
 * history: the "Over time" view must chart it, compare periods as the API does and drill down from
 * the kind hurting most to the customers it hit.
 */
class ConsoleBrowserIT {

  private static final Path BROWSER_DIR = Path.of("src", "test", "browser");
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
  private static final String SUBJECT = "cust-42";

  /** The query API and console ask for a key, as in docker-compose. */
  private static final String READ_KEY = "console-it-read-key";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every event the story sent, for the index it must make. */
  private static final List<Envelope> SENT = new ArrayList<>();

  @TempDir static Path dir;
  private static Platform platform;
  private static EngineStreams engine;
  private static QueryServer server;
  private static Topics topics;

  @BeforeAll
  static void start() throws IOException {
    QuietLogs.apply();
    requireBrowserTooling();
    platform = Platform.start(dir.resolve("platform"), 0, 0, 0);
    AppConfig config = config();
    topics = Topics.fromConfig(config);
    TopicAdmin.ensureTopics(config, topics);
    int port = freePort();
    engine = new EngineStreams(engineConfig(config, port)).start();
    KafkaStreams streams = engine.streams();
    await("the engine is RUNNING")
        .atMost(Duration.ofSeconds(90))
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);
    server = QueryServer.start(streams, new HostInfo("localhost", port), port, topics, config);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (engine != null) {
      engine.close(Duration.ofSeconds(30));
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldShowSelfServiceAlertInFeedAndOnSubjectPageWhenPasswordResetsFail() throws Exception {
    // Given a customer of long standing (touchpoints on four days over the last 50),
    Instant now = Instant.now();
    send(
        topics.web(),
        web(
            SUBJECT,
            now.minus(Duration.ofDays(50)),
            new SelfServiceAttempted(SelfServiceKind.LOGIN, AttemptOutcome.SUCCEEDED, null)));
    send(topics.web(), web(SUBJECT, now.minus(Duration.ofDays(37)), new PageViewed("/plans")));
    send(
        topics.web(),
        web(
            SUBJECT,
            now.minus(Duration.ofDays(22)),
            new ErrorShown(WebErrorKind.ERROR_PAGE, "/account", 500)));
    send(
        topics.web(),
        web(
            SUBJECT,
            now.minus(Duration.ofDays(9)),
            new SelfServiceAttempted(
                SelfServiceKind.ORDER_TRACKING, AttemptOutcome.SUCCEEDED, null)));
    // other customers met on days over the last 90 (an error page for some of the last four
    // weeks' customers), and two a year ago: the index's history
    sendAll(topics.web(), history(now));
    // with an open complaint and a promise today, other customers and a checkout outage
    for (int i = 1; i <= 12; i++) {
      send(topics.web(), web("cust-" + i, now.minusSeconds(600 - i), new PageViewed("/pricing")));
    }
    for (int i = 1; i <= 6; i++) {
      send(
          topics.web(),
          web(
              "cust-" + i,
              now.minusSeconds(120 - i),
              new ErrorShown(WebErrorKind.CHECKOUT_ERROR, "/checkout", 503)));
    }
    send(
        topics.support(),
        support(
            SUBJECT,
            now.minusSeconds(3_600),
            new CaseOpened("case-7", CaseKind.COMPLAINT, now.plus(Duration.ofDays(2)))));
    send(
        topics.support(),
        support(
            SUBJECT,
            now.minusSeconds(3_500),
            new PromiseMade("promise-7", "case-7", now.plus(Duration.ofHours(20)), null)));

    // When the customer fails to reset the password three times
    for (int i = 0; i < 3; i++) {
      send(
          topics.web(),
          web(
              SUBJECT,
              now.minusSeconds(300 - i * 60L),
              new SelfServiceAttempted(
                  SelfServiceKind.PASSWORD_RESET, AttemptOutcome.FAILED, "E-RESET")));
    }

    // Then the query API knows the alert
    await("the query API lists the self-service alert of " + SUBJECT)
        .atMost(Duration.ofSeconds(60))
        .until(() -> activeAlertTypes().contains("SELF_SERVICE_FAILED"));

    // And the subject's card has its score history – a point per day with touchpoints, the last
    // one now – and a trend against 30 days ago
    JsonNode card = JSON.readTree(get("/v1/subjects/" + SUBJECT));
    JsonNode history = card.get("history");
    assertThat(history.size()).as("history of %s: %s", SUBJECT, history).isGreaterThanOrEqualTo(5);
    assertThat(history.get(history.size() - 1).get("score").asDouble())
        .isEqualTo(card.get("score").asDouble());
    assertThat(card.get("trend").isNumber()).as("trend of %s", SUBJECT).isTrue();

    // And the experience index counts each customer on each day and each week they were met (asked
    // up to the story's last day: this checks the counts; the browser checks the view against the
    // API, whichever period the API takes for the latest)
    await("the index counts every customer of the story on each day and week")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(indexCustomers("day"))
                  .as("customers by day")
                  .isEqualTo(expectedCustomers(false));
              assertThat(indexCustomers("week"))
                  .as("customers by week")
                  .isEqualTo(expectedCustomers(true));
            });

    // And the console shows it, in headless Chromium
    Path shots = Path.of("target").toAbsolutePath();
    Path log = shots.resolve("console-browser-test.log");
    Map<String, String> env = new HashMap<>();
    env.put("CONSOLE_URL", "http://localhost:" + server.port() + "/");
    env.put("SUBJECT_ID", SUBJECT);
    env.put("ALERT_TYPE", "SELF_SERVICE_FAILED");
    env.put("HISTORY_POINTS", String.valueOf(history.size()));
    env.put("SUBJECT_TREND", card.get("trend").asText());
    env.put("API_KEY", READ_KEY);
    env.put("SCREENSHOT_DIR", shots.toString());
    env.put("CHROMIUM_PATH", CHROMIUM.toString());
    Process node = nodeProcess(env, log);
    boolean finished = node.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      node.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(finished).as("browser test finished in time; output:%n%s", output).isTrue();
    assertThat(node.exitValue()).as("browser test output:%n%s", output).isZero();
    assertThat(output)
        .contains("asked for an API key", "signed in", "alert in feed", "incident banner")
        .contains("at-risk trend", "subject page", "score chart: " + history.size() + " points")
        .contains("alert handling", "young score chart")
        .containsPattern("index chart: \\d+ days")
        .containsPattern("index chart: \\d+ weeks")
        .contains("comparison cards", "hurting first", "drill-down", "refused period", "PASS");
    assertThat(shots.resolve("console-screenshot.png")).isNotEmptyFile();
    assertThat(shots.resolve("console-subject.png")).isNotEmptyFile();
    assertThat(shots.resolve("console-actions.png")).isNotEmptyFile();
    assertThat(shots.resolve("console-index.png")).isNotEmptyFile();
    // and what the buttons did is what the query API tells everyone else
    JsonNode alert = null;
    for (JsonNode a : JSON.readTree(get("/v1/alerts?subject=" + SUBJECT))) {
      if (a.path("type").asText().equals("SELF_SERVICE_FAILED")) {
        alert = a;
      }
    }
    assertThat(alert).as("the self-service alert is still open").isNotNull();
    JsonNode handling = alert.get("handling");
    assertThat(handling.get("acknowledgedBy").asText()).startsWith("Browser Test (key ");
    assertThat(handling.get("assignee").asText()).isEqualTo("jussi");
    assertThat(handling.get("snoozed").asBoolean()).isTrue();
    assertThat(handling.get("notes"))
        .extracting(n -> n.get("text").asText())
        .containsExactly("Called, no answer");
    assertThat(get("/metrics"))
        .contains("kafka_stream_thread_process_rate", "touchpoints_http_requests");
    assertThat(get("/ready")).contains("READY");
  }

  private static Process nodeProcess(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("node", "console-test.mjs")
            .directory(BROWSER_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static String get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + READ_KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Customers per period start in {@code /v1/index}: the 90 days up to the story's last day. */
  private static Map<LocalDate, Long> indexCustomers(String period) throws Exception {
    LocalDate last = met(false).lastKey();
    Map<LocalDate, Long> customers = new TreeMap<>();
    String query = "/v1/index?period=" + period + "&days=90&to=" + last;
    for (JsonNode row : JSON.readTree(get(query)).get("rows")) {
      customers.put(LocalDate.parse(row.get("start").asText()), row.get("customers").asLong());
    }
    return customers;
  }

  /**
   * The customers the index must count in each week (or day) of the 90 days up to the latest one:
   * the subjects the story met in it.
   */
  private static Map<LocalDate, Long> expectedCustomers(boolean weeks) {
    TreeMap<LocalDate, Set<String>> met = met(weeks);
    LocalDate first = weeks ? met.lastKey().minusWeeks(12) : met.lastKey().minusDays(89);
    Map<LocalDate, Long> customers = new TreeMap<>();
    met.tailMap(first, true)
        .forEach((start, subjects) -> customers.put(start, (long) subjects.size()));
    return customers;
  }

  /** The subjects the story met in each week (or day), by its first day. */
  private static TreeMap<LocalDate, Set<String>> met(boolean weeks) {
    TreeMap<LocalDate, Set<String>> met = new TreeMap<>();
    for (Envelope e : SENT) {
      LocalDate day = e.getOccurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
      LocalDate start = weeks ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
      met.computeIfAbsent(start, d -> new HashSet<>()).add(e.getSubjectId());
    }
    return met;
  }

  /**
   * Customers met on days over the last 90: two on each of eleven days of the last four weeks (one
   * browsing, one shown an error page), one on each of days 34 to 83 back, only good moments (the
   * at-risk table's customers other than {@link #SUBJECT} must be new: met less than 30 days ago),
   * and two a year ago – 52 weeks back, the week a year before this one.
   */
  private static List<WebEvent> history(Instant now) {
    List<WebEvent> events = new ArrayList<>();
    for (int days : new int[] {1, 2, 3, 4, 7, 8, 10, 13, 16, 20, 27}) {
      Instant at = now.minus(Duration.ofDays(days));
      events.add(web("cust-d" + days + "-a", at, new PageViewed("/help")));
      events.add(
          web("cust-d" + days + "-b", at, new ErrorShown(WebErrorKind.ERROR_PAGE, "/bills", 500)));
    }
    for (int days = 34; days <= 83; days += 7) {
      Instant at = now.minus(Duration.ofDays(days));
      events.add(web("cust-d" + days, at, new PageViewed("/plans")));
      events.add(
          web(
              "cust-d" + days,
              at.plusSeconds(60),
              new SelfServiceAttempted(SelfServiceKind.LOGIN, AttemptOutcome.SUCCEEDED, null)));
    }
    for (int i = 1; i <= 2; i++) {
      events.add(web("cust-y" + i, now.minus(Duration.ofDays(364)), new PageViewed("/")));
    }
    return events;
  }

  private static String activeAlertTypes() throws Exception {
    JsonNode card = JSON.readTree(get("/v1/subjects/" + SUBJECT));
    StringBuilder types = new StringBuilder();
    card.path("activeAlerts").forEach(a -> types.append(a.path("type").asText()).append(' '));
    return types.toString();
  }

  /** Node, Chromium and playwright-core must be there: a missing tool is a failure, not a skip. */
  private static void requireBrowserTooling() throws IOException {
    try {
      Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
        fail(
            "`node --version` failed; install Node.js 18+ (Debian: apt-get install -y nodejs npm)");
      }
    } catch (IOException e) {
      fail("Node.js is not installed; install Node.js 18+ (Debian: apt-get install -y nodejs npm)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while probing node");
    }
    if (!Files.isExecutable(CHROMIUM)) {
      fail(
          "Chromium not found at "
              + CHROMIUM
              + "; install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH");
    }
    if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules").resolve("playwright-core"))) {
      npmCi();
    }
  }

  /** Installs playwright-core from the committed package-lock.json (the npm registry only). */
  private static void npmCi() throws IOException {
    Path log = Path.of("target", "npm-ci.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    Process npm =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(BROWSER_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        fail(
            "`npm ci` in "
                + BROWSER_DIR.toAbsolutePath()
                + " failed; install playwright-core there by hand. Output:%n"
                + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while running npm ci");
    }
  }

  private static AppConfig config() {
    Map<String, String> app = new HashMap<>();
    app.put("schema.registry.url", platform.registryUrl());
    app.put(Topics.PARTITIONS, "2");
    // A small outage is enough to count as an incident in a test.
    app.put("policy.incident.min-affected", "5");
    app.put("policy.clock.check-interval", "1s");
    // The index's records every second rather than every 5 s: the test waits for them.
    app.put("policy.index.flush-interval", "1s");
    // The self-service alert is not the outage's kind: send it at once rather than after the fold
    // wait (event time, minutes), which is tested in IncidentBurstIT and ExperienceEngineIT.
    app.put("policy.incident.fold-wait", "0s");
    app.put("query.api.keys.read", READ_KEY);
    return AppConfig.of(app, Map.of(AppConfig.BOOTSTRAP_SERVERS, platform.bootstrapServers()));
  }

  /** The engine's settings as an operator would pass them, tuned for a quick test. */
  private static AppConfig engineConfig(AppConfig config, int port) {
    return config
        .withKafka(StreamsConfig.APPLICATION_ID_CONFIG, "console-it-" + UUID.randomUUID())
        .withKafka(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port)
        .withKafka(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString())
        .withKafka(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200")
        .withKafka(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0")
        .withKafka(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
  }

  private static WebEvent web(String subject, Instant at, Object payload) {
    return new WebEvent(envelope(subject, at), payload);
  }

  private static SupportEvent support(String subject, Instant at, Object payload) {
    return new SupportEvent(envelope(subject, at), payload);
  }

  private static Envelope envelope(String subject, Instant at) {
    return Envelope.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setSubjectId(subject)
        .setOccurredAt(at)
        .setSource("console-it")
        .build();
  }

  /** Sends one event keyed by its subject, as the publishing systems do. */
  private static <V> void send(Topic<String, V> topic, V value) {
    sendAll(topic, List.of(value));
  }

  /** Sends events in order, each keyed by its subject, with one producer. */
  private static <V> void sendAll(Topic<String, V> topic, List<V> values) {
    Properties props = new Properties();
    props.put("bootstrap.servers", platform.bootstrapServers());
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (V value : values) {
        Envelope envelope = EventFamily.envelopeOf(value);
        SENT.add(envelope);
        producer.send(new ProducerRecord<>(topic.name(), envelope.getSubjectId(), value));
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
