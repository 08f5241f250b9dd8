package dev.touchpoints.producers.publisher;

import static dev.touchpoints.producers.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.core.validation.InvalidEventException;
import dev.touchpoints.producers.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TouchpointPublisherTest {

  private final AppConfig config = TestData.mockConfig();
  private final Topics topics = TestData.topics(config);
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final TouchpointPublisher publisher =
      TouchpointPublisher.create(topics, producer, PublisherSettings.defaults(), TestData.CLOCK);

  @AfterEach
  void close() {
    publisher.close();
  }

  @Test
  void shouldSendToSupportTopicKeyedBySubjectWhenCaseIsOpened() {
    // When
    RecordMetadata metadata =
        publisher
            .support("cust-42")
            .source("helpdesk")
            .caseOpened("case-7", CaseKind.COMPLAINT, NOW.plus(Duration.ofDays(2)));

    // Then
    assertThat(metadata.topic()).isEqualTo(topics.support().name());
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(topics.support().keySerde().deserializer().deserialize(sent.topic(), sent.key()))
        .isEqualTo("cust-42");
    SupportEvent decoded =
        topics.support().valueSerde().deserializer().deserialize(sent.topic(), sent.value());
    assertThat(decoded.getEnvelope().getSource()).isEqualTo("helpdesk");
    assertThat(decoded.getEnvelope().getEventId()).isNotBlank();
    assertThat(decoded.getEnvelope().getOccurredAt()).isEqualTo(NOW);
  }

  @Test
  void shouldRouteEveryFamilyToItsTopicWhenPublished() {
    // When
    TestData.oneOfEach("cust-1").forEach(publisher::publishRecord);

    // Then
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsOnly(
            topics.web().name(),
            topics.billing().name(),
            topics.support().name(),
            topics.marketing().name(),
            topics.identity().name())
        .filteredOn(t -> t.equals(topics.billing().name()))
        .hasSize(8);
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .filteredOn(t -> t.equals(topics.identity().name()))
        .hasSize(1);
  }

  @Test
  void shouldSendLinkToIdentityTopicKeyedByTheIdLinkedAwayWhenIdentityIsLinked() {
    // When
    RecordMetadata metadata =
        publisher.identity("visitor-123").source("webshop").linkedTo("cust-42");

    // Then
    assertThat(metadata.topic()).isEqualTo(topics.identity().name());
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo(topics.identity().name());
    assertThat(topics.identity().keySerde().deserializer().deserialize(sent.topic(), sent.key()))
        .isEqualTo("visitor-123");
    IdentityEvent decoded =
        topics.identity().valueSerde().deserializer().deserialize(sent.topic(), sent.value());
    assertThat(decoded.getEnvelope().getSubjectId()).isEqualTo("visitor-123");
    assertThat(decoded.getEnvelope().getSource()).isEqualTo("webshop");
    assertThat(decoded.getEnvelope().getOccurredAt()).isEqualTo(NOW);
    assertThat(decoded.getEnvelope().getEventId()).isNotBlank();
    assertThat(decoded.getPayload()).isEqualTo(new IdentityLinked("cust-42", false));
  }

  @Test
  void shouldMarkLinkDeliberateWhenAsyncBuilderSaysSo() {
    // When
    CompletableFuture<RecordMetadata> future =
        publisher.async().identity("cust-7").source("crm").deliberatelyLinkedTo("cust-42");

    // Then
    assertThat(future).succeedsWithin(Duration.ofSeconds(1));
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    IdentityEvent decoded =
        topics.identity().valueSerde().deserializer().deserialize(sent.topic(), sent.value());
    assertThat(decoded.getPayload()).isEqualTo(new IdentityLinked("cust-42", true));
  }

  @Test
  void shouldRouteIdentityRecordToIdentityTopicWhenTypeIsKnownOnlyAtRunTime() {
    // Given
    IdentityEvent link = TestData.EVENTS.identity("visitor-9").linkedTo("cust-9", false);

    // When
    RecordMetadata metadata = publisher.publishRecord(link);

    // Then
    assertThat(metadata.topic()).isEqualTo(topics.identity().name());
  }

  @Test
  void shouldSendNothingWhenLinkPointsAtTheSubjectItself() {
    assertThatThrownBy(() -> publisher.identity("cust-42").linkedTo("cust-42"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("payload.linkedTo");
    assertThatThrownBy(() -> publisher.async().identity("cust-42").linkedTo(null))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("payload.linkedTo");

    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldSendNothingWhenEventIsInvalid() {
    assertThatThrownBy(() -> publisher.billing("cust-1").paymentReceived(null, -100, "EUR"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("payload.amountCents");
    assertThatThrownBy(() -> publisher.async().web("").pageViewed("/"))
        .isInstanceOf(InvalidEventException.class);

    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldGenerateEventIdWhenCallerGaveNone() {
    // Given an event built without the Avro builder's checks
    WebEvent event =
        new WebEvent(new Envelope(null, "cust-1", NOW, "web", null), new PageViewed("/"));

    // When
    publisher.publish(event);

    // Then
    assertThat(event.getEnvelope().getEventId()).hasSize(36);
  }

  @Test
  void shouldCompleteFutureWhenAsyncSendIsAcknowledged() {
    CompletableFuture<RecordMetadata> future = publisher.async().web("cust-1").pageViewed("/");

    assertThat(future).succeedsWithin(Duration.ofSeconds(1));
  }

  @Test
  void shouldFailWithPublishExceptionWhenKafkaTimesOut() {
    // Given
    producer.sendException = new TimeoutException("no metadata");

    // When / Then
    assertThatThrownBy(() -> publisher.web("cust-1").pageViewed("/"))
        .isInstanceOf(PublishException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(publisher.async().web("cust-1").pageViewed("/")).isCompletedExceptionally();
  }

  @Test
  void shouldForceIdempotenceAndAcksAllWhenConfigSaysOtherwise() {
    AppConfig weak = config.withKafka("acks", "1").withKafka("enable.idempotence", "false");

    Map<String, Object> props = PublisherSettings.defaults().producerProperties(weak);

    assertThat(props)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000")
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
  }

  @Test
  void shouldBoundTimeoutsWhenSettingsAreShort() {
    AppConfig gateway =
        config
            .with(PublisherSettings.DELIVERY_TIMEOUT, "2s")
            .with(PublisherSettings.MAX_BLOCK, "500ms");

    Map<String, Object> props = PublisherSettings.fromConfig(gateway).producerProperties(gateway);

    assertThat(props)
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "2000")
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1995")
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
  }

  @Test
  void shouldFlushAndCloseProducerWhenClosed() {
    publisher.async().web("cust-1").pageViewed("/");

    publisher.close();

    assertThat(producer.closed()).isTrue();
    assertThat(List.copyOf(producer.history())).hasSize(1);
  }
}
