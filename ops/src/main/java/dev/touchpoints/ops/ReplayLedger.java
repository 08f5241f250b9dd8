package dev.touchpoints.ops;

import dev.touchpoints.core.kafka.GroupOffsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Remembers which dead letters were replayed, in the committed offsets of a consumer group that no
 * consumer ever joins: per dead-letter partition, the offset is one past the highest replayed one
 * and the metadata lists every replayed offset ({@link OffsetSet}). The replay commits it in the
 * same transaction as the re-published records, so both happen or neither does.
 */
final class ReplayLedger {

  /** Setting: the group whose committed offsets hold the ledger. */
  static final String GROUP_SETTING = "dlq.replay.group";

  /** Default ledger group. */
  static final String DEFAULT_GROUP = "touchpoints-dlq-replay";

  private static final String PREFIX = "replayed:";

  /** Kafka's default {@code offset.metadata.max.bytes}. */
  private static final int MAX_METADATA = 4096;

  private final Map<TopicPartition, OffsetSet> replayed;

  private ReplayLedger(Map<TopicPartition, OffsetSet> replayed) {
    this.replayed = replayed;
  }

  /** Reads the ledger of {@code group}. */
  static ReplayLedger read(Admin admin, String group) {
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed = GroupOffsets.committed(admin, group, Duration.ofSeconds(30));
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not answer within 30 s reading the replay ledger", e);
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "Cannot read the replay ledger of group " + group + ": " + e.getMessage(), e);
    }
    Map<TopicPartition, OffsetSet> replayed = new HashMap<>();
    committed.forEach(
        (partition, offset) -> {
          if (offset.metadata() != null && offset.metadata().startsWith(PREFIX)) {
            replayed.put(partition, OffsetSet.parse(offset.metadata().substring(PREFIX.length())));
          }
        });
    return new ReplayLedger(replayed);
  }

  boolean wasReplayed(TopicPartition partition, long offset) {
    OffsetSet set = replayed.get(partition);
    return set != null && set.contains(offset);
  }

  void markReplayed(TopicPartition partition, long offset) {
    replayed.computeIfAbsent(partition, p -> new OffsetSet()).add(offset);
  }

  /** The ledger as offsets to commit. */
  Map<TopicPartition, OffsetAndMetadata> toOffsets() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    replayed.forEach(
        (partition, set) -> {
          if (set.isEmpty()) {
            return;
          }
          String metadata = PREFIX + set;
          if (metadata.length() > MAX_METADATA) {
            throw new IllegalStateException(
                "The replay ledger of "
                    + partition
                    + " outgrew "
                    + MAX_METADATA
                    + " characters; replay contiguous runs (--all) or raise offset.metadata.max.bytes");
          }
          offsets.put(partition, new OffsetAndMetadata(set.max() + 1, metadata));
        });
    return offsets;
  }
}
