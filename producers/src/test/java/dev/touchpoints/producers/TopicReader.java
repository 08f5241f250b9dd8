package dev.touchpoints.producers;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the four input topics and the identity topic from the beginning to their current end,
 * decoding every record.
 */
public final class TopicReader {

  /** One decoded record. */
  public record Read(String topic, int partition, String key, SpecificRecord value) {
    public String eventId() {
      return ((dev.touchpoints.avro.Envelope) value.get(0)).getEventId();
    }

    public String subjectId() {
      return ((dev.touchpoints.avro.Envelope) value.get(0)).getSubjectId();
    }
  }

  private TopicReader() {}

  /** Every record now on the input topics and the identity topic. */
  public static List<Read> readInputs(AppConfig config, Topics topics) {
    Map<String, Object> props = new HashMap<>(config.kafkaMap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Topic<String, ? extends SpecificRecord>> read = new ArrayList<>(topics.inputs());
    read.add(topics.identity());
    Map<String, Topic<String, ? extends SpecificRecord>> byName = new HashMap<>();
    read.forEach(t -> byName.put(t.name(), t));
    List<Read> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          TopicRange.partitionsOf(
              consumer, read.stream().map(Topic::name).toList(), Duration.ofSeconds(10));
      TopicRange.open(consumer, partitions, TopicRange.Start.beginning())
          .forEach(
              Duration.ofSeconds(30),
              r -> {
                Topic<String, ? extends SpecificRecord> t = byName.get(r.topic());
                out.add(
                    new Read(
                        r.topic(),
                        r.partition(),
                        t.keySerde().deserializer().deserialize(r.topic(), r.key()),
                        t.valueSerde().deserializer().deserialize(r.topic(), r.value())));
              });
    }
    return out;
  }
}
