package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.T0;
import static dev.touchpoints.streams.TestData.billing;
import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.failedPasswordReset;
import static dev.touchpoints.streams.TestData.minute;
import static dev.touchpoints.streams.TestData.paymentReceived;
import static dev.touchpoints.streams.TestData.promise;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.updateSent;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.alerts.AlertJson;
import dev.touchpoints.core.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class ExperienceTopologyTest {

  @Test
  void shouldCountAnEventOnceWhenItIsDeliveredTwice() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a complaint that the publisher retried
      SupportEvent complaint =
          support("dup-1", day(0), caseOpened("c", CaseKind.COMPLAINT, day(5)));

      // When it arrives twice
      engine.send(complaint, complaint);

      // Then it is counted once
      assertThat(engine.experiences()).hasSize(1);
      assertThat(engine.experience("dup-1").getEventCount()).isEqualTo(1);
    }
  }

  @Test
  void shouldNotFireWhenTheDataHoldsTheUpdateBeforeTheDueTimeEvenIfReplayedLongAfter() {
    // Given the engine replays old data a year later (the wall clock is far ahead)
    try (EngineDriver engine = new EngineDriver(TestData.policy(Map.of()), day(365))) {
      // When a promise and its timely update are replayed, with a pause between them
      engine.send(support("replay-1", day(0), promise("p", "c", day(7), "a call back")));
      engine.wallClockTo(day(365).plusSeconds(60));
      engine.send(support("replay-1", day(6), updateSent("c", null)));
      engine.wallClockTo(day(400));

      // Then the promise was kept and nothing fires
      assertThat(engine.alerts()).isEmpty();
    }
  }

  @Test
  void shouldFireFromEventTimeWhenLaterEventsOfTheSameSourceShowTheDueTimePassed() {
    try (EngineDriver engine = new EngineDriver(replayPolicy(), day(365))) {
      // Given a promise replayed long after
      engine.send(support("replay-2", day(0), promise("p", null, day(7), "a call back")));

      // When a later event of another subject from the same source shows event time has passed
      engine.send(support("someone-else", day(8), TestData.csat(4, null)));

      // Then the promise is broken at its due time, without any wall-clock help
      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo(AlertType.PROMISE_BROKEN);
                assertThat(a.getEventTime()).isEqualTo(day(7));
              });
    }
  }

  @Test
  void shouldNotLetOneSourceRunningAheadFireTheClocksOfAnother() {
    try (EngineDriver engine = new EngineDriver(replayPolicy(), day(365))) {
      // Given a promise from the support desk
      engine.send(support("replay-3", day(0), promise("p", null, day(7), "a call back")));

      // When only the web shop's events have passed the due time
      engine.send(web("someone-else", day(8), TestData.pageViewed("/")));

      // Then nothing fires until the support desk's own events have passed it too
      assertThat(engine.alerts()).isEmpty();
      engine.send(support("another", day(6.9), TestData.csat(4, null)));
      assertThat(engine.alerts()).isEmpty();
      engine.send(support("another", day(7.5), TestData.csat(4, null)));
      assertThat(engine.alerts())
          .singleElement()
          .satisfies(a -> assertThat(a.getEventTime()).isEqualTo(day(7)));
    }
  }

  @Test
  void shouldNeverFireBeforeTheWallClockPassesTheDueTimeWhateverAnEventClaims() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a promise due in ten minutes
      Instant due = TestData.T0.plus(Duration.ofMinutes(10));
      engine.send(support("c-fast", TestData.T0, promise("p", null, due, "a call back")));

      // When a source whose clock runs 30 minutes fast sends an event on the same partition
      engine.sendAhead(
          support("c-other", TestData.T0.plus(Duration.ofMinutes(30)), TestData.csat(4, null)));
      engine.wallClockTo(due.minusSeconds(1));

      // Then nothing fires before the due time has really passed
      assertThat(engine.alerts()).isEmpty();
      engine.wallClockTo(due.plus(Duration.ofMinutes(6)));
      assertThat(engine.alerts())
          .singleElement()
          .satisfies(a -> assertThat(a.getEventTime()).isEqualTo(due));
    }
  }

  @Test
  void shouldRecordButNotSendAnAlertWhoseCauseIsOlderThanTheMaxAge() {
    try (EngineDriver engine = new EngineDriver(TestData.policy(Map.of()), day(365))) {
      // Given a promise broken a year ago, replayed today
      engine.send(
          support("history-1", day(0), promise("p", null, day(7), "a call back")),
          support("history-1", day(8), TestData.csat(2, null)));

      // Then ops are not paged about it, but the ledger records it, marked historic
      assertThat(engine.alerts()).isEmpty();
      assertThat(engine.json()).isEmpty();
      assertThat(engine.raisedAlert("history-1", "promise-broken:p")).isNotNull();
      assertThat(engine.ledger("history-1").alerts.get("promise-broken:p").historic).isTrue();
    }
  }

  /** Old data replayed: the wall clock never takes over and no alert counts as history. */
  private static Policy replayPolicy() {
    return TestData.policy(
        Map.of("policy.clock.idle-after", "36500d", "policy.alerts.max-age", "36500d"));
  }

  @Test
  void shouldNotRepeatAnAlertForTheSameOpenCause() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given self-service already reported as failed
      IntStream.range(0, 3)
          .forEach(i -> engine.send(web("rep-1", minute(i), failedPasswordReset())));

      // When it keeps failing
      IntStream.range(3, 6)
          .forEach(i -> engine.send(web("rep-1", minute(i), failedPasswordReset())));

      // Then, once the fold wait has passed, there is still one alert for it
      engine.wallClockTo(minute(20));
      assertThat(engine.alerts())
          .filteredOn(a -> a.getType() == AlertType.SELF_SERVICE_FAILED)
          .hasSize(1);
    }
  }

  @Test
  void shouldFoldSelfServiceAlertsIntoTheOpenIncidentInsteadOfSendingThem() {
    Policy policy = TestData.policy(Map.of("policy.incident.min-affected", "5"));
    try (EngineDriver engine = new EngineDriver(policy, T0)) {
      // Given an outage of password resets hitting many customers
      IntStream.range(0, 10)
          .forEach(i -> engine.send(web("outage-" + i, minute(i * 0.1), failedPasswordReset())));
      assertThat(engine.incidents()).isNotEmpty();
      String incidentId = engine.incidents().get(0).getIncidentId();

      // When one of them keeps trying
      engine.send(
          web("outage-0", minute(2), failedPasswordReset()),
          web("outage-0", minute(3), failedPasswordReset()));

      // Then the per-customer alert is kept for support but folded into the incident: it never
      // reaches the alert topics, also after the fold wait
      engine.wallClockTo(minute(30));
      assertThat(engine.alerts()).isEmpty();
      String key = "self-service-failed:web.self_service_failed.password_reset";
      assertThat(engine.raisedAlert("outage-0", key)).isNotNull();
      assertThat(engine.<String>store(StoreNames.FOLDED_ALERTS_STORE).get("outage-0|" + key))
          .isEqualTo(incidentId);
    }
  }

  @Test
  void shouldSendASelfServiceAlertThatNoIncidentCovers() {
    Policy policy = TestData.policy(Map.of("policy.incident.min-affected", "5"));
    try (EngineDriver engine = new EngineDriver(policy, T0)) {
      // Given one customer whose password resets fail, and only theirs
      IntStream.range(0, 3)
          .forEach(i -> engine.send(web("alone-1", minute(i), failedPasswordReset())));

      // When the fold wait passes with no incident
      assertThat(engine.alerts()).isEmpty();
      engine.wallClockTo(minute(20));

      // Then support hears of it, stamped when it was sent, with the cause's time in eventTime
      assertThat(engine.alertRecords())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.value().getType()).isEqualTo(AlertType.SELF_SERVICE_FAILED);
                assertThat(r.value().getEventTime()).isEqualTo(minute(2));
                assertThat(r.timestamp()).isGreaterThan(minute(2).toEpochMilli());
              });
      assertThat(engine.incidents()).isEmpty();
    }
  }

  @Test
  void shouldMirrorAlertsAsJsonWhenTheyAreRaisedAndCleared() throws Exception {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a customer stuck paying
      WebEvent failed =
          web(
              "json-1",
              minute(0),
              TestData.selfService(
                  dev.touchpoints.avro.SelfServiceKind.PAYMENT,
                  dev.touchpoints.avro.AttemptOutcome.FAILED));
      engine.send(
          failed,
          web(
              "json-1",
              minute(1),
              TestData.selfService(
                  dev.touchpoints.avro.SelfServiceKind.PAYMENT,
                  dev.touchpoints.avro.AttemptOutcome.FAILED)),
          web(
              "json-1",
              minute(2),
              TestData.selfService(
                  dev.touchpoints.avro.SelfServiceKind.PAYMENT,
                  dev.touchpoints.avro.AttemptOutcome.FAILED)));

      // When they pay after all
      engine.send(billing("json-1", minute(30), paymentReceived(null, 100)));

      // Then the JSON mirror carries both the alert and its clear
      var json = new ObjectMapper();
      assertThat(engine.json()).hasSize(2);
      var raised = json.readTree(engine.json().get(0));
      var cleared = json.readTree(engine.json().get(1));
      assertThat(raised.get("kind").asText()).isEqualTo("customer-alert");
      assertThat(raised.get("type").asText()).isEqualTo(AlertType.SELF_SERVICE_FAILED.name());
      assertThat(raised.get("evidence").get(0).asText())
          .isEqualTo(failed.getEnvelope().getEventId());
      assertThat(cleared.get("status").asText()).isEqualTo(AlertStatus.CLEARED.name());
      assertThat(cleared.get("dedupeKey").asText()).isEqualTo(raised.get("dedupeKey").asText());
      // each in the one alert JSON form, field for field the Avro alert on the alert topic
      assertThat(engine.json().get(0)).isEqualTo(AlertJson.of(engine.alerts().get(0)).toString());
      assertThat(engine.json().get(1)).isEqualTo(AlertJson.of(engine.alerts().get(1)).toString());
    }
  }

  @Test
  void shouldNameEveryStoreAndInternalTopicExplicitly() {
    // Given the topology
    Topics topics = TestData.topics();

    // When it is described
    TopologyDescription description =
        ExperienceTopology.build(topics, TestData.policy(Map.of())).describe();

    // Then no store or repartition topic has a generated name
    assertThat(description.toString())
        .doesNotContain("KSTREAM-REPARTITION")
        .doesNotContain("STATE-STORE-")
        .contains(StoreNames.FAILURES_BY_KIND + "-repartition")
        .contains(StoreNames.SUBJECT_STATE_STORE)
        .doesNotContain("experience-store")
        .contains(StoreNames.RAISED_ALERTS_STORE)
        .doesNotContain("dedupe-store")
        .doesNotContain("active-alerts-store")
        .contains(StoreNames.INCIDENTS_STORE);
  }
}
