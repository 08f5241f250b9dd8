package dev.touchpoints.streams;

import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * RocksDB settings for years of state on millions of mostly idle subjects (R3):
 *
 * <ul>
 *   <li>values compressed with LZ4 (the state compresses well; Kafka Streams leaves compression off
 *       by default);
 *   <li><b>bounded memory</b>: every store of the process shares one block cache, which also holds
 *       the index and filter blocks and is charged for the memtables (the pattern of Kafka Streams'
 *       memory-management guide). Kafka Streams' default gives each RocksDB instance its own 50 MB
 *       cache and up to 3 × 16 MB memtables, and a windowed store has one instance per segment: the
 *       engine's resident memory would grow with tasks and segments, not with what is useful.
 * </ul>
 *
 * <p>The budget is {@value #MEMORY_CONFIG} (bytes, default 256 MiB), at most half of it for
 * memtables; set it with {@code kafka.rocksdb.memory.bytes}. It is read when the first store opens
 * and then holds for the process.
 */
public final class TouchpointsRocksDbConfig
    implements org.apache.kafka.streams.state.RocksDBConfigSetter {

  /** Streams property: the off-heap budget of all RocksDB stores of this process, in bytes. */
  public static final String MEMORY_CONFIG = "rocksdb.memory.bytes";

  /** Default budget: 256 MiB. */
  public static final long DEFAULT_MEMORY_BYTES = 256L * 1024 * 1024;

  private static final double INDEX_FILTER_RATIO = 0.1;
  private static Cache cache;
  private static WriteBufferManager writeBufferManager;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    // Kafka Streams hands in its own BlockBasedTableConfig; keep it (and its settings) when there
    BlockBasedTableConfig table =
        options.tableFormatConfig() instanceof BlockBasedTableConfig given
            ? given
            : new BlockBasedTableConfig();
    table.setBlockCache(cache(configs));
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBufferManager);
    options.setTableFormatConfig(table);
  }

  private static synchronized Cache cache(Map<String, Object> configs) {
    if (cache == null) {
      long budget = budget(configs);
      cache = new LRUCache(budget, -1, false, INDEX_FILTER_RATIO);
      writeBufferManager = new WriteBufferManager(budget / 2, cache);
    }
    return cache;
  }

  static long budget(Map<String, Object> configs) {
    Object value = configs.get(MEMORY_CONFIG);
    if (value == null) {
      return DEFAULT_MEMORY_BYTES;
    }
    long bytes = Long.parseLong(value.toString().trim());
    if (bytes < 16L * 1024 * 1024) {
      throw new IllegalArgumentException(
          MEMORY_CONFIG + " must be at least 16 MiB (16777216), got " + bytes);
    }
    return bytes;
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write buffer manager are shared by every store of the process: not closed.
  }
}
