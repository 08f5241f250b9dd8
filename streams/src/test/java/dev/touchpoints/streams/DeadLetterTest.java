package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.T0;
import static dev.touchpoints.streams.TestData.billing;
import static dev.touchpoints.streams.TestData.csat;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.paymentReceived;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.WebEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** What cannot be used lands in the dead letters, whole, and processing goes on. */
class DeadLetterTest {

  private static final byte[] KEY = "dl-1".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldDeadLetterBytesWithAnUnknownMagicByteAndKeepGoing() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a poison pill that is not the wire format at all
      byte[] pill = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);

      // When it arrives, followed by a good event
      engine.sendRaw(engine.topics().web(), KEY, pill, T0);
      engine.send(web("dl-1", T0.plusSeconds(1), pageViewed("/")));

      // Then the pill is a dead letter with its bytes, origin and reason, and the event counts
      DeadLetter letter = single(engine);
      assertThat(letter.getSourceTopic()).isEqualTo(engine.topics().web().name());
      assertThat(letter.getPartition()).isZero();
      assertThat(letter.getOffset()).isZero();
      assertThat(bytes(letter.getValue())).isEqualTo(pill);
      assertThat(bytes(letter.getKey())).isEqualTo(KEY);
      assertThat(letter.getReason()).contains("magic byte");
      assertThat(letter.getProcessor()).isEqualTo("web-decode");
      assertThat(letter.getErrorClass()).endsWith("SerializationException");
      assertThat(letter.getRecordTimestamp()).isEqualTo(T0);
      assertThat(engine.experience("dl-1").getEventCount()).isEqualTo(1);
    }
  }

  @Test
  void shouldDeadLetterARecordThatNamesAnUnknownSchemaId() {
    try (EngineDriver engine = new EngineDriver()) {
      byte[] unknown = {0, 0, 0, 0x7f, 0x7f, 2, 4, 6};
      engine.sendRaw(engine.topics().web(), KEY, unknown, T0);
      assertThat(single(engine).getReason())
          .contains("Schema id")
          .contains("could not be resolved");
    }
  }

  @Test
  void shouldDeadLetterATruncatedRecord() {
    try (EngineDriver engine = new EngineDriver()) {
      byte[] good = serialize(engine, web("dl-1", T0, pageViewed("/a-long-page-path")));
      byte[] truncated = Arrays.copyOf(good, good.length - 8);
      engine.sendRaw(engine.topics().web(), KEY, truncated, T0);
      DeadLetter letter = single(engine);
      assertThat(letter.getReason()).startsWith("cannot deserialize");
      assertThat(bytes(letter.getValue())).isEqualTo(truncated);
    }
  }

  @Test
  void shouldDeadLetterARecordOfTheWrongTypeForItsTopic() {
    try (EngineDriver engine = new EngineDriver()) {
      byte[] billingBytes =
          engine
              .topics()
              .billing()
              .valueSerde()
              .serializer()
              .serialize(
                  engine.topics().billing().name(), billing("dl-1", T0, paymentReceived("i", 100)));
      engine.sendRaw(engine.topics().web(), KEY, billingBytes, T0);
      assertThat(single(engine).getReason()).startsWith("cannot deserialize");
    }
  }

  @Test
  void shouldDeadLetterATombstone() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.sendRaw(engine.topics().support(), KEY, null, T0);
      DeadLetter letter = single(engine);
      assertThat(letter.getReason()).contains("null value");
      assertThat(letter.getProcessor()).isEqualTo("support-decode");
      assertThat(letter.getValue()).isNull();
    }
  }

  @Test
  void shouldDeadLetterARecordWithoutASubjectKey() {
    try (EngineDriver engine = new EngineDriver()) {
      byte[] good = serialize(engine, web("dl-1", T0, pageViewed("/")));
      engine.sendRaw(engine.topics().web(), null, good, T0);
      engine.sendRaw(engine.topics().web(), " ".getBytes(StandardCharsets.UTF_8), good, T0);
      assertThat(engine.deadLetters())
          .hasSize(2)
          .allSatisfy(l -> assertThat(l.getReason()).isEqualTo("missing subject key"));
      assertThat(engine.experience("dl-1")).isNull();
    }
  }

  @Test
  void shouldDeadLetterAnEventWhoseKeyIsNotItsSubject() {
    try (EngineDriver engine = new EngineDriver()) {
      byte[] good = serialize(engine, web("dl-1", T0, pageViewed("/")));
      engine.sendRaw(
          engine.topics().web(), "someone-else".getBytes(StandardCharsets.UTF_8), good, T0);
      assertThat(single(engine).getReason()).contains("does not match envelope.subjectId");
    }
  }

  @Test
  void shouldDeadLetterAnEventThatFailsValidation() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a survey answer outside the scale and an event from the future
      engine.send(support("dl-1", T0, csat(9, null)));
      byte[] future = serialize(engine, web("dl-1", day(30), pageViewed("/")));
      engine.sendRaw(engine.topics().web(), KEY, future, T0);

      // Then both are dead letters naming the problem
      assertThat(engine.deadLetters())
          .extracting(DeadLetter::getReason)
          .containsExactly(
              "invalid event: payload.score must be 1 to 5 for a CSAT survey",
              "invalid event: envelope.occurredAt is 30d later than the event was sent, more than"
                  + " the 1h allowed");
      assertThat(engine.experience("dl-1")).isNull();
    }
  }

  private static DeadLetter single(EngineDriver engine) {
    assertThat(engine.deadLetters()).hasSize(1);
    return engine.deadLetters().get(0);
  }

  private static byte[] serialize(EngineDriver engine, SpecificRecord event) {
    return engine
        .topics()
        .web()
        .valueSerde()
        .serializer()
        .serialize(engine.topics().web().name(), (WebEvent) event);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
