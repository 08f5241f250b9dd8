package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.promise;
import static dev.touchpoints.streams.TestData.support;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.AlertActionType;
import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.ledger.DueIndex;
import dev.touchpoints.streams.ledger.LedgerSerde;
import dev.touchpoints.streams.rules.AlertActions;
import dev.touchpoints.streams.rules.AlertHandling;
import dev.touchpoints.streams.rules.SubjectState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * What ops do about an open alert – acknowledge, snooze, assign, note – through the topology: kept
 * on the alert in the subject's ledger, a snooze ending in a reminder, nothing else sent.
 */
class AlertActionsTest {

  /** A broken promise for c1: the alert the actions are about. */
  private static CustomerAlert brokenPromise(EngineDriver engine) {
    engine.send(support("c1", day(0), promise("p1", null, day(1), "a call back")));
    engine.wallClockTo(day(1).plus(Duration.ofHours(1)));
    assertThat(engine.alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.getType()).isEqualTo(AlertType.PROMISE_BROKEN));
    return engine.alerts().get(0);
  }

  private static AlertAction.Builder action(
      CustomerAlert alert, AlertActionType type, Instant at, String actionId) {
    return AlertAction.newBuilder()
        .setActionId(actionId)
        .setAlertId(alert.getAlertId())
        .setSubjectId(alert.getSubjectId())
        .setDedupeKey(alert.getDedupeKey())
        .setAction(type)
        .setBy("maria (key 1234abcd)")
        .setAt(at);
  }

  private static AlertHandling handling(EngineDriver engine, CustomerAlert alert) {
    return engine.ledger(alert.getSubjectId()).alerts.get(alert.getDedupeKey()).handling;
  }

  @Test
  void shouldKeepWhoAcknowledgedAndOwnsAnAlertAndEachNoteOnceWithoutSendingAnything() {
    try (EngineDriver engine = new EngineDriver()) {
      CustomerAlert alert = brokenPromise(engine);
      Instant at = engine.wall();

      engine.act(action(alert, AlertActionType.ACKNOWLEDGE, at, "a1").build());
      engine.act(action(alert, AlertActionType.ACKNOWLEDGE, at.plusSeconds(60), "a2").build());
      engine.act(action(alert, AlertActionType.ASSIGN, at, "a3").setAssignee("jussi").build());
      engine.act(
          action(alert, AlertActionType.NOTE, at, "a4").setNote("Called, no answer").build());
      engine.act(
          action(alert, AlertActionType.NOTE, at, "a4").setNote("Called, no answer").build());
      engine.act(action(alert, AlertActionType.NOTE, at, "a5").setNote("Called again").build());

      AlertHandling h = handling(engine, alert);
      assertThat(h.acknowledgedBy()).isEqualTo("maria (key 1234abcd)");
      assertThat(h.acknowledgedAt()).isEqualTo(at.toEpochMilli()); // the first one stands
      assertThat(h.assignee()).isEqualTo("jussi");
      assertThat(h.notes())
          .extracting(AlertHandling.Note::text)
          .containsExactly("Called, no answer", "Called again");
      // actions change what ops see about the alert, not the alert: nothing more on the topics
      assertThat(engine.alerts()).hasSize(1);

      // An empty assignee removes the owner
      engine.act(action(alert, AlertActionType.ASSIGN, at, "a6").setAssignee("").build());
      assertThat(handling(engine, alert).assignee()).isNull();
      // and the ledger keeps all of it across a write and a read in its own format
      SubjectState state = engine.ledger("c1");
      assertThat(
              LedgerSerde.read(LedgerSerde.write(state)).alerts.get(alert.getDedupeKey()).handling)
          .isEqualTo(handling(engine, alert));
    }
  }

  @Test
  void shouldSendAReminderWhenTheSnoozeEndsAndNotBefore() {
    try (EngineDriver engine = new EngineDriver()) {
      CustomerAlert alert = brokenPromise(engine);
      Instant until = engine.wall().plus(Duration.ofHours(2));

      engine.act(
          action(alert, AlertActionType.SNOOZE, engine.wall(), "s1")
              .setSnoozedUntil(until)
              .build());
      assertThat(handling(engine, alert).isSnoozedAt(engine.wall().toEpochMilli())).isTrue();
      engine.wallClockTo(until.minusSeconds(60));
      assertThat(engine.alerts()).hasSize(1);

      engine.wallClockTo(until.plusSeconds(60));

      assertThat(engine.alerts()).hasSize(2);
      CustomerAlert reminder = engine.alerts().get(1);
      assertThat(reminder.getStatus()).isEqualTo(AlertStatus.RAISED);
      assertThat(reminder.getAlertId()).isEqualTo(alert.getAlertId());
      assertThat(reminder.getRemindedAt()).isEqualTo(until);
      assertThat(reminder.getWhy()).isEqualTo(alert.getWhy());
      assertThat(handling(engine, alert).snoozedUntil()).isZero();
      assertThat(entries(engine.store(StoreNames.SNOOZE_INDEX_STORE))).isEmpty();
      // and only once
      engine.wallClockTo(until.plus(Duration.ofDays(1)));
      assertThat(engine.alerts()).hasSize(2);
    }
  }

  @Test
  void shouldNotRemindWhenTheSnoozeWasEndedOrMovedOrTheAlertCleared() {
    try (EngineDriver engine = new EngineDriver()) {
      CustomerAlert alert = brokenPromise(engine);
      Instant now = engine.wall();
      // snoozed for an hour, then until tomorrow: one reminder, tomorrow
      engine.act(
          action(alert, AlertActionType.SNOOZE, now, "s1")
              .setSnoozedUntil(now.plus(Duration.ofHours(1)))
              .build());
      engine.act(
          action(alert, AlertActionType.SNOOZE, now, "s2")
              .setSnoozedUntil(now.plus(Duration.ofDays(1)))
              .build());
      engine.wallClockTo(now.plus(Duration.ofHours(3)));
      assertThat(engine.alerts()).hasSize(1);

      // a snooze that ends before it starts ends the snooze: no reminder
      engine.act(
          action(alert, AlertActionType.SNOOZE, engine.wall(), "s3")
              .setSnoozedUntil(engine.wall())
              .build());
      assertThat(handling(engine, alert).snoozedUntil()).isZero();
      engine.wallClockTo(now.plus(Duration.ofDays(2)));
      assertThat(engine.alerts()).hasSize(1);
    }
  }

  @Test
  void shouldIgnoreAnActionForAnAlertThatIsNotOpen() {
    try (EngineDriver engine = new EngineDriver()) {
      CustomerAlert alert = brokenPromise(engine);
      SubjectState before = engine.ledger("c1");

      // an id that is not the open alert's (a clear's id, or a mistyped one), an unknown subject
      engine.act(
          action(alert, AlertActionType.ACKNOWLEDGE, engine.wall(), "x1")
              .setAlertId("not-" + alert.getAlertId())
              .build());
      engine.act(
          action(alert, AlertActionType.ACKNOWLEDGE, engine.wall(), "x2")
              .setSubjectId("nobody")
              .build());

      assertThat(LedgerSerde.write(engine.ledger("c1"))).isEqualTo(LedgerSerde.write(before));
      assertThat(engine.ledger("nobody")).isNull();
      assertThat(engine.deadLetters()).isEmpty();
    }
  }

  @Test
  void shouldKeepWhatOpsDidWhenALateEventReFoldsTheSubject() {
    try (EngineDriver engine = new EngineDriver()) {
      CustomerAlert alert = brokenPromise(engine);
      engine.act(
          action(alert, AlertActionType.ASSIGN, engine.wall(), "a1").setAssignee("jussi").build());

      // a complaint dated before the promise arrives late: the subject is folded again in order
      engine.send(
          support("c1", day(0).minusSeconds(3600), caseOpened("k1", CaseKind.COMPLAINT, day(5))));

      assertThat(engine.ledger("c1").recent).hasSize(2);
      assertThat(handling(engine, alert).assignee()).isEqualTo("jussi");
    }
  }

  @Test
  void shouldDropTheSnoozeWithTheSubjectWhenItIsErased() {
    try (EngineDriver engine = new EngineDriver()) {
      CustomerAlert alert = brokenPromise(engine);
      engine.act(
          action(alert, AlertActionType.SNOOZE, engine.wall(), "s1")
              .setSnoozedUntil(engine.wall().plus(Duration.ofHours(2)))
              .build());
      assertThat(entries(engine.store(StoreNames.SNOOZE_INDEX_STORE))).hasSize(1);

      engine.erase("c1");

      assertThat(entries(engine.store(StoreNames.SNOOZE_INDEX_STORE))).isEmpty();
    }
  }

  @Test
  void shouldEndASnoozeWhenTheAlertGetsWorse() {
    SubjectState before = new SubjectState();
    before.subjectId = "c1";
    SubjectState.ActiveAlert was = new SubjectState.ActiveAlert();
    was.type = AlertType.LEFT_IN_SILENCE;
    was.severity = Severity.WARNING;
    was.handling = AlertHandling.NONE.snoozed("maria", 0, 10_000);
    before.alerts.put("silence:k1", was);
    SubjectState.ActiveAlert same = new SubjectState.ActiveAlert();
    same.type = AlertType.LEFT_IN_SILENCE;
    same.severity = Severity.WARNING;
    same.handling = was.handling;
    before.alerts.put("silence:k2", same);

    SubjectState after = new SubjectState();
    after.subjectId = "c1";
    SubjectState.ActiveAlert worse = new SubjectState.ActiveAlert();
    worse.type = AlertType.LEFT_IN_SILENCE;
    worse.severity = Severity.HIGH;
    worse.handling = was.handling;
    after.alerts.put("silence:k1", worse);
    after.alerts.put("silence:k2", same);

    assertThat(AlertActions.worseWhileSnoozed(before, after, 5_000)).containsExactly("silence:k1");
    // a snooze that already ended does not count
    assertThat(AlertActions.worseWhileSnoozed(before, after, 10_000)).isEmpty();
  }

  private static List<KeyValue<String, DueIndex.DueEntry>> entries(
      KeyValueStore<String, DueIndex.DueEntry> store) {
    List<KeyValue<String, DueIndex.DueEntry>> all = new ArrayList<>();
    try (KeyValueIterator<String, DueIndex.DueEntry> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }
}
