package dev.touchpoints.core.topics;

import dev.touchpoints.core.config.AppConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the pipeline's topics when they are missing; existing topics are left as they are. */
public final class TopicAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private TopicAdmin() {}

  /** Creates every topic of {@code topics} that does not exist yet. */
  public static void ensureTopics(AppConfig config, Topics topics) {
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      ensureTopics(admin, topics.all(), config.getInt("topic.replication.factor", -1));
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
        Map<String, String> configs = new HashMap<>();
        if (topic.compacted()) {
          configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (topic.maxMessageBytes() > 0) {
          configs.put(
              TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(topic.maxMessageBytes()));
        }
        newTopic.configs(configs);
        missing.add(newTopic);
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
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
}
