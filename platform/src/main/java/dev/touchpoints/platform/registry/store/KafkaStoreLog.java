package dev.touchpoints.platform.registry.store;

import dev.touchpoints.core.kafka.TopicRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable state: a compacted, single-partition Kafka topic of {@link StoreRecord}s
 * in Confluent's JSON layout. Writes are synchronous ({@code acks=all}); there is one writer, the
 * registry process that owns the topic – records written by others after start-up are not read.
 */
public final class KafkaStoreLog implements StoreWriter, AutoCloseable {

  /** The topic name Confluent's registry uses. */
  public static final String DEFAULT_TOPIC = "_schemas";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaStoreLog.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final TopicPartition partition;
  private final KafkaProducer<String, String> producer;
  private final String bootstrapServers;

  private KafkaStoreLog(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                ProducerConfig.CLIENT_ID_CONFIG,
                "touchpoints-registry-store"),
            new StringSerializer(),
            new StringSerializer());
  }

  /** Opens the store on {@value #DEFAULT_TOPIC}, creating the compacted topic if missing. */
  public static KafkaStoreLog open(String bootstrapServers) {
    return open(bootstrapServers, DEFAULT_TOPIC);
  }

  /** Opens the store on a topic, creating it (compacted, one partition) if missing. */
  public static KafkaStoreLog open(String bootstrapServers, String topic) {
    ensureTopic(bootstrapServers, topic);
    return new KafkaStoreLog(bootstrapServers, topic);
  }

  /**
   * Reads the topic from the beginning to its current end.
   *
   * @return how many records were read
   */
  public int replay(Consumer<StoreRecord> sink) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.CLIENT_ID_CONFIG,
            "touchpoints-registry-replay");
    int[] count = {0};
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicRange.open(consumer, List.of(partition), TopicRange.Start.beginning())
          .forEach(TIMEOUT, record -> count[0] += apply(record, sink) ? 1 : 0);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new StoreException("cannot read " + topic + ": " + e.getMessage(), e);
    }
    return count[0];
  }

  /** Hands a keyed, readable record to {@code sink}; false for those skipped. */
  private boolean apply(ConsumerRecord<String, String> record, Consumer<StoreRecord> sink) {
    if (record.key() == null) {
      return false;
    }
    try {
      StoreRecordCodec.decode(record.key(), record.value()).ifPresent(sink);
      return true;
    } catch (IllegalArgumentException e) {
      LOG.warn("Skipping unreadable record at {}@{}", topic, record.offset(), e);
      return false;
    }
  }

  @Override
  public void write(StoreRecord record) {
    ProducerRecord<String, String> message =
        new ProducerRecord<>(
            topic,
            partition.partition(),
            StoreRecordCodec.encodeKey(record.key()),
            StoreRecordCodec.encodeValue(record.value()));
    try {
      producer.send(message).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while writing to " + topic, e);
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new StoreException("cannot write to " + topic + ": " + cause.getMessage(), cause);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private static void ensureTopic(String bootstrapServers, String topic) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      if (admin.listTopics().names().get().contains(topic)) {
        return;
      }
      int brokers = admin.describeCluster().nodes().get().size();
      NewTopic newTopic =
          new NewTopic(topic, 1, (short) Math.max(1, Math.min(3, brokers)))
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(Set.of(newTopic)).all().get();
      LOG.info("Created compacted topic {}", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new StoreException("cannot create " + topic + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while creating " + topic, e);
    }
  }
}
