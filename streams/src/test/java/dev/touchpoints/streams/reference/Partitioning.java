package dev.touchpoints.streams.reference;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/** Where Kafka's default partitioner puts a keyed record: murmur2 of the key bytes. */
public final class Partitioning {

  private Partitioning() {}

  /**
   * The partition of a record keyed {@code key} (serialized as UTF-8, as the topics' string key
   * serde does) among {@code partitions}.
   */
  public static int partitionOf(String key, int partitions) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
  }
}
