package dev.touchpoints.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.ReminderSent;
import dev.touchpoints.avro.WebEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

  private static final String TOPIC = "web";
  private final String scope = "serde-test-" + UUID.randomUUID();
  private final Map<String, Object> config =
      Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void shouldRoundTripASpecificRecordInTheConfluentWireFormat() {
    SpecificAvroSerde<WebEvent> serde = SpecificAvroSerde.of(WebEvent.class, config, false);

    byte[] bytes = serde.serializer().serialize(TOPIC, pageView("e-1"));
    WebEvent back = serde.deserializer().deserialize(TOPIC, bytes);

    assertThat(bytes[0]).isEqualTo((byte) 0);
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(MockSchemaRegistry.forScope(scope).getLatest("web-value").id()).isEqualTo(id);
    assertThat(back).isEqualTo(pageView("e-1"));
  }

  @Test
  void shouldPassNullThroughAsTombstone() {
    SpecificAvroSerde<WebEvent> serde = SpecificAvroSerde.of(WebEvent.class, config, false);

    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void shouldDecodeToGenericRecordsWithoutSpecificReader() {
    byte[] bytes =
        SpecificAvroSerde.of(WebEvent.class, config, false)
            .serializer()
            .serialize(TOPIC, pageView("e-2"));
    AvroDeserializer generic = new AvroDeserializer();
    generic.configure(config, false);

    Object value = generic.deserialize(TOPIC, bytes);

    assertThat(value).isInstanceOf(GenericRecord.class);
    assertThat(((GenericRecord) ((GenericRecord) value).get("envelope")).get("eventId").toString())
        .isEqualTo("e-2");
  }

  @Test
  void shouldRejectBytesWithAWrongMagicByte() {
    SpecificAvroSerde<WebEvent> serde = SpecificAvroSerde.of(WebEvent.class, config, false);

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {1, 0, 0, 0, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown magic byte 0x01");
  }

  @Test
  void shouldRejectAnUnknownSchemaId() {
    SpecificAvroSerde<WebEvent> serde = SpecificAvroSerde.of(WebEvent.class, config, false);

    assertThatThrownBy(
            () -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 0x7f, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Schema id 32513 could not be resolved");
  }

  @Test
  void shouldRejectTruncatedAvro() {
    SpecificAvroSerde<WebEvent> serde = SpecificAvroSerde.of(WebEvent.class, config, false);
    byte[] bytes = serde.serializer().serialize(TOPIC, pageView("e-3"));

    assertThatThrownBy(
            () -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 4)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Invalid Avro payload");
  }

  @Test
  void shouldRejectValidAvroOfAnotherType() {
    SpecificAvroSerde<BillingEvent> billing =
        SpecificAvroSerde.of(BillingEvent.class, config, false);
    byte[] bytes =
        billing
            .serializer()
            .serialize("billing", new BillingEvent(envelope("b-1"), new ReminderSent("inv-1")));
    SpecificAvroSerde<WebEvent> web = SpecificAvroSerde.of(WebEvent.class, config, false);

    assertThatThrownBy(() -> web.deserializer().deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void shouldUseRecordNameStrategyWhenConfigured() {
    Map<String, Object> byRecord =
        Map.of(
            SerdeConfig.SCHEMA_REGISTRY_URL,
            "mock://" + scope,
            SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
            "io.confluent.kafka.serializers.subject.RecordNameStrategy");

    SpecificAvroSerde.of(WebEvent.class, byRecord, false)
        .serializer()
        .serialize(TOPIC, pageView("e-4"));

    assertThat(MockSchemaRegistry.forScope(scope).subjects())
        .containsExactly("dev.touchpoints.avro.WebEvent");
  }

  @Test
  void shouldNotRegisterWhenAutoRegisterIsOff() {
    Map<String, Object> noRegister =
        Map.of(
            SerdeConfig.SCHEMA_REGISTRY_URL,
            "mock://" + scope,
            SerdeConfig.AUTO_REGISTER_SCHEMAS,
            "false");
    SpecificAvroSerde<WebEvent> serde = SpecificAvroSerde.of(WebEvent.class, noRegister, false);

    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, pageView("e-5")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("web-value");
    assertThat(MockSchemaRegistry.forScope(scope).subjects()).isEmpty();
  }

  @Test
  void shouldWriteWithTheLatestVersionWhenConfigured() {
    SpecificAvroSerde.of(WebEvent.class, config, false)
        .serializer()
        .serialize(TOPIC, pageView("e-6"));
    int latest = MockSchemaRegistry.forScope(scope).getLatest("web-value").id();
    Map<String, Object> useLatest =
        Map.of(
            SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
            SerdeConfig.AUTO_REGISTER_SCHEMAS, false,
            SerdeConfig.USE_LATEST_VERSION, true);

    byte[] bytes =
        SpecificAvroSerde.of(WebEvent.class, useLatest, false)
            .serializer()
            .serialize(TOPIC, pageView("e-7"));

    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latest);
  }

  static WebEvent pageView(String eventId) {
    return new WebEvent(envelope(eventId), new PageViewed("/pricing"));
  }

  static Envelope envelope(String eventId) {
    return Envelope.newBuilder()
        .setEventId(eventId)
        .setSubjectId("c-1")
        .setOccurredAt(Instant.parse("2026-01-01T10:00:00Z"))
        .setSource("webshop")
        .build();
  }
}
