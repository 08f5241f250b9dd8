package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.updateSent;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.streams.ledger.LedgerSerde;
import dev.touchpoints.streams.processors.ExperienceProcessor;
import dev.touchpoints.streams.rules.SubjectState;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A step that throws stays with its subject: the event is dead-lettered with the subject's ledger
 * untouched and its id not marked as seen, so a replay after the fix counts it once; a clock that
 * throws is dropped for that subject alone; nothing stops the stream thread.
 */
class LedgerFailureTest {

  private final FaultyRule faulty = new FaultyRule();

  private EngineDriver engine() {
    return new EngineDriver(TestData.policy(Map.of()), TestData.T0, java.util.List.of(faulty));
  }

  @Test
  void shouldDeadLetterAFailingEventLeaveTheLedgerUntouchedAndCountItOnceWhenReplayedAfterTheFix() {
    try (EngineDriver engine = engine()) {
      // Given a subject with an open complaint
      engine.send(support("c-1", day(0), caseOpened("case-1", CaseKind.COMPLAINT, day(2))));
      byte[] before = ledgerBytes(engine, "c-1");

      // When its next event hits a bug
      faulty.failEventsOf("c-1");
      SupportEvent update = support("c-1", day(1), updateSent("case-1", day(3)));
      engine.send(update);

      // Then the event is a dead letter with its bytes, coordinates and reason
      assertThat(engine.deadLetters()).hasSize(1);
      DeadLetter letter = engine.deadLetters().get(0);
      assertThat(letter.getSourceTopic()).isEqualTo(engine.topics().support().name());
      assertThat(letter.getOffset()).isEqualTo(1);
      assertThat(letter.getReason()).contains("processing failed").contains("injected fault");
      assertThat(letter.getProcessor()).isEqualTo("experience-processor");
      SupportEvent kept =
          engine
              .topics()
              .support()
              .valueSerde()
              .deserializer()
              .deserialize(letter.getSourceTopic(), EngineIt.bytes(letter.getValue()));
      assertThat(kept.getEnvelope().getEventId()).isEqualTo(update.getEnvelope().getEventId());
      // and the ledger is byte for byte what it was: nothing half-applied, the id not marked
      assertThat(ledgerBytes(engine, "c-1")).isEqualTo(before);
      assertThat(state(engine, "c-1").seenEvents)
          .doesNotContainKey(update.getEnvelope().getEventId());
      assertThat(counter(engine, "processing-failures-total")).isEqualTo(1.0);

      // When the fix is deployed and the dead letter is replayed – twice
      faulty.fix();
      replay(engine, letter, day(1.1));
      replay(engine, letter, day(1.2));

      // Then the update is applied exactly once
      assertThat(engine.experience("c-1").getEventCount()).isEqualTo(2);
      assertThat(state(engine, "c-1").cases.get("case-1").lastUpdateEventId)
          .isEqualTo(update.getEnvelope().getEventId());
      assertThat(engine.deadLetters()).hasSize(1);
    }
  }

  @Test
  void shouldKeepTheEventAndOtherSubjectsClocksWhenOneSubjectsClockFails() {
    try (EngineDriver engine = engine()) {
      // Given two customers whose complaints fall due, one of them with a clock that hits a bug
      engine.send(
          support("bad-1", day(0), caseOpened("case-b", CaseKind.COMPLAINT, day(1))),
          support("good-1", day(0), caseOpened("case-g", CaseKind.COMPLAINT, day(1))));
      SubjectState badBefore = state(engine, "bad-1");
      faulty.failClocksOf("bad-1");

      // When an event of a third customer moves event time past both due dates
      engine.send(web("other-1", day(2), pageViewed("/")));

      // Then that event is applied, not dead-lettered
      assertThat(engine.deadLetters()).isEmpty();
      assertThat(engine.experience("other-1").getEventCount()).isEqualTo(1);
      // and the healthy customer's clock fired
      assertThat(engine.alerts())
          .extracting(CustomerAlert::getSubjectId, CustomerAlert::getType)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("good-1", AlertType.LEFT_IN_SILENCE));
      // and only the failing clock was dropped, the rest of that ledger as it was
      SubjectState badAfter = state(engine, "bad-1");
      assertThat(badAfter.clocks).doesNotContainKey("silence:case-b");
      assertThat(badAfter.alerts).isEmpty();
      badBefore.clocks.remove("silence:case-b");
      assertThat(LedgerSerde.write(badAfter)).isEqualTo(LedgerSerde.write(badBefore));
      assertThat(counter(engine, "clock-failures-total")).isEqualTo(1.0);
    }
  }

  @Test
  void shouldNeverLetAFailingClockStopTheWallClockPunctuator() {
    try (EngineDriver engine = engine()) {
      // Given two complaints due in an hour, one with a clock that hits a bug
      engine.send(
          support(
              "bad-2",
              TestData.T0,
              caseOpened("case-b", CaseKind.COMPLAINT, TestData.T0.plus(Duration.ofHours(1)))),
          support(
              "good-2",
              TestData.T0,
              caseOpened("case-g", CaseKind.COMPLAINT, TestData.T0.plus(Duration.ofHours(1)))));
      faulty.failClocksOf("bad-2");

      // When no event arrives and the wall clock passes the due time
      engine.wallClockTo(TestData.T0.plus(Duration.ofHours(2)));
      engine.wallClockTo(TestData.T0.plus(Duration.ofHours(3)));

      // Then the punctuator went on: the healthy clock fired, the faulty one was dropped once
      assertThat(engine.alerts()).extracting(CustomerAlert::getSubjectId).containsExactly("good-2");
      assertThat(state(engine, "bad-2").clocks).doesNotContainKey("silence:case-b");
      assertThat(counter(engine, "clock-failures-total")).isEqualTo(1.0);
    }
  }

  private static SubjectState state(EngineDriver engine, String subject) {
    KeyValueStore<String, SubjectState> store = engine.store(StoreNames.SUBJECT_STATE_STORE);
    return store.get(subject);
  }

  private static byte[] ledgerBytes(EngineDriver engine, String subject) {
    return LedgerSerde.write(state(engine, subject));
  }

  /** What {@code touchpoints dlq replay} does: the kept key and value back to the source topic. */
  private static void replay(EngineDriver engine, DeadLetter letter, java.time.Instant at) {
    engine.sendRaw(
        engine.topics().support(),
        EngineIt.bytes(letter.getKey()),
        EngineIt.bytes(letter.getValue()),
        at);
  }

  private static double counter(EngineDriver engine, String name) {
    return engine.driver().metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .filter(
            e ->
                e.getKey()
                    .group()
                    .equals("stream-" + ExperienceProcessor.METRIC_SCOPE + "-metrics"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }
}
