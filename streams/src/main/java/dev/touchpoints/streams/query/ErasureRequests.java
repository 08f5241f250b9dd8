package dev.touchpoints.streams.query;

import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Puts erasure requests on the request topic, keyed by subject id: the engine takes each in order
 * with the subject's events, and a request that Kafka acknowledged survives any crash.
 */
public final class ErasureRequests implements AutoCloseable {

  /** How long a request waits for Kafka's acknowledgement before the caller is told to retry. */
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

  private final Producer<String, ErasureRequest> producer;
  private final String topic;
  private final Clock clock;

  ErasureRequests(Producer<String, ErasureRequest> producer, String topic, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
  }

  /** An idempotent producer on {@code topic}, with the Kafka settings of {@code config}. */
  public static ErasureRequests start(AppConfig config, Topic<String, ErasureRequest> topic) {
    Properties props = config.kafkaProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "touchpoints-erasure-requests");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT.toMillis());
    return new ErasureRequests(
        new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer()),
        topic.name(),
        Clock.systemUTC());
  }

  /**
   * Records a request to forget {@code subjectId}; returns once Kafka has it.
   *
   * @throws NotRecorded when Kafka did not acknowledge it in time (nothing recorded, or recorded
   *     once – a retry is safe: erasing twice erases once)
   */
  public ErasureRequest submit(String subjectId, String requestedBy) {
    ErasureRequest request =
        ErasureRequest.newBuilder()
            .setRequestId(UUID.randomUUID().toString())
            .setSubjectId(subjectId)
            .setRequestedBy(requestedBy)
            .setRequestedAt(clock.instant())
            .build();
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topic, null, request.getRequestedAt().toEpochMilli(), subjectId, request))
          .get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return request;
    } catch (ExecutionException | TimeoutException e) {
      throw new NotRecorded("Kafka did not take the erasure request; retry shortly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotRecorded("interrupted while recording the erasure request", e);
    }
  }

  /** Kafka did not take a request. */
  public static final class NotRecorded extends RuntimeException {
    NotRecorded(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
