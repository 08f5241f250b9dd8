package dev.touchpoints.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.core.kafka.GroupOffsets;
import dev.touchpoints.core.kafka.TopicRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TopicRange} and {@link GroupOffsets} against a real broker. */
class TopicRangeIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dataDir;

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.builder().dataDir(dataDir).build().start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void anEmptyTopicEndsAtOnceWithNoRecords() throws Exception {
    createTopic("empty", 3, Map.of());
    try (KafkaConsumer<String, String> consumer = consumer(Map.of())) {
      List<TopicPartition> partitions =
          TopicRange.partitionsOf(consumer, List.of("empty"), TIMEOUT);
      TopicRange<String, String> range =
          TopicRange.open(consumer, partitions, TopicRange.Start.beginning());

      assertThat(partitions).hasSize(3);
      assertThat(range.ends())
          .containsOnlyKeys(partitions)
          .allSatisfy((p, end) -> assertThat(end).isZero());
      assertThat(range.reachedEnd()).isTrue();
      assertThat(range.readAll(Duration.ofSeconds(5))).isEmpty();
    }
  }

  @Test
  void aMissingTopicHasNoPartitions() {
    try (KafkaConsumer<String, String> consumer = consumer(Map.of())) {
      assertThat(TopicRange.partitionsOf(consumer, List.of("no-such-topic"), TIMEOUT)).isEmpty();
    }
  }

  @Test
  void readsEveryPartitionToTheEndCapturedAtTheStart() throws Exception {
    createTopic("several", 3, Map.of());
    produce("several", Map.of(0, 4, 1, 0, 2, 7));
    try (KafkaConsumer<String, String> consumer = consumer(Map.of())) {
      List<ConsumerRecord<String, String>> read =
          TopicRange.readAll(consumer, List.of("several"), TIMEOUT);

      assertThat(read).hasSize(11);
      assertThat(values(read, 0)).containsExactly("0-0", "0-1", "0-2", "0-3");
      assertThat(values(read, 1)).isEmpty();
      assertThat(values(read, 2)).containsExactly("2-0", "2-1", "2-2", "2-3", "2-4", "2-5", "2-6");
    }
  }

  @Test
  void aCommittedTransactionEndsWithAMarkerNoRecordCarries() throws Exception {
    createTopic(
        "compacted-tx",
        1,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    long last;
    try (KafkaProducer<String, String> producer = transactional("tx-commit")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("compacted-tx", 0, "a", "1"));
      producer.send(new ProducerRecord<>("compacted-tx", 0, "b", "2"));
      RecordMetadata third = producer.send(new ProducerRecord<>("compacted-tx", 0, "a", "3")).get();
      producer.commitTransaction();
      last = third.offset();
    }
    try (KafkaConsumer<String, String> consumer = consumer(Map.of())) {
      TopicRange<String, String> range =
          TopicRange.open(
              consumer,
              List.of(new TopicPartition("compacted-tx", 0)),
              TopicRange.Start.beginning());

      assertThat(range.ends().values())
          .as("end = last record + commit marker")
          .containsExactly(last + 2);
      assertThat(range.readAll(TIMEOUT))
          .extracting(ConsumerRecord::value)
          .containsExactly("1", "2", "3");
      assertThat(range.reachedEnd()).isTrue();
    }
  }

  @Test
  void readCommittedEndsAtTheLastStableOffsetWhileATransactionIsOpen() throws Exception {
    createTopic("open-tx", 1, Map.of());
    TopicPartition partition = new TopicPartition("open-tx", 0);
    produce("open-tx", Map.of(0, 2));
    try (KafkaProducer<String, String> producer = transactional("tx-open")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("open-tx", 0, "k", "pending")).get();

      assertThat(
              GroupOffsets.endOffsets(
                  admin, List.of("open-tx"), IsolationLevel.READ_COMMITTED, TIMEOUT))
          .containsExactly(Map.entry(partition, 2L));
      assertThat(
              GroupOffsets.endOffsets(
                  admin, List.of("open-tx"), IsolationLevel.READ_UNCOMMITTED, TIMEOUT))
          .containsExactly(Map.entry(partition, 3L));
      try (KafkaConsumer<String, String> consumer = consumer(Map.of())) {
        TopicRange<String, String> range =
            TopicRange.open(consumer, List.of(partition), TopicRange.Start.beginning());

        assertThat(range.ends()).containsExactly(Map.entry(partition, 2L));
        assertThat(range.readAll(TIMEOUT))
            .extracting(ConsumerRecord::value)
            .containsExactly("0-0", "0-1");
      }
      producer.abortTransaction();
    }
  }

  @Test
  void startsAtGivenOffsetsOrTheLastFewPerPartition() throws Exception {
    List<TopicPartition> partitions = topicWith("offsets", 6, 3);
    TopicPartition p0 = partitions.get(0);
    TopicPartition p1 = partitions.get(1);
    try (KafkaConsumer<String, String> consumer = consumer(Map.of())) {
      List<ConsumerRecord<String, String>> given =
          TopicRange.open(
                  consumer, List.of(p0, p1), TopicRange.Start.offsets(Map.of(p0, 4L, p1, 3L)))
              .readAll(TIMEOUT);
      assertThat(given).extracting(ConsumerRecord::value).containsExactly("0-4", "0-5");

      List<ConsumerRecord<String, String>> last =
          TopicRange.open(consumer, List.of(p0, p1), TopicRange.Start.last(4)).readAll(TIMEOUT);
      assertThat(values(last, 0)).containsExactly("0-2", "0-3", "0-4", "0-5");
      assertThat(values(last, 1)).containsExactly("1-0", "1-1", "1-2");
    }
  }

  @Test
  void aReadThatCannotFinishInTimeSaysHowFarItGot() throws Exception {
    createTopic("slow", 1, Map.of());
    produce("slow", Map.of(0, 10));
    try (KafkaConsumer<String, String> consumer =
        consumer(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1))) {
      TopicRange<String, String> range =
          TopicRange.open(
              consumer, List.of(new TopicPartition("slow", 0)), TopicRange.Start.beginning());

      Duration timeout = Duration.ofMillis(250);
      long started = System.nanoTime();
      // A handler slower than the whole read: it returns once the read's time is up.
      Consumer<ConsumerRecord<String, String>> slow =
          r ->
              await("the read's " + timeout.toMillis() + " ms to pass")
                  .atMost(Duration.ofSeconds(10))
                  .pollInterval(Duration.ofMillis(10))
                  .until(() -> System.nanoTime() - started > timeout.toNanos());

      assertThatThrownBy(() -> range.forEach(timeout, slow))
          .isInstanceOf(TimeoutException.class)
          .hasMessageMatching(
              "Did not read slow to the end within 250 ms: 0 of 1 partitions done;"
                  + " slow-0 at offset [0-9] of 10 \\(started at 0\\)");
    }
  }

  @Test
  void aGroupsLagIsEndMinusCommittedOffset() throws Exception {
    List<TopicPartition> partitions = topicWith("lagging", 5, 3);
    TopicPartition p0 = partitions.get(0);
    TopicPartition p1 = partitions.get(1);
    try (KafkaConsumer<String, String> consumer =
        consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "lagging-group"))) {
      consumer.commitSync(Map.of(p0, new OffsetAndMetadata(2, "two")));
    }
    Map<TopicPartition, Long> ends =
        GroupOffsets.endOffsets(
            admin, List.of("lagging"), IsolationLevel.READ_UNCOMMITTED, TIMEOUT);

    assertThat(ends).containsExactlyInAnyOrderEntriesOf(Map.of(p0, 5L, p1, 3L));
    assertThat(GroupOffsets.committed(admin, "lagging-group", TIMEOUT))
        .containsExactly(Map.entry(p0, new OffsetAndMetadata(2, "two")));
    assertThat(GroupOffsets.committed(admin, "lagging-group", ends.keySet(), TIMEOUT))
        .as("a partition without a committed offset is absent")
        .containsExactly(Map.entry(p0, 2L));
    assertThat(GroupOffsets.lag(admin, "lagging-group", ends, TIMEOUT)).isEqualTo(3 + 3);
    assertThat(GroupOffsets.beginningOffsets(admin, List.of("lagging"), TIMEOUT))
        .containsExactlyInAnyOrderEntriesOf(Map.of(p0, 0L, p1, 0L));
  }

  private static List<String> values(List<ConsumerRecord<String, String>> records, int partition) {
    return records.stream()
        .filter(r -> r.partition() == partition)
        .map(ConsumerRecord::value)
        .toList();
  }

  /** A topic with one partition per count, holding that many records. */
  private static List<TopicPartition> topicWith(String name, int... counts) throws Exception {
    createTopic(name, counts.length, Map.of());
    Map<Integer, Integer> perPartition = new HashMap<>();
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < counts.length; p++) {
      perPartition.put(p, counts[p]);
      partitions.add(new TopicPartition(name, p));
    }
    produce(name, perPartition);
    return partitions;
  }

  private static void createTopic(String name, int partitions, Map<String, String> configs)
      throws Exception {
    admin
        .createTopics(Set.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
        .all()
        .get();
  }

  /** Values {@code partition-i} for i below the count given per partition. */
  private static void produce(String topic, Map<Integer, Integer> counts) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (Map.Entry<Integer, Integer> count : counts.entrySet()) {
        for (int i = 0; i < count.getValue(); i++) {
          producer
              .send(new ProducerRecord<>(topic, count.getKey(), "k", count.getKey() + "-" + i))
              .get();
        }
      }
    }
  }

  private static KafkaProducer<String, String> transactional(String id) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            id),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }
}
