package dev.touchpoints.bench;

import dev.touchpoints.core.kafka.GroupOffsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a Kafka Streams application) is behind: the verified end of a run is
 * the moment its committed offsets reach the end of every input partition. Under exactly-once a
 * committed offset means the outputs of everything before it are committed too.
 */
final class GroupLag implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;

  GroupLag(String bootstrapServers) {
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
  }

  /** End offsets (high watermarks) of every partition of {@code topics}. */
  Map<TopicPartition, Long> endOffsets(Set<String> topics) {
    return GroupOffsets.endOffsets(admin, topics, IsolationLevel.READ_UNCOMMITTED, TIMEOUT);
  }

  /** Records the group still has to consume up to {@code ends}. */
  long lag(String group, Map<TopicPartition, Long> ends) {
    return GroupOffsets.lag(admin, group, ends, TIMEOUT);
  }

  /**
   * Waits until {@code group} has committed up to the current end of {@code topics} and of every
   * internal topic it reads; returns the nanoTime at which that was observed.
   */
  long awaitCaughtUp(String group, Set<String> topics, Duration timeout) {
    Map<TopicPartition, Long> ends = endOffsets(topics);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long lag = lag(group, ends);
      if (lag == 0) {
        // The inputs are done: now the repartition topic has everything it will get.
        Map<TopicPartition, Long> internal = endOffsets(internalTopics(group));
        if (internal.isEmpty() || lag(group, internal) == 0) {
          return System.nanoTime();
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "group " + group + " still " + lag + " records behind after " + timeout);
      }
      sleepQuietly(100);
    }
  }

  /** The repartition topics of a Streams application (named after its application id). */
  Set<String> internalTopics(String applicationId) {
    return internalTopics(applicationId, "-repartition");
  }

  /** A Streams application's internal topics whose names end with {@code suffix}. */
  Set<String> internalTopics(String applicationId, String suffix) {
    try {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(applicationId + "-") && t.endsWith(suffix))
          .collect(Collectors.toSet());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Total records (end minus start offset; includes transaction markers) in {@code topics}. */
  long records(Set<String> topics) {
    Map<TopicPartition, Long> ends = endOffsets(topics);
    Map<TopicPartition, Long> starts = GroupOffsets.beginningOffsets(admin, topics, TIMEOUT);
    return ends.entrySet().stream().mapToLong(e -> e.getValue() - starts.get(e.getKey())).sum();
  }

  Admin admin() {
    return admin;
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  static Set<String> names(List<? extends Object> topics) {
    return topics.stream().map(Object::toString).collect(Collectors.toSet());
  }
}
