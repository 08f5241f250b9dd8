package dev.touchpoints.producers.publisher;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.events.EventFamily;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.core.validation.EventValidator;
import dev.touchpoints.core.validation.InvalidEventException;
import dev.touchpoints.producers.events.BillingEvents;
import dev.touchpoints.producers.events.Events;
import dev.touchpoints.producers.events.IdentityEvents;
import dev.touchpoints.producers.events.MarketingEvents;
import dev.touchpoints.producers.events.SupportEvents;
import dev.touchpoints.producers.events.WebEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes touchpoint events, and identity links ({@link #identity}), to Kafka: validated first,
 * keyed by subject id, Avro in the schema registry's wire format, through an idempotent producer
 * with {@code acks=all}.
 *
 * <pre>{@code
 * try (TouchpointPublisher publisher = TouchpointPublisher.create(config)) {
 *   publisher.support("cust-42").source("helpdesk")
 *       .caseOpened("case-7", CaseKind.COMPLAINT, now.plus(Duration.ofDays(2)));   // blocks
 *   publisher.async().web("cust-42").pageViewed("/pricing")                          // does not
 *       .whenComplete((metadata, error) -> …);
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li><b>Validation first.</b> An invalid event throws {@link InvalidEventException} from the
 *       calling thread, sync or async, and nothing is sent. The rules are {@link EventValidator}'s,
 *       which the gateway and the engine apply as well: what this publisher sends, the engine
 *       accepts.
 *   <li><b>Sync</b> ({@code publish}, the builders of {@link #web} …) returns once Kafka has
 *       acknowledged the event on every in-sync replica; it throws {@link PublishException} when
 *       that did not happen within {@code publisher.delivery.timeout}.
 *   <li><b>Async</b> ({@code publishAsync}, {@link #async()}) returns a future completed with the
 *       same outcome; it may still block up to {@code publisher.max.block} when the send buffer is
 *       full or the topic's metadata is unknown.
 *   <li><b>Order</b>: events of one subject go to one partition in the order they were sent.
 *   <li><b>Retries</b> inside the client never duplicate or reorder (idempotent producer). An event
 *       you send again yourself after a failure is a new record; give events your own ids ({@code
 *       eventId(…)}) so consumers can drop the copy.
 *   <li><b>{@link #flush()}</b> blocks until every event sent so far is acknowledged or failed.
 *   <li><b>{@link #close()}</b> flushes, waiting up to {@code publisher.close.timeout}, then
 *       releases the connection; events still unacknowledged then fail their futures.
 * </ul>
 *
 * <p>Thread-safe; share one instance per process.
 */
public final class TouchpointPublisher implements AutoCloseable {

  private final Topics topics;
  private final Producer<byte[], byte[]> producer;
  private final PublisherSettings settings;
  private final EventValidator validator;
  private final Events events;

  private TouchpointPublisher(
      Topics topics, Producer<byte[], byte[]> producer, PublisherSettings settings, Clock clock) {
    this.topics = Objects.requireNonNull(topics, "topics");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.validator = new EventValidator(clock, settings.maxFutureSkew());
    this.events = Events.withClock(clock);
  }

  /** A publisher for the topics and Kafka cluster of {@code config}. */
  public static TouchpointPublisher create(AppConfig config) {
    return create(config, Topics.fromConfig(config));
  }

  /** A publisher for {@code topics} on the Kafka cluster of {@code config}. */
  public static TouchpointPublisher create(AppConfig config, Topics topics) {
    PublisherSettings settings = PublisherSettings.fromConfig(config);
    return new TouchpointPublisher(
        topics,
        new KafkaProducer<>(settings.producerProperties(config)),
        settings,
        Clock.systemUTC());
  }

  /**
   * A publisher on a producer of your own (for tests: Kafka's {@code MockProducer}). The producer
   * should be idempotent with {@code acks=all}; it is closed with the publisher.
   */
  public static TouchpointPublisher create(
      Topics topics, Producer<byte[], byte[]> producer, PublisherSettings settings, Clock clock) {
    return new TouchpointPublisher(topics, producer, settings, clock);
  }

  /** Publishes a web event and waits for Kafka's acknowledgement. */
  public RecordMetadata publish(WebEvent event) {
    return await(publishAsync(event));
  }

  /** Publishes a billing event and waits for Kafka's acknowledgement. */
  public RecordMetadata publish(BillingEvent event) {
    return await(publishAsync(event));
  }

  /** Publishes a support event and waits for Kafka's acknowledgement. */
  public RecordMetadata publish(SupportEvent event) {
    return await(publishAsync(event));
  }

  /** Publishes a marketing event and waits for Kafka's acknowledgement. */
  public RecordMetadata publish(MarketingEvent event) {
    return await(publishAsync(event));
  }

  /**
   * Publishes an identity link on the identity topic, keyed by the id linked away, and waits for
   * Kafka's acknowledgement.
   */
  public RecordMetadata publish(IdentityEvent event) {
    return await(publishAsync(event));
  }

  /**
   * Publishes any of the four touchpoint records or an identity link and waits for Kafka's
   * acknowledgement.
   */
  public RecordMetadata publishRecord(SpecificRecord event) {
    return await(publishRecordAsync(event));
  }

  /** Publishes a web event; the future completes when Kafka acknowledged it. */
  public CompletableFuture<RecordMetadata> publishAsync(WebEvent event) {
    return publishRecordAsync(event);
  }

  /** Publishes a billing event; the future completes when Kafka acknowledged it. */
  public CompletableFuture<RecordMetadata> publishAsync(BillingEvent event) {
    return publishRecordAsync(event);
  }

  /** Publishes a support event; the future completes when Kafka acknowledged it. */
  public CompletableFuture<RecordMetadata> publishAsync(SupportEvent event) {
    return publishRecordAsync(event);
  }

  /** Publishes a marketing event; the future completes when Kafka acknowledged it. */
  public CompletableFuture<RecordMetadata> publishAsync(MarketingEvent event) {
    return publishRecordAsync(event);
  }

  /**
   * Publishes an identity link on the identity topic, keyed by the id linked away; the future
   * completes when Kafka acknowledged it.
   */
  public CompletableFuture<RecordMetadata> publishAsync(IdentityEvent event) {
    return publishRecordAsync(event);
  }

  /**
   * Publishes any of the four touchpoint records or an identity link; the future completes when
   * Kafka acknowledged it.
   *
   * @throws InvalidEventException when the event is invalid or of another type
   */
  public CompletableFuture<RecordMetadata> publishRecordAsync(SpecificRecord event) {
    Topic<String, SpecificRecord> topic = topics.sourceOf(event).orElse(null);
    if (topic == null) {
      validator.check(event); // not an event at all: says so, naming the field
      throw new IllegalArgumentException(
          "No topic for " + event.getClass().getSimpleName() + " events: not a configured source");
    }
    return send(topic, event, EventFamily.envelopeOf(event));
  }

  /** Builds and synchronously publishes web events of one subject. */
  public WebEvents<RecordMetadata> web(String subjectId) {
    return events.web(subjectId, this::publish);
  }

  /** Builds and synchronously publishes billing events of one subject. */
  public BillingEvents<RecordMetadata> billing(String subjectId) {
    return events.billing(subjectId, this::publish);
  }

  /** Builds and synchronously publishes support events of one subject. */
  public SupportEvents<RecordMetadata> support(String subjectId) {
    return events.support(subjectId, this::publish);
  }

  /** Builds and synchronously publishes marketing events of one subject. */
  public MarketingEvents<RecordMetadata> marketing(String subjectId) {
    return events.marketing(subjectId, this::publish);
  }

  /**
   * Builds and synchronously publishes identity links of one subject, the id linked away: {@code
   * publisher.identity("visitor-123").linkedTo("cust-42")}.
   */
  public IdentityEvents<RecordMetadata> identity(String subjectId) {
    return events.identity(subjectId, this::publish);
  }

  /** The same builders, publishing asynchronously. */
  public Async async() {
    return new Async();
  }

  /** The validator this publisher applies (for callers that want to check ahead). */
  public EventValidator validator() {
    return validator;
  }

  /** The topics this publisher writes to. */
  public Topics topics() {
    return topics;
  }

  /** Blocks until every event sent so far is acknowledged or has failed. */
  public void flush() {
    producer.flush();
  }

  /** Flushes and closes, waiting at most {@code publisher.close.timeout}. */
  @Override
  public void close() {
    close(settings.closeTimeout());
  }

  /** Flushes and closes, waiting at most {@code timeout}. */
  public void close(Duration timeout) {
    producer.close(timeout);
  }

  private <V extends SpecificRecord> CompletableFuture<RecordMetadata> send(
      Topic<String, V> topic, V event, Envelope envelope) {
    if (envelope != null && envelope.getEventId() == null) {
      envelope.setEventId(UUID.randomUUID().toString());
    }
    validator.check(event);
    String subjectId = envelope.getSubjectId();
    CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
    try {
      byte[] key = topic.keySerde().serializer().serialize(topic.name(), subjectId);
      byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event);
      producer.send(
          new ProducerRecord<>(topic.name(), key, value),
          (metadata, error) -> {
            if (error != null) {
              result.completeExceptionally(
                  new PublishException(
                      "Kafka did not store the event on " + topic.name() + ": " + error, error));
            } else {
              result.complete(metadata);
            }
          });
    } catch (RuntimeException e) {
      result.completeExceptionally(
          new PublishException("Could not send the event to " + topic.name() + ": " + e, e));
    }
    return result;
  }

  private RecordMetadata await(CompletableFuture<RecordMetadata> future) {
    long waitMs = settings.deliveryTimeout().plus(settings.maxBlock()).toMillis() + 5_000;
    try {
      return future.get(waitMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PublishException p) {
        throw p;
      }
      throw new PublishException("Could not publish: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new PublishException("No acknowledgement from Kafka after " + waitMs + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("Interrupted while waiting for Kafka", e);
    }
  }

  /** Builders that publish asynchronously; each returns a future of Kafka's acknowledgement. */
  public final class Async {

    private Async() {}

    /** Web events of one subject. */
    public WebEvents<CompletableFuture<RecordMetadata>> web(String subjectId) {
      return events.web(subjectId, TouchpointPublisher.this::publishAsync);
    }

    /** Billing events of one subject. */
    public BillingEvents<CompletableFuture<RecordMetadata>> billing(String subjectId) {
      return events.billing(subjectId, TouchpointPublisher.this::publishAsync);
    }

    /** Support events of one subject. */
    public SupportEvents<CompletableFuture<RecordMetadata>> support(String subjectId) {
      return events.support(subjectId, TouchpointPublisher.this::publishAsync);
    }

    /** Marketing events of one subject. */
    public MarketingEvents<CompletableFuture<RecordMetadata>> marketing(String subjectId) {
      return events.marketing(subjectId, TouchpointPublisher.this::publishAsync);
    }

    /** Identity links of one subject, the id linked away. */
    public IdentityEvents<CompletableFuture<RecordMetadata>> identity(String subjectId) {
      return events.identity(subjectId, TouchpointPublisher.this::publishAsync);
    }
  }
}
