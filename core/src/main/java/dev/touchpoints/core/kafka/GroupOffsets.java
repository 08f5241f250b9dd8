package dev.touchpoints.core.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A consumer group's committed offsets and how far it is behind, read with the {@link Admin}
 * client, so nothing joins the group. One place for what the ops ledger and the benchmark's
 * verified end both ask of Kafka.
 *
 * <p>Failures surface like the consumer's own: the {@link KafkaException} Kafka answered, a {@link
 * TimeoutException} when it did not answer in time, an {@link InterruptException} when interrupted.
 */
public final class GroupOffsets {

  private GroupOffsets() {}

  /** Every offset {@code group} has committed (partitions it never committed are absent). */
  public static Map<TopicPartition, OffsetAndMetadata> committed(
      Admin admin, String group, Duration timeout) {
    return withoutNulls(
        await(
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
            timeout,
            "the committed offsets of group " + group));
  }

  /** The offsets {@code group} committed on {@code partitions}; those without one are absent. */
  public static Map<TopicPartition, Long> committed(
      Admin admin, String group, Collection<TopicPartition> partitions, Duration timeout) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    ListConsumerGroupOffsetsSpec spec =
        new ListConsumerGroupOffsetsSpec().topicPartitions(List.copyOf(partitions));
    Map<TopicPartition, OffsetAndMetadata> committed =
        await(
            admin
                .listConsumerGroupOffsets(Map.of(group, spec))
                .partitionsToOffsetAndMetadata(group),
            timeout,
            "the committed offsets of group " + group);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    withoutNulls(committed).forEach((partition, offset) -> offsets.put(partition, offset.offset()));
    return offsets;
  }

  /**
   * The end offset of every partition of {@code topics}: the high watermark ({@link
   * IsolationLevel#READ_UNCOMMITTED}) or the last stable offset ({@link
   * IsolationLevel#READ_COMMITTED}).
   */
  public static Map<TopicPartition, Long> endOffsets(
      Admin admin, Collection<String> topics, IsolationLevel isolation, Duration timeout) {
    return offsets(
        admin, partitionsOf(admin, topics, timeout), OffsetSpec.latest(), isolation, timeout);
  }

  /** The oldest offset kept of every partition of {@code topics}. */
  public static Map<TopicPartition, Long> beginningOffsets(
      Admin admin, Collection<String> topics, Duration timeout) {
    return offsets(
        admin,
        partitionsOf(admin, topics, timeout),
        OffsetSpec.earliest(),
        IsolationLevel.READ_UNCOMMITTED,
        timeout);
  }

  /**
   * Records {@code group} still has to consume up to {@code ends}: per partition end minus
   * committed offset (the whole partition when nothing is committed), never negative.
   */
  public static long lag(
      Admin admin, String group, Map<TopicPartition, Long> ends, Duration timeout) {
    return lag(ends, committed(admin, group, ends.keySet(), timeout));
  }

  /** End minus committed offset summed over the partitions of {@code ends}. */
  public static long lag(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
    }
    return lag;
  }

  private static List<TopicPartition> partitionsOf(
      Admin admin, Collection<String> topics, Duration timeout) {
    if (topics.isEmpty()) {
      return List.of();
    }
    return await(admin.describeTopics(topics).allTopicNames(), timeout, "the topics " + topics)
        .values()
        .stream()
        .flatMap(
            d ->
                d.partitions().stream()
                    .map(TopicPartitionInfo::partition)
                    .map(p -> new TopicPartition(d.name(), p)))
        .toList();
  }

  private static Map<TopicPartition, Long> offsets(
      Admin admin,
      List<TopicPartition> partitions,
      OffsetSpec spec,
      IsolationLevel isolation,
      Duration timeout) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    await(
            admin.listOffsets(request, new ListOffsetsOptions(isolation)).all(),
            timeout,
            "the offsets of " + partitions)
        .forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private static <T> Map<TopicPartition, T> withoutNulls(Map<TopicPartition, T> map) {
    Map<TopicPartition, T> present = new HashMap<>();
    map.forEach(
        (partition, value) -> {
          if (value != null) {
            present.put(partition, value);
          }
        });
    return present;
  }

  private static <T> T await(KafkaFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KafkaException kafka) {
        throw kafka;
      }
      throw new KafkaException("Cannot read " + what + ": " + e.getCause(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException(
          "Kafka did not answer within " + timeout.toSeconds() + " s reading " + what, e);
    } catch (InterruptedException e) {
      throw new InterruptException(e);
    }
  }
}
