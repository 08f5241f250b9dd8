package dev.touchpoints.streams.query;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Puts requests the query API takes – erasures, actions on alerts – on their topic, keyed by
 * subject id: the engine takes each in order with the subject's events, and a request that Kafka
 * acknowledged survives any crash.
 *
 * @param <V> the request's Avro type
 */
public final class RequestTopic<V> implements AutoCloseable {

  /** How long a request waits for Kafka's acknowledgement before the caller is told to retry. */
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

  private final Producer<String, V> producer;
  private final String topic;
  private final Clock clock;
  private final String what;

  /**
   * @param what what a request is, for the error ("erasure request")
   */
  RequestTopic(Producer<String, V> producer, String topic, Clock clock, String what) {
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
    this.what = what;
  }

  /** An idempotent producer on {@code topic}, with the Kafka settings of {@code config}. */
  public static <V> RequestTopic<V> start(
      AppConfig config, Topic<String, V> topic, String clientId, String what) {
    Properties props = config.kafkaProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT.toMillis());
    return new RequestTopic<>(
        new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer()),
        topic.name(),
        Clock.systemUTC(),
        what);
  }

  /** The time a request made now carries. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Records {@code request} for {@code subjectId}, stamped {@code at}; returns once Kafka has it.
   *
   * @throws NotRecorded when Kafka did not acknowledge it in time (nothing recorded, or recorded
   *     once – a retry is safe: the engine applies a request twice as once)
   */
  public V submit(String subjectId, V request, Instant at) {
    try {
      producer
          .send(new ProducerRecord<>(topic, null, at.toEpochMilli(), subjectId, request))
          .get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return request;
    } catch (ExecutionException | TimeoutException e) {
      throw new NotRecorded("Kafka did not take the " + what + "; retry shortly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotRecorded("interrupted while recording the " + what, e);
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
