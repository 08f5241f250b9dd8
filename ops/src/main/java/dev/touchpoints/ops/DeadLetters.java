package dev.touchpoints.ops;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
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
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        return letters;
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (!Consumers.reachedEnd(consumer, ends)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() == null) {
            continue;
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
        }
      }
    }
    return letters;
  }
}
