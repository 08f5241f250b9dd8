package dev.touchpoints.core.topics;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic: its name, the serdes of its keys and values, and how it is laid out.
 *
 * @param name the topic name
 * @param keySerde serde of the keys
 * @param valueSerde serde of the values
 * @param partitions partitions to create it with
 * @param configs topic configs to create it with (cleanup policy, retention, message size); the
 *     broker's defaults for the rest
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    Map<String, String> configs) {

  public Topic {
    configs = Map.copyOf(configs);
  }

  /** Whether old values per key are compacted away (latest-value topics). */
  public boolean compacted() {
    return TopicConfig.CLEANUP_POLICY_COMPACT.equals(
        configs.get(TopicConfig.CLEANUP_POLICY_CONFIG));
  }

  @Override
  public String toString() {
    return name;
  }
}
