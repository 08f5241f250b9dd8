package dev.touchpoints.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.connect.FlakyReceiver.Receipt;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector in a real Connect standalone worker (own JVM) against the embedded KRaft broker,
 * delivering to a receiver that fails, times out and throttles at random (seeded).
 */
class AlertDeliveryIT {

  private static final Logger LOG = LoggerFactory.getLogger(AlertDeliveryIT.class);
  private static final String ALERTS = Topics.DEFAULT_NAMES.get("alerts.json");
  private static final String DLQ = AlertDeliveryConfig.DEFAULT_DEAD_LETTER_TOPIC;
  private static final String CONNECTOR = "alert-delivery";
  private static final int ALERT_COUNT = 300;
  private static final int TASKS = 3;
  private static final long SEED = 15L;
  private static final long REQUEST_TIMEOUT_MS = 400;
  private static final String SECRET = "it-webhook-secret";
  private static final String ROUTING_KEY = "it-routing-key";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern COUNTERS =
      Pattern.compile(
          "Alert delivery task (\\S+) counters: records=(\\d+) sent=(\\d+) delivered=(\\d+)"
              + " retried=(\\d+) dead-lettered=(\\d+) unrouted=(\\d+)");

  @Test
  void shouldDeliverEveryAlertAtLeastOnceThroughFailuresTimeoutsAndThrottling(@TempDir Path dir)
      throws Exception {
    Instant started = Instant.now();
    List<String> alerts = alerts(new Random(SEED));
    List<String> malformed = List.of("{not json", "{\"kind\":\"other\"}", "[]");
    Set<String> poisonKeys =
        alerts.stream()
            .filter(a -> a.contains("cust-poison"))
            .map(a -> Alert.parse(a).idempotencyKey())
            .collect(Collectors.toSet());

    List<String> workerOutput = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
        FlakyReceiver receiver =
            new FlakyReceiver(
                SEED,
                REQUEST_TIMEOUT_MS * 3,
                body -> body.contains("cust-poison"),
                List.of("pagerduty", "slack", "webhook"))) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(ALERTS, TASKS, (short) 1))).all().get();
      }
      produce(kafka.bootstrapServers(), alerts, malformed);

      try (ConnectWorkerProcess worker =
          ConnectWorkerProcess.start(
              dir,
              workerSettings(kafka.bootstrapServers(), dir),
              connectorSettings(receiver),
              restPort)) {
        worker.awaitRunning(CONNECTOR, TASKS, Duration.ofSeconds(40));

        await()
            .alias("every routed alert acknowledged or dead-lettered")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    missing(alerts, receiver.receipts(), poisonKeys).isEmpty()
                        && deadLetters(kafka.bootstrapServers()).size()
                            == poisonKeys.size() + malformed.size());
        await()
            .alias("task counters logged for every record")
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    total(counters(worker.output()).values()).get(0)
                        == alerts.size() + malformed.size());
        worker.close();
        workerOutput.addAll(worker.output());
        List<long[]> figures = new ArrayList<>(counters(worker.output()).values());
        report(alerts, receiver, poisonKeys, figures, started);
      }

      List<Receipt> receipts = receiver.receipts();
      Map<String, String> alertByKey =
          alerts.stream().collect(Collectors.toMap(a -> Alert.parse(a).idempotencyKey(), a -> a));
      assertThat(missing(alerts, receipts, poisonKeys)).as("alerts lost").isEmpty();
      assertThat(receipts)
          .as("every request names an alert we sent and goes where the routing says")
          .allSatisfy(
              r -> {
                assertThat(alertByKey).containsKey(r.idempotencyKey());
                assertThat(expectedRoutes(Alert.parse(alertByKey.get(r.idempotencyKey()))))
                    .contains(r.route());
              });
      assertThat(receipts)
          .filteredOn(r -> r.route().equals("webhook"))
          .as("webhook bodies are the alert JSON, signed")
          .allSatisfy(
              r -> {
                assertThat(r.body()).isEqualTo(alertByKey.get(r.idempotencyKey()));
                assertThat(r.signature())
                    .isEqualTo(
                        "sha256="
                            + FormatsTest.hmacSha256(
                                SECRET, r.body().getBytes(StandardCharsets.UTF_8)));
              });
      Map<String, Set<String>> bodiesByKey =
          receipts.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.route() + "|" + r.idempotencyKey(),
                      Collectors.mapping(Receipt::body, Collectors.toSet())));
      assertThat(bodiesByKey.values())
          .as("a duplicate is the same request again, same key, same body")
          .allSatisfy(bodies -> assertThat(bodies).hasSize(1));

      List<ConsumerRecord<String, String>> dead = deadLetters(kafka.bootstrapServers());
      assertThat(dead).hasSize(poisonKeys.size() + malformed.size());
      assertThat(dead)
          .allSatisfy(
              r -> {
                assertThat(header(r, "__connect.errors.topic")).isEqualTo(ALERTS);
                assertThat(header(r, "__connect.errors.offset")).isNotBlank();
              });
      assertThat(dead.stream().map(ConsumerRecord::value))
          .containsAll(malformed)
          .containsAll(alerts.stream().filter(a -> a.contains("cust-poison")).toList());
      assertThat(dead)
          .filteredOn(r -> r.value().contains("cust-poison"))
          .allSatisfy(
              r ->
                  assertThat(header(r, "__connect.errors.exception.message"))
                      .contains("Route webhook (webhook): HTTP 400 after 1 attempt(s)")
                      .doesNotContain("localhost", SECRET));
      assertThat(dead)
          .filteredOn(r -> malformed.contains(r.value()))
          .allSatisfy(
              r ->
                  assertThat(header(r, "__connect.errors.exception.message"))
                      .contains("Not an alert"));
      assertThat(String.join("\n", workerOutput))
          .as("no secret and no endpoint URL in the worker's log")
          .isNotBlank()
          .doesNotContain(SECRET, ROUTING_KEY, receiver.url(""));
      assertThat(receiver.answers().get(500).get()).isPositive();
      assertThat(receiver.answers().get(429).get()).isPositive();
      assertThat(receiver.slowAnswers()).isPositive();
    }
  }

  private final int restPort = freePort();

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Routes of the IT: CRITICAL incidents to PagerDuty, WARNING and up to Slack, all to a webhook.
   */
  private static Set<String> expectedRoutes(Alert alert) {
    Set<String> routes = new java.util.TreeSet<>();
    boolean ends = alert.ends();
    if (alert.kind() == Alert.Kind.INCIDENT
        && (ends || alert.severity() == Alert.Severity.CRITICAL)) {
      routes.add("pagerduty");
    }
    if (ends || alert.severity().compareTo(Alert.Severity.WARNING) >= 0) {
      routes.add("slack");
    }
    routes.add("webhook");
    return routes;
  }

  /** Route|key pairs that should have been acknowledged and were not (poison alerts excepted). */
  private static List<String> missing(
      List<String> alerts, List<Receipt> receipts, Set<String> poisonKeys) {
    Set<String> acked =
        receipts.stream()
            .filter(Receipt::acknowledged)
            .map(r -> r.route() + "|" + r.idempotencyKey())
            .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    for (String json : alerts) {
      Alert alert = Alert.parse(json);
      if (poisonKeys.contains(alert.idempotencyKey())) {
        continue;
      }
      for (String route : expectedRoutes(alert)) {
        if (!acked.contains(route + "|" + alert.idempotencyKey())) {
          missing.add(route + "|" + alert.idempotencyKey());
        }
      }
    }
    return missing;
  }

  private static void report(
      List<String> alerts,
      FlakyReceiver receiver,
      Set<String> poisonKeys,
      List<long[]> tasks,
      Instant started) {
    List<Receipt> receipts = receiver.receipts();
    Map<String, Long> perPair =
        receipts.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.route() + "|" + r.idempotencyKey(), Collectors.counting()));
    long pairs = perPair.size();
    long duplicateKeys =
        receipts.stream()
            .filter(r -> r.answer() == 200)
            .collect(
                Collectors.groupingBy(
                    r -> r.route() + "|" + r.idempotencyKey(), Collectors.counting()))
            .values()
            .stream()
            .filter(n -> n > 1)
            .count();
    List<Long> total = total(tasks);
    LOG.info(
        "AlertDeliveryIT figures: alerts produced {} (+3 malformed), poison {}; worker counters"
            + " (records, requests sent, delivered, retried, dead-lettered, unrouted) {};"
            + " receiver: requests {}, route|key pairs {}, answers {}, slow answers {}, pairs"
            + " received twice or more with 200 (duplicates by idempotency key) {}; {} s",
        alerts.size(),
        poisonKeys.size(),
        total,
        receipts.size(),
        pairs,
        receiver.answers(),
        receiver.slowAnswers(),
        duplicateKeys,
        Duration.between(started, Instant.now()).toSeconds());
  }

  private static Map<String, long[]> counters(List<String> output) {
    Map<String, long[]> latest = new LinkedHashMap<>();
    for (String line : output) {
      Matcher m = COUNTERS.matcher(line);
      if (m.find()) {
        long[] values = new long[6];
        for (int i = 0; i < 6; i++) {
          values[i] = Long.parseLong(m.group(i + 2));
        }
        latest.put(m.group(1), values);
      }
    }
    return latest;
  }

  private static List<Long> total(java.util.Collection<long[]> perTask) {
    long[] sum = new long[6];
    for (long[] values : perTask) {
      for (int i = 0; i < 6; i++) {
        sum[i] += values[i];
      }
    }
    List<Long> result = new ArrayList<>();
    for (long v : sum) {
      result.add(v);
    }
    return result;
  }

  private static List<String> alerts(Random random) {
    String[] types = {
      "PROMISE_BROKEN",
      "LEFT_IN_SILENCE",
      "SELF_SERVICE_FAILED",
      "EXPERIENCE_DROP",
      "WIN_BACK_OPPORTUNITY",
      "PUSHY_CONTACT",
      "OVERDUE_THEN_QUIET"
    };
    String[] severities = {"INFO", "WARNING", "HIGH", "CRITICAL"};
    String[] incidentStatus = {"OPEN", "UPDATED", "RESOLVED"};
    List<String> alerts = new ArrayList<>();
    Instant time = Instant.parse("2026-11-20T09:00:00Z");
    for (int i = 0; i < ALERT_COUNT; i++) {
      time = time.plusSeconds(1 + random.nextInt(30));
      if (i % 10 == 9) {
        String kind = "web.checkout_error-" + (i % 4);
        alerts.add(
            TestData.incidentAlert(kind)
                .with("incidentId", kind + "@" + time)
                .with("status", incidentStatus[random.nextInt(3)])
                .with("severity", severities[2 + random.nextInt(2)])
                .with("eventTime", time.toString())
                .json());
      } else {
        String subject = i % 100 == 50 ? "cust-poison-" + i : "cust-" + random.nextInt(120);
        String type = types[random.nextInt(types.length)];
        String status = random.nextInt(4) == 0 ? "CLEARED" : "RAISED";
        alerts.add(
            TestData.customerAlert(subject)
                .with("alertId", subject + ":" + type + ":" + status + ":" + time)
                .with("type", type)
                .with("status", status)
                .with("severity", severities[random.nextInt(4)])
                .with("eventTime", time.toString())
                .with("dedupeKey", type.toLowerCase() + ":" + i % 7)
                .json());
      }
    }
    return alerts;
  }

  private static void produce(String bootstrap, List<String> alerts, List<String> malformed)
      throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (String json : alerts) {
        producer.send(new ProducerRecord<>(ALERTS, Alert.parse(json).subjectId(), json));
      }
      for (String bad : malformed) {
        producer.send(new ProducerRecord<>(ALERTS, "bad", bad));
      }
      producer.flush();
    }
  }

  private static List<ConsumerRecord<String, String>> deadLetters(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      if (!consumer.listTopics().containsKey(DLQ)) {
        return List.of();
      }
      return TopicRange.readAll(consumer, List.of(DLQ), Duration.ofSeconds(30));
    }
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private Map<String, String> workerSettings(String bootstrap, Path dir) {
    Map<String, String> worker = new HashMap<>();
    worker.put("bootstrap.servers", bootstrap);
    worker.put("key.converter", StringConverter.class.getName());
    worker.put("value.converter", StringConverter.class.getName());
    worker.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
    worker.put("offset.flush.interval.ms", "1000");
    worker.put("listeners", "http://localhost:" + restPort);
    worker.put("plugin.discovery", "service_load");
    return worker;
  }

  private Map<String, String> connectorSettings(FlakyReceiver receiver) {
    Map<String, String> c = new HashMap<>();
    c.put("name", CONNECTOR);
    c.put("connector.class", AlertDeliveryConnector.class.getName());
    c.put("tasks.max", Integer.toString(TASKS));
    c.put("topics", ALERTS);
    c.put("key.converter", StringConverter.class.getName());
    c.put("value.converter", StringConverter.class.getName());
    c.put("consumer.override.isolation.level", "read_committed");
    c.put("errors.tolerance", "all");
    c.put("errors.deadletterqueue.topic.name", DLQ);
    c.put("errors.deadletterqueue.topic.replication.factor", "1");
    c.put("errors.deadletterqueue.context.headers.enable", "true");
    c.put("errors.log.enable", "false");
    c.put("routes", "pagerduty,slack,webhook");
    c.put("route.pagerduty.format", "pagerduty");
    c.put("route.pagerduty.url", receiver.url("pagerduty"));
    c.put("route.pagerduty.routing.key", ROUTING_KEY);
    c.put("route.pagerduty.kinds", "incident-alert");
    c.put("route.pagerduty.min.severity", "CRITICAL");
    c.put("route.slack.format", "slack");
    c.put("route.slack.url", receiver.url("slack"));
    c.put("route.slack.min.severity", "WARNING");
    c.put("route.webhook.format", "webhook");
    c.put("route.webhook.url", receiver.url("webhook"));
    c.put("route.webhook.secret", SECRET);
    c.put("console.url", "http://console.example");
    c.put("max.retries", "8");
    c.put("retry.backoff.ms", "50");
    c.put("retry.backoff.max.ms", "1000");
    c.put("request.timeout.ms", Long.toString(REQUEST_TIMEOUT_MS));
    return c;
  }
}
