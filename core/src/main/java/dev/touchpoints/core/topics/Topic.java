package dev.touchpoints.core.topics;

import org.apache.kafka.common.serialization.Serde;

/**
 * One topic: its name, the serdes of its keys and values, and how it is laid out.
 *
 * @param name the topic name
 * @param keySerde serde of the keys
 * @param valueSerde serde of the values
 * @param partitions partitions to create it with
 * @param compacted whether old values per key are compacted away (latest-value topics)
 * @param maxMessageBytes the topic's {@code max.message.bytes}, or 0 for the broker's default
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    boolean compacted,
    int maxMessageBytes) {

  @Override
  public String toString() {
    return name;
  }
}
