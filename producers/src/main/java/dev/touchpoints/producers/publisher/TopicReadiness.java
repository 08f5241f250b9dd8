package dev.touchpoints.producers.publisher;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until every partition of freshly created topics is served by its leader.
 *
 * <p>Why: a broker may announce a new partition's leader in its metadata before it serves the
 * partition. An idempotent producer whose first request meets that window gets
 * NOT_LEADER_OR_FOLLOWER, a later request succeeds, and the retried first one then fails with
 * OUT_OF_ORDER_SEQUENCE_NUMBER until {@code delivery.timeout.ms} expires it (KAFKA-15591, fixed
 * after Kafka 4.1.2). A ListOffsets request is answered by the partition itself, so its success
 * means the window is closed. Call this after creating topics and before the first send.
 */
public final class TopicReadiness {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReadiness.class);

  private TopicReadiness() {}

  /** Blocks until every partition of {@code topics} answers, or throws after {@code timeout}. */
  public static void awaitServed(
      AppConfig config, List<? extends Topic<?, ?>> topics, Duration timeout) {
    List<String> names = topics.stream().map(Topic::name).distinct().toList();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      while (true) {
        try {
          Map<String, TopicDescription> described =
              admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
          Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
          described
              .values()
              .forEach(
                  d ->
                      d.partitions()
                          .forEach(
                              p ->
                                  partitions.put(
                                      new TopicPartition(d.name(), p.partition()),
                                      OffsetSpec.latest())));
          admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Topics " + names + " not served after " + timeout, e);
          }
          LOG.debug("Topics not served yet: {}", e.toString());
          LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for topics", e);
        }
      }
    }
  }
}
