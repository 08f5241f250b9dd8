package dev.touchpoints.core.topics;

import dev.touchpoints.core.config.AppConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's topics when they are missing; existing topics are left as they are. When
 * it returns, every topic it created is served by its partition leaders.
 *
 * <p>Why the wait: a broker may announce a new partition's leader before it serves the partition.
 * An idempotent producer whose first request meets that window gets NOT_LEADER_OR_FOLLOWER, a later
 * request succeeds, and the retried first one then fails with OUT_OF_ORDER_SEQUENCE_NUMBER until
 * {@code delivery.timeout.ms} expires it (KAFKA-15591, fixed after Kafka 4.1.2). A ListOffsets
 * request is answered by the partition itself, so its success closes the window.
 */
public final class TopicAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private TopicAdmin() {}

  /** Creates every topic of {@code topics} that does not exist yet. */
  public static void ensureTopics(AppConfig config, Topics topics) {
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      ensureTopics(admin, topics.all(), config.get(TopicSettings.REPLICATION_FACTOR, -1));
    }
  }

  /** Creates every topic of {@code wanted} that does not exist yet. */
  public static void ensureTopics(Admin admin, List<Topic<?, ?>> wanted, int replicationFactor) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : wanted) {
        if (existing.contains(topic.name())) {
          continue;
        }
        NewTopic newTopic =
            new NewTopic(
                topic.name(),
                Optional.of(topic.partitions()),
                replicationFactor > 0 ? Optional.of((short) replicationFactor) : Optional.empty());
        newTopic.configs(topic.configs());
        missing.add(newTopic);
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        List<String> created = missing.stream().map(NewTopic::name).toList();
        awaitServed(admin, created, Duration.ofSeconds(30));
        LOG.info("Created topics {}", created);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new IllegalStateException(
            "Could not create topics: " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within 30 s while creating topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  private static void awaitServed(Admin admin, List<String> names, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (TopicDescription d :
            admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS).values()) {
          d.partitions()
              .forEach(
                  p ->
                      partitions.put(
                          new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Topics " + names + " not served after " + timeout, e);
        }
        LOG.debug("Topics not served yet: {}", e.toString());
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
    }
  }
}
