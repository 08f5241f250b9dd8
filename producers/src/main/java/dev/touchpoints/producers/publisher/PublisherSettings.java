package dev.touchpoints.producers.publisher;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.validation.EventValidator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How a {@link TouchpointPublisher} behaves. App settings (keys below) and Kafka properties from
 * {@link AppConfig}; {@code enable.idempotence=true} and {@code acks=all} are always forced.
 *
 * @param deliveryTimeout {@code publisher.delivery.timeout} (default 30s): longest wait for Kafka
 *     to acknowledge one event, retries included ({@code delivery.timeout.ms})
 * @param maxBlock {@code publisher.max.block} (default 10s): longest a send blocks for metadata or
 *     buffer space ({@code max.block.ms})
 * @param maxFutureSkew {@code policy.validation.max-future-skew} (default 1h, at most 1h; its
 *     earlier name {@code publisher.max.future.skew} is still read): how far after it is sent an
 *     event's {@code occurredAt} may be – the engine's setting, read alike on both sides (see
 *     {@link EventValidator#maxFutureSkew(AppConfig)})
 * @param closeTimeout {@code publisher.close.timeout} (default 30s): how long {@code close()} waits
 *     for buffered events
 */
public record PublisherSettings(
    Duration deliveryTimeout, Duration maxBlock, Duration maxFutureSkew, Duration closeTimeout) {

  public static final String DELIVERY_TIMEOUT = "publisher.delivery.timeout";
  public static final String MAX_BLOCK = "publisher.max.block";
  public static final String MAX_FUTURE_SKEW = EventValidator.MAX_FUTURE_SKEW;
  public static final String CLOSE_TIMEOUT = "publisher.close.timeout";

  /** The defaults. */
  public static PublisherSettings defaults() {
    return new PublisherSettings(
        PublisherKeys.DELIVERY_TIMEOUT.defaultValue(),
        PublisherKeys.MAX_BLOCK.defaultValue(),
        EventValidator.DEFAULT_MAX_FUTURE_SKEW,
        PublisherKeys.CLOSE_TIMEOUT.defaultValue());
  }

  /** Reads the {@code publisher.*} settings. */
  public static PublisherSettings fromConfig(AppConfig config) {
    return new PublisherSettings(
        config.get(PublisherKeys.DELIVERY_TIMEOUT),
        config.get(PublisherKeys.MAX_BLOCK),
        EventValidator.maxFutureSkew(config),
        config.get(PublisherKeys.CLOSE_TIMEOUT));
  }

  /**
   * The producer properties: the config's Kafka properties, bounded timeouts where not set, and
   * idempotence with {@code acks=all} always.
   */
  public Map<String, Object> producerProperties(AppConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaMap());
    long delivery = deliveryTimeout.toMillis();
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    long linger = Long.parseLong(props.get(ProducerConfig.LINGER_MS_CONFIG).toString());
    // Kafka insists on delivery.timeout.ms >= linger.ms + request.timeout.ms.
    props.putIfAbsent(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        String.valueOf(Math.max(1, Math.min(30_000, delivery - linger))));
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "touchpoints-publisher");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }
}
