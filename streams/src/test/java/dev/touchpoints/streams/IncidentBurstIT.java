package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.checkoutError;
import static dev.touchpoints.streams.TestData.web;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.streams.console.QuietLogs;
import dev.touchpoints.streams.query.QueryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A burst of failures on the real broker (issue 11): 500 customers hit checkout errors 4 times each
 * within 20 seconds. Ops get one incident that shows (nearly) everyone affected within seconds of
 * the last failure – on the incident topic and in the query API – and not one per-customer alert
 * about those failures, of any type.
 */
class IncidentBurstIT {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentBurstIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final int CUSTOMERS = 500;
  private static final int FAILURES_EACH = 4;
  private static final int SECONDS = 20;
  private static final int SHOWN_AFFECTED = 450;
  private static final Duration SHOWN_WITHIN = Duration.ofSeconds(10);
  private static final Duration RESOLVED_WITHIN = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(100);

  @BeforeAll
  static void quietLogs() {
    QuietLogs.apply();
  }

  @Test
  void shouldShowOneIncidentWithEveryoneAffectedWithinSecondsAndSendNoCustomerAlert()
      throws Exception {
    try (Platform platform = Platform.startTemporary()) {
      AppConfig config =
          EngineIt.config(
              platform.bootstrapServers(),
              platform.registryUrl(),
              "incident-burst-it",
              Map.of(
                  "policy.incident.window",
                  "30s",
                  "policy.clock.idle-after",
                  "5s",
                  "policy.clock.out-of-order",
                  "1s",
                  "policy.clock.check-interval",
                  "1s",
                  EngineInstance.QUERY_PORT,
                  "0",
                  QueryServer.FEED_ENABLED,
                  "false"));
      try (EngineInstance service = EngineInstance.start(config, true);
          KafkaConsumer<String, IncidentAlert> incidentsIn =
              EngineIt.consumer(
                  platform.bootstrapServers(), service.app().topics().incidentAlerts());
          KafkaConsumer<String, CustomerAlert> alertsIn =
              EngineIt.consumer(
                  platform.bootstrapServers(), service.app().topics().customerAlerts())) {
        EngineIt.awaitRunning(service.app());
        List<Received> incidents = new ArrayList<>();
        List<CustomerAlert> alerts = new ArrayList<>();
        Runnable poll =
            () -> {
              for (ConsumerRecord<String, IncidentAlert> r :
                  incidentsIn.poll(Duration.ofMillis(50))) {
                incidents.add(new Received(r.value(), Instant.now()));
              }
              alertsIn.poll(Duration.ofMillis(50)).forEach(r -> alerts.add(r.value()));
            };

        // Given 500 customers hitting checkout errors 4 times each within 20 seconds
        Set<String> customers = new HashSet<>();
        Instant lastFailure =
            publishBurst(
                platform.bootstrapServers(), service.app().topics().web(), customers, poll);

        // When ops look at the incident topic and the query API in the seconds after
        Instant deadline = lastFailure.plus(SHOWN_WITHIN);
        Instant[] shownOnTopic = {null};
        Instant[] shownByApi = {null};
        List<String> apiIncidents = new ArrayList<>();
        awaitAtMost(
            "an incident showing >= " + SHOWN_AFFECTED + " affected, on the topic and the API",
            Duration.between(Instant.now(), deadline),
            () -> {
              poll.run();
              if (shownOnTopic[0] == null
                  && incidents.stream()
                      .anyMatch(r -> r.incident().getAffectedSubjects() >= SHOWN_AFFECTED)) {
                shownOnTopic[0] = Instant.now();
              }
              if (shownByApi[0] == null) {
                for (JsonNode incident : openIncidents(service.queryPort())) {
                  if (incident.path("affectedSubjects").asInt() >= SHOWN_AFFECTED) {
                    shownByApi[0] = Instant.now();
                    apiIncidents.add(incident.path("incidentId").asText());
                  }
                }
              }
              return shownOnTopic[0] != null && shownByApi[0] != null;
            });
        int affectedByDeadline =
            incidents.stream()
                .filter(r -> !r.at().isAfter(deadline))
                .mapToInt(r -> r.incident().getAffectedSubjects())
                .max()
                .orElse(0);
        // and until the incident is resolved
        awaitAtMost(
            "the incident resolved",
            RESOLVED_WITHIN,
            () -> {
              poll.run();
              return incidents.stream()
                  .anyMatch(r -> r.incident().getStatus() == IncidentStatus.RESOLVED);
            });
        EngineIt.readToEnd(alertsIn, r -> alerts.add(r.value()));
        EngineIt.readToEnd(incidentsIn, r -> incidents.add(new Received(r.value(), Instant.now())));

        // Then one incident, showing the real count within seconds, and no customer alert
        Set<String> opened =
            incidents.stream()
                .filter(r -> r.incident().getStatus() == IncidentStatus.OPEN)
                .map(r -> r.incident().getIncidentId())
                .collect(Collectors.toSet());
        Map<String, Long> customerAlerts =
            alerts.stream()
                .filter(a -> customers.contains(a.getSubjectId()))
                .collect(
                    Collectors.groupingBy(
                        a -> a.getType() + " " + a.getStatus(),
                        TreeMap::new,
                        Collectors.counting()));
        LOG.info(
            "Burst: last failure published {}; incident records {}; >= {} affected read on the"
                + " topic {} ms and in the API {} ms after it (max read by the deadline: {});"
                + " alerts about burst customers {}",
            lastFailure,
            incidents.stream()
                .map(
                    r ->
                        r.incident().getStatus()
                            + "/"
                            + r.incident().getAffectedSubjects()
                            + "@+"
                            + Duration.between(lastFailure, r.at()).toMillis()
                            + "ms")
                .toList(),
            SHOWN_AFFECTED,
            millisAfter(lastFailure, shownOnTopic[0]),
            millisAfter(lastFailure, shownByApi[0]),
            affectedByDeadline,
            customerAlerts);
        SoftAssertions.assertSoftly(
            softly -> {
              softly.assertThat(opened).as("incident ids OPENed").hasSize(1);
              softly
                  .assertThat(incidents)
                  .as("incident records all of one incident")
                  .extracting(r -> r.incident().getIncidentId())
                  .containsOnly(opened.toArray(String[]::new));
              softly
                  .assertThat(shownOnTopic[0])
                  .as(
                      "time an incident record with >= %d affected was read (most affected read"
                          + " within %s of the last failure: %d)",
                      SHOWN_AFFECTED, SHOWN_WITHIN, affectedByDeadline)
                  .isNotNull()
                  .isBeforeOrEqualTo(deadline);
              softly
                  .assertThat(shownByApi[0])
                  .as("time /v1/incidents showed >= %d affected", SHOWN_AFFECTED)
                  .isNotNull()
                  .isBeforeOrEqualTo(deadline);
              softly
                  .assertThat(apiIncidents)
                  .as("the incident /v1/incidents showed")
                  .isNotEmpty()
                  .isSubsetOf(opened);
              softly
                  .assertThat(incidents)
                  .as("a RESOLVED record within %s", RESOLVED_WITHIN)
                  .anyMatch(r -> r.incident().getStatus() == IncidentStatus.RESOLVED);
              softly
                  .assertThat(customerAlerts)
                  .as("customer alert records about the burst's customers, by type and status")
                  .isEmpty();
            });
      }
    }
  }

  /** An incident record and the wall-clock time it was read at. */
  private record Received(IncidentAlert incident, Instant at) {}

  /**
   * Publishes the burst, a hundred failures a second, round by round (each customer's first
   * failure, then each one's second, ...), each stamped with the wall clock as its event time,
   * running {@code meanwhile} until the last second's batch is sent. Returns when the broker has
   * acknowledged the last failure.
   */
  private static Instant publishBurst(
      String bootstrap, Topic<String, WebEvent> topic, Set<String> customers, Runnable meanwhile)
      throws Exception {
    List<String> order = new ArrayList<>();
    for (int round = 0; round < FAILURES_EACH; round++) {
      for (int c = 0; c < CUSTOMERS; c++) {
        order.add("burst-" + c);
      }
    }
    customers.addAll(order);
    int perSecond = order.size() / SECONDS;
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    try (KafkaProducer<String, WebEvent> producer = EngineIt.producer(bootstrap, topic)) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      List<ScheduledFuture<?>> seconds = new ArrayList<>();
      for (int s = 0; s < SECONDS; s++) {
        List<String> batch = order.subList(s * perSecond, (s + 1) * perSecond);
        seconds.add(
            ticker.schedule(
                () ->
                    batch.forEach(
                        subject ->
                            acks.add(
                                producer.send(
                                    new ProducerRecord<>(
                                        topic.name(),
                                        subject,
                                        web(subject, Instant.now(), checkoutError()))))),
                s,
                TimeUnit.SECONDS));
      }
      ScheduledFuture<?> last = seconds.get(seconds.size() - 1);
      while (!last.isDone()) {
        meanwhile.run();
      }
      for (ScheduledFuture<?> second : seconds) {
        second.get();
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } finally {
      ticker.shutdownNow();
    }
    return Instant.now();
  }

  /** The open incidents the query API lists. */
  private static JsonNode openIncidents(int port) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/incidents"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createArrayNode();
  }

  /**
   * Waits until {@code condition} holds or {@code atMost} has passed, and goes on either way: what
   * was seen by then is asserted afterwards, all of it reported together.
   */
  private static void awaitAtMost(String what, Duration atMost, Callable<Boolean> condition) {
    try {
      await(what)
          .atMost(atMost.compareTo(POLL) < 0 ? POLL : atMost)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(condition);
    } catch (ConditionTimeoutException e) {
      LOG.warn("Not seen within {}: {}", atMost, what);
    }
  }

  private static Long millisAfter(Instant from, Instant to) {
    return to == null ? null : Duration.between(from, to).toMillis();
  }
}
