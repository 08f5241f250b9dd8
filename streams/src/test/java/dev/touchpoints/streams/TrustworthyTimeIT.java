package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.csat;
import static dev.touchpoints.streams.TestData.invoiceIssued;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.paymentReceived;
import static dev.touchpoints.streams.TestData.promise;
import static dev.touchpoints.streams.TestData.resolved;
import static dev.touchpoints.streams.TestData.selfService;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.updateSent;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.AttemptOutcome;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOutcome;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.streams.console.QuietLogs;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.query.QueryServer;
import dev.touchpoints.streams.reference.Partitioning;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trustworthy time on the real broker (issue 11): scores and alerts follow what happened to the
 * customer, not when or in what order the engine heard of it. A month of history published late as
 * one batch ends exactly as the same history delivered in event-time order and pages no one; an
 * event dated in the future fires no one's clock early.
 */
class TrustworthyTimeIT {

  private static final Logger LOG = LoggerFactory.getLogger(TrustworthyTimeIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final int PARTITIONS = 2;
  private static final int CUSTOMERS = 40;
  private static final Duration HISTORY = Duration.ofDays(30);

  /**
   * How far behind everything else the support records of every fourth customer arrive (the desk
   * that serves them delivered its backlog days late): each of their updates arrives after every
   * source on its partition has passed the due date it kept – well within {@code
   * policy.late.horizon} of the customer's own latest event.
   */
  private static final Duration SUPPORT_DELAY = Duration.ofDays(3);

  /** Scores are published rounded to hundredths; this absorbs the rounding's binary residue. */
  private static final double SCORE_TOLERANCE = 0.01 + 1e-9;

  @BeforeAll
  static void quietLogs() {
    QuietLogs.apply();
  }

  @Test
  void shouldEndALateBatchExactlyAsTheInOrderTwinAndSendNoAlert() throws Exception {
    // Given a month of history of 40 customers, ending two days ago, in which every promise and
    // every next update was kept on time, every case resolved and every invoice paid
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant end = now.minus(Duration.ofDays(2)).minus(Duration.ofHours(1));
    Instant start = end.minus(HISTORY);
    List<SpecificRecord> history = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      history.addAll(customerHistory(i, start, end));
    }
    history.sort(Comparator.comparing(TrustworthyTimeIT::occurredAt));
    Map<String, Long> eventsPerSubject =
        history.stream()
            .collect(
                Collectors.groupingBy(
                    e -> Classifier.envelope(e).getSubjectId(),
                    TreeMap::new,
                    Collectors.counting()));

    Map<String, CustomerExperience> latest = new HashMap<>();
    Disorder disorder = new Disorder();
    Map<String, Set<String>> openAlerts = new TreeMap<>();
    List<CustomerAlert> sent = new ArrayList<>();
    Instant readAt;
    try (Platform platform = Platform.startTemporary()) {
      AppConfig config =
          EngineIt.config(
              platform.bootstrapServers(),
              platform.registryUrl(),
              "late-batch-it",
              Map.of(
                  Topics.PARTITIONS, String.valueOf(PARTITIONS),
                  EngineInstance.QUERY_PORT, "0",
                  QueryServer.FEED_ENABLED, "false"));
      try (EngineInstance service = EngineInstance.start(config, true)) {
        EngineStreams app = service.app();
        EngineIt.awaitRunning(app);

        // When the whole history is published as one batch into the engine, whose wall clock is
        // now, with the support records of every fourth customer arriving days behind the rest
        EngineIt.publish(platform.bootstrapServers(), app.topics(), arrivalOrder(history));

        try (KafkaConsumer<String, CustomerExperience> experiences =
                EngineIt.consumer(platform.bootstrapServers(), app.topics().experience());
            KafkaConsumer<String, CustomerAlert> alerts =
                EngineIt.consumer(platform.bootstrapServers(), app.topics().customerAlerts())) {
          await("every subject's experience counts all its events")
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(200))
              .untilAsserted(
                  () -> {
                    experiences
                        .poll(Duration.ofMillis(100))
                        .forEach(
                            r -> {
                              latest.put(r.key(), r.value());
                              disorder.add(r);
                            });
                    assertThat(eventCounts(latest)).isEqualTo(eventsPerSubject);
                  });
          readAt = Instant.now();
          for (String subject : eventsPerSubject.keySet()) {
            openAlerts.put(subject, activeAlerts(service.queryPort(), subject));
          }
          EngineIt.readToEnd(
              experiences,
              r -> {
                latest.put(r.key(), r.value());
                disorder.add(r);
              });
          EngineIt.readToEnd(alerts, r -> sent.add(r.value()));
        }
      }
    }

    // And the in-order twin: the same events in event-time order, the wall clock following them,
    // then standing where the engine's stood when it was read
    Map<String, Double> twinScores = new TreeMap<>();
    Map<String, Set<String>> twinOpenAlerts = new TreeMap<>();
    List<CustomerAlert> twinSent;
    try (EngineDriver twin =
        new EngineDriver(TestData.policy(Map.of()), start.minus(Duration.ofHours(1)))) {
      history.forEach(twin::send);
      twin.wallClockTo(readAt);
      for (String subject : eventsPerSubject.keySet()) {
        twinScores.put(subject, twin.experience(subject).getOverall());
        twinOpenAlerts.put(subject, new TreeSet<>(twin.ledger(subject).alerts.keySet()));
      }
      twinSent = twin.alerts();
    }
    assertThat(twinSent)
        .as("the history is clean: in event-time order no alert is raised")
        .isEmpty();

    // Then the engine ends as its twin, and no alert reached the topic
    Map<String, Double> scores = new TreeMap<>();
    latest.forEach((subject, view) -> scores.put(subject, view.getOverall()));
    double mean = mean(scores);
    double twinMean = mean(twinScores);
    Map<String, String> differing = differing(scores, twinScores);
    LOG.info(
        "Late batch: {} events ({}), engine mean score {}, twin mean {}, {} of {} subjects off by"
            + " more than 0.01: {}; alert records {}",
        history.size(),
        disorder,
        mean,
        twinMean,
        differing.size(),
        scores.size(),
        differing,
        sent.size());
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(sent)
              .as("RAISED alert records on the topic for a history older than max-age")
              .filteredOn(a -> a.getStatus() == AlertStatus.RAISED)
              .extracting(a -> a.getSubjectId() + " " + a.getType() + " @" + a.getEventTime())
              .isEmpty();
          softly
              .assertThat(mean)
              .as("mean score of the batch (twin: %.2f)", twinMean)
              .isCloseTo(twinMean, within(0.5));
          softly
              .assertThat(differing)
              .as("subjects whose score differs from the twin's by more than 0.01 (engine/twin)")
              .isEmpty();
          softly
              .assertThat(openAlerts)
              .as("open alerts per subject (the twin's: none)")
              .isEqualTo(twinOpenAlerts);
        });
  }

  @Test
  void shouldNotFireAPromiseBeforeItsDueTimeWhenASourceOnTheSamePartitionRunsFast()
      throws Exception {
    try (Platform platform = Platform.startTemporary()) {
      AppConfig config =
          EngineIt.config(
              platform.bootstrapServers(),
              platform.registryUrl(),
              "fast-clock-it",
              Map.of(
                  Topics.PARTITIONS,
                  String.valueOf(PARTITIONS),
                  "policy.clock.out-of-order",
                  "1s",
                  "policy.clock.check-interval",
                  "1s",
                  "policy.clock.idle-after",
                  "5s"));
      try (EngineStreams app = new EngineStreams(config)) {
        EngineIt.start(app, config);
        String a = "fast-clock-a";
        String b = subjectOnTheSamePartitionAs(a);

        try (KafkaConsumer<String, CustomerAlert> alertsIn =
                EngineIt.consumer(platform.bootstrapServers(), app.topics().customerAlerts());
            KafkaConsumer<String, CustomerExperience> scoresIn =
                EngineIt.consumer(platform.bootstrapServers(), app.topics().experience())) {
          List<Received<CustomerAlert>> alerts = new ArrayList<>();
          Map<String, CustomerExperience> latest = new HashMap<>();
          Runnable poll =
              () -> {
                for (ConsumerRecord<String, CustomerAlert> r :
                    alertsIn.poll(Duration.ofMillis(50))) {
                  alerts.add(new Received<>(r, Instant.now()));
                }
                scoresIn.poll(Duration.ofMillis(50)).forEach(r -> latest.put(r.key(), r.value()));
              };

          // Given customer A was promised a call back due 20 s from now
          Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
          Instant due = now.plusSeconds(20);
          Instant ahead = now.plus(Duration.ofMinutes(30));
          // When customer B, on A's partition, sends events from sources whose clocks run 30
          // minutes fast (accepted: within the 1 h skew)
          EngineIt.publish(
              platform.bootstrapServers(),
              app.topics(),
              List.<SpecificRecord>of(
                  support(a, now, promise("promise-a", null, due, "a call back")),
                  support(b, ahead, csat(5, null)),
                  web(b, ahead, pageViewed("/"))));
          await("A's promise and B's fast events applied")
              .atMost(Duration.ofSeconds(15))
              .pollInterval(Duration.ofMillis(100))
              .untilAsserted(
                  () -> {
                    poll.run();
                    assertThat(latest).containsKeys(a, b);
                    assertThat(latest.get(b).getEventCount()).isEqualTo(2);
                  });
          assertThat(Instant.now())
              .as("B's fast events were applied before A's promise fell due")
              .isBefore(due);

          // Then A's broken promise is read from the topic only once its due time has passed by
          // the wall clock, and soon after
          await("A's broken promise read from the alert topic")
              .atMost(Duration.between(Instant.now(), due.plusSeconds(15)))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> {
                    poll.run();
                    return alerts.stream()
                        .anyMatch(
                            r ->
                                r.record().key().equals(a)
                                    && r.record().value().getType() == AlertType.PROMISE_BROKEN
                                    && r.record().value().getStatus() == AlertStatus.RAISED);
                  });
          List<Received<CustomerAlert>> ofA =
              alerts.stream().filter(r -> r.record().key().equals(a)).toList();
          LOG.info(
              "Fast clock: A's promise due {}; A's alert records read at {} (emitted {})",
              due,
              ofA.stream().map(Received::at).toList(),
              ofA.stream().map(r -> Instant.ofEpochMilli(r.record().timestamp())).toList());
          assertThat(ofA)
              .allSatisfy(
                  r -> {
                    assertThat(r.at()).as("read at").isAfterOrEqualTo(due);
                    assertThat(Instant.ofEpochMilli(r.record().timestamp()))
                        .as("emitted at")
                        .isAfterOrEqualTo(due);
                  })
              .extracting(r -> r.record().value().getEventTime())
              .containsOnly(due);
          assertThat(alerts).as("no alert about B").noneMatch(r -> r.record().key().equals(b));
        }
      }
    }
  }

  /**
   * How far out of event-time order the engine applied the batch, per partition: a view is stamped
   * with the event time of the event it was published for, so the experience topic read in offset
   * order shows the order of application (for the log: it explains a difference from the twin).
   */
  private static final class Disorder {
    private final Map<Integer, Long> highest = new TreeMap<>();
    private final Map<Integer, Long> worst = new TreeMap<>();
    private final Map<Integer, Integer> dayLate = new TreeMap<>();

    void add(ConsumerRecord<String, CustomerExperience> view) {
      long high = highest.merge(view.partition(), view.timestamp(), Math::max);
      long late = high - view.timestamp();
      worst.merge(view.partition(), late, Math::max);
      if (late > Duration.ofDays(1).toMillis()) {
        dayLate.merge(view.partition(), 1, Integer::sum);
      }
    }

    @Override
    public String toString() {
      return "applied up to "
          + worst.entrySet().stream()
              .map(e -> Duration.ofMillis(e.getValue()).toHours() + " h")
              .toList()
          + " behind the highest event time so far, per partition; more than a day behind: "
          + dayLate;
    }
  }

  /** A record and the wall-clock time it was read at. */
  private record Received<V>(ConsumerRecord<String, V> record, Instant at) {}

  /**
   * One customer's month: page views every 8 hours or so, a login, two invoices issued and paid
   * well before their due dates, and one or two support questions: each opened with a next-update
   * date, a call back promised and kept by an update 3 hours before it was due, the next update
   * sent 4 hours before it was due, the case resolved 2 hours before the one after, and for some a
   * good survey answer.
   */
  private static List<SpecificRecord> customerHistory(int index, Instant start, Instant end) {
    String subject = String.format("late-%02d", index);
    Random random = new Random(1_000 + index);
    List<SpecificRecord> events = new ArrayList<>();
    for (Instant at = start.plus(minutes(random, 0, 480));
        at.isBefore(end);
        at = at.plus(minutes(random, 420, 540))) {
      events.add(web(subject, at, pageViewed("/account")));
    }
    events.add(
        web(
            subject,
            start.plus(minutes(random, 60, 20 * 1440)),
            selfService(SelfServiceKind.LOGIN, AttemptOutcome.SUCCEEDED)));

    Instant issued = start.plus(minutes(random, 2 * 1440, 8 * 1440));
    for (int n = 0; n < 2; n++) {
      String invoice = subject + "-inv-" + n;
      events.add(
          TestData.billing(subject, issued, invoiceIssued(invoice, 4_900, issued.plus(days(14)))));
      Instant paid = issued.plus(minutes(random, 2 * 1440, 6 * 1440));
      events.add(TestData.billing(subject, paid, paymentReceived(invoice, 4_900)));
      issued = issued.plus(days(14));
    }
    Instant opened = start.plus(minutes(random, 1440, 6 * 1440));
    int cases = index % 2 == 0 ? 2 : 1;
    for (int n = 0; n < cases; n++) {
      events.addAll(supportCase(subject, subject + "-case-" + n, opened, index % 3 == 0));
      opened = opened.plus(minutes(random, 10 * 1440, 14 * 1440));
    }
    events.forEach(e -> assertThat(occurredAt(e)).isBefore(end));
    return events;
  }

  private static List<SupportEvent> supportCase(
      String subject, String caseId, Instant opened, boolean survey) {
    Instant promiseDue = opened.plus(days(1)).plus(hours(4));
    Instant firstUpdate = promiseDue.minus(hours(3));
    Instant secondDue = opened.plus(days(3));
    Instant secondUpdate = secondDue.minus(hours(4));
    Instant thirdDue = opened.plus(days(4));
    Instant resolvedAt = thirdDue.minus(hours(2));
    List<SupportEvent> events = new ArrayList<>();
    events.add(
        support(subject, opened, caseOpened(caseId, CaseKind.QUESTION, opened.plus(days(2)))));
    events.add(
        support(
            subject,
            opened.plus(hours(1)),
            promise(caseId + "-call", caseId, promiseDue, "a call back")));
    events.add(support(subject, firstUpdate, updateSent(caseId, secondDue)));
    events.add(support(subject, secondUpdate, updateSent(caseId, thirdDue)));
    events.add(support(subject, resolvedAt, resolved(caseId, CaseOutcome.SOLVED)));
    if (survey) {
      events.add(support(subject, resolvedAt.plus(hours(5)), csat(5, caseId)));
    }
    return events;
  }

  /**
   * The order the batch is published in: by arrival, which is the event time except for the support
   * records of every fourth customer, which arrive {@link #SUPPORT_DELAY} later.
   */
  private static List<SpecificRecord> arrivalOrder(List<SpecificRecord> inEventTimeOrder) {
    List<SpecificRecord> order = new ArrayList<>(inEventTimeOrder);
    order.sort(Comparator.comparing(TrustworthyTimeIT::arrival));
    return order;
  }

  private static Instant arrival(SpecificRecord event) {
    String subject = Classifier.envelope(event).getSubjectId();
    boolean delayed =
        event instanceof SupportEvent
            && Integer.parseInt(subject.substring(subject.indexOf('-') + 1)) % 4 == 3;
    return delayed ? occurredAt(event).plus(SUPPORT_DELAY) : occurredAt(event);
  }

  /** A subject whose records land on the same partition of every input topic as {@code a}'s. */
  private static String subjectOnTheSamePartitionAs(String a) {
    int partition = Partitioning.partitionOf(a, PARTITIONS);
    for (int n = 0; ; n++) {
      String candidate = "fast-clock-b-" + n;
      if (Partitioning.partitionOf(candidate, PARTITIONS) == partition) {
        return candidate;
      }
    }
  }

  /** The active alerts' dedupe keys of a subject, as the query API lists them. */
  private static Set<String> activeAlerts(int port, String subject) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/v1/subjects/" + subject))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET /v1/subjects/%s", subject).isEqualTo(200);
    Set<String> keys = new TreeSet<>();
    for (JsonNode alert : JSON.readTree(response.body()).path("activeAlerts")) {
      keys.add(alert.path("dedupeKey").asText());
    }
    return keys;
  }

  private static Map<String, Long> eventCounts(Map<String, CustomerExperience> latest) {
    Map<String, Long> counts = new TreeMap<>();
    latest.forEach((subject, view) -> counts.put(subject, view.getEventCount()));
    return counts;
  }

  /** Subjects whose scores differ by more than 0.01, with both scores. */
  private static Map<String, String> differing(
      Map<String, Double> scores, Map<String, Double> twin) {
    Map<String, String> differing = new TreeMap<>();
    twin.forEach(
        (subject, expected) -> {
          Double actual = scores.get(subject);
          if (actual == null || Math.abs(actual - expected) > SCORE_TOLERANCE) {
            differing.put(subject, actual + "/" + expected);
          }
        });
    return differing;
  }

  private static double mean(Map<String, Double> scores) {
    return scores.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static Instant occurredAt(SpecificRecord event) {
    return Classifier.envelope(event).getOccurredAt();
  }

  private static Duration minutes(Random random, int from, int to) {
    return Duration.ofMinutes(from + random.nextInt(to - from));
  }

  private static Duration days(long days) {
    return Duration.ofDays(days);
  }

  private static Duration hours(long hours) {
    return Duration.ofHours(hours);
  }
}
