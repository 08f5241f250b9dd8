package dev.touchpoints.platform;

import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.platform.registry.RegistrySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How {@code touchpoints platform} runs.
 *
 * @param dataDir where Kafka keeps its data; locked for the process's lifetime
 * @param kafkaPort client port, 0 for a free one
 * @param controllerPort KRaft controller port, 0 for a free one
 * @param registry how the schema registry runs
 * @param brokerConfig broker settings that override the embedded defaults (e.g. {@code
 *     log.retention.hours}); given as {@code broker.<key>} settings
 * @param topics the product's topics, created at start with their partitions and cleanup policy;
 *     the broker itself creates none (auto-creation is off)
 */
public record PlatformSettings(
    Path dataDir,
    int kafkaPort,
    int controllerPort,
    RegistrySettings registry,
    Map<String, String> brokerConfig,
    List<Topic<?, ?>> topics) {

  /** Settings prefix of broker settings: {@code broker.log.retention.hours=48}. */
  public static final String BROKER_PREFIX = "broker.";

  public PlatformSettings {
    brokerConfig = Map.copyOf(brokerConfig);
    topics = List.copyOf(topics);
  }
}
