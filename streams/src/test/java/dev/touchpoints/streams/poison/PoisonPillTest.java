package dev.touchpoints.streams.poison;

import static dev.touchpoints.streams.TestData.T0;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.envelope;
import static dev.touchpoints.streams.TestData.pageViewed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.streams.EngineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The poison pills that used to stop the engine or count twice, without a broker. {@link
 * PoisonPillIT} proves the same against Kafka, where the stopped task shows.
 */
class PoisonPillTest {

  private static final String SUBJECT = "pp-1";

  @Test
  void shouldDeadLetterAnEventDatedFurtherAheadThanKafkaAcceptsThoughThePolicyAllowsADay() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given the default policy (events may be dated a day after their record)
      // When an event claims to happen 3 hours after it was written (a time-zone bug) and another
      // 59 minutes after
      Instant threeHours = T0.plus(Duration.ofHours(3));
      sendWeb(engine, "evt-3h", SUBJECT, threeHours, T0);
      sendWeb(engine, "evt-59m", SUBJECT, T0.plus(Duration.ofMinutes(59)), T0);

      // Then Kafka would refuse the views stamped 3 h ahead: that one is a dead letter
      assertThat(engine.deadLetters())
          .extracting(DeadLetter::getReason)
          .containsExactly(
              "invalid event: envelope.occurredAt is 3h later than the event was sent, more than"
                  + " the 1h allowed");
      assertThat(engine.experience(SUBJECT).getEventCount()).isEqualTo(1);
    }
  }

  @Test
  void shouldDeadLetterIdsAndTextsLongerThanThePublisherAllows() {
    try (EngineDriver engine = new EngineDriver()) {
      // When ids and a page path arrive at and beyond the publisher's limits
      sendWeb(engine, "i".repeat(200), SUBJECT, T0, T0);
      sendWeb(engine, "i".repeat(201), SUBJECT, T0, T0);
      engine.send(
          new WebEvent(envelope("evt-long-path", SUBJECT, T0), pageViewed("/" + "p".repeat(2000))));
      engine.send(
          new WebEvent(envelope("evt-ok-path", SUBJECT, T0), pageViewed("/" + "p".repeat(1999))));

      // Then what is too long to keep is a dead letter, the rest is scored
      assertThat(engine.deadLetters())
          .extracting(DeadLetter::getReason)
          .containsExactly(
              "invalid event: envelope.eventId must be at most 200 characters, not 201",
              "invalid event: payload.path must be at most 2000 characters, not 2001");
      assertThat(engine.experience(SUBJECT).getEventCount()).isEqualTo(2);
    }
  }

  @Test
  void shouldCountAnEventOlderThanTheDedupeWindowOnceWhenItIsSentTwice() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a subject seen 30 days after T0
      sendWeb(engine, "evt-now", SUBJECT, day(30), day(30));

      // When an event from 20 years back arrives, and its retry
      Instant ancient = day(30).minus(Duration.ofDays(20 * 365));
      sendWeb(engine, "evt-ancient", SUBJECT, ancient, day(30));
      sendWeb(engine, "evt-ancient", SUBJECT, ancient, day(30).plusSeconds(5));

      // Then it counts once
      assertThat(engine.deadLetters()).isEmpty();
      assertThat(engine.experience(SUBJECT).getEventCount()).isEqualTo(2);
    }
  }

  private static void sendWeb(
      EngineDriver engine, String eventId, String subject, Instant at, Instant written) {
    sendRaw(engine, new WebEvent(envelope(eventId, subject, at), pageViewed("/")), written);
  }

  private static void sendRaw(EngineDriver engine, WebEvent event, Instant written) {
    byte[] value =
        engine
            .topics()
            .web()
            .valueSerde()
            .serializer()
            .serialize(engine.topics().web().name(), event);
    engine.sendRaw(
        engine.topics().web(),
        event.getEnvelope().getSubjectId().getBytes(StandardCharsets.UTF_8),
        value,
        written);
  }
}
