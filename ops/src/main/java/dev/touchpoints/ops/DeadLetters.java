package dev.touchpoints.ops;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads the dead-letter topic as it is now, from its oldest record to its end. */
final class DeadLetters {

  /** One dead letter and where it sits in the dead-letter topic. */
  record Letter(TopicPartition partition, long offset, DeadLetter value) {

    String coordinates() {
      return partition.topic() + "-" + partition.partition() + "@" + offset;
    }
  }

  /** How long reading the dead-letter topic to its end may take before it fails. */
  static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

  private DeadLetters() {}

  /** Every dead letter; records that cannot be read are reported to {@code unreadable}. */
  static List<Letter> readAll(
      AppConfig settings,
      Topic<String, DeadLetter> topic,
      java.util.function.Consumer<String> unreadable) {
    Properties props = settings.kafkaProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "touchpoints-ops-dlq");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Deserializer<DeadLetter> values = topic.valueSerde().deserializer();
    List<Letter> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          TopicRange.partitionsOf(consumer, List.of(topic.name()), Duration.ofSeconds(30));
      TopicRange.open(consumer, partitions, TopicRange.Start.beginning())
          .forEach(
              READ_TIMEOUT,
              record -> {
                if (record.value() == null) {
                  return;
                }
                try {
                  letters.add(
                      new Letter(
                          new TopicPartition(record.topic(), record.partition()),
                          record.offset(),
                          values.deserialize(record.topic(), record.value())));
                } catch (RuntimeException e) {
                  unreadable.accept(
                      record.topic()
                          + "-"
                          + record.partition()
                          + "@"
                          + record.offset()
                          + ": "
                          + e.getMessage());
                }
              });
    }
    return letters;
  }
}
