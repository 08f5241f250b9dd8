package dev.touchpoints.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * RocksDB settings for years of state on millions of mostly idle subjects (R3): compress the values
 * (the JSON state compresses well; Kafka Streams leaves compression off by default).
 */
public final class TouchpointsRocksDbConfig implements RocksDBConfigSetter {

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    options.setCompressionType(CompressionType.LZ4_COMPRESSION);
  }

  @Override
  public void close(String storeName, Options options) {}
}
