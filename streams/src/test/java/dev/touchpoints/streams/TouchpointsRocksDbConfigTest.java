package dev.touchpoints.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

class TouchpointsRocksDbConfigTest {

  @Test
  void shouldBudget256MiBUnlessConfigured() {
    assertThat(TouchpointsRocksDbConfig.budget(Map.of())).isEqualTo(256L * 1024 * 1024);
    assertThat(TouchpointsRocksDbConfig.budget(Map.of("rocksdb.memory.bytes", "536870912")))
        .isEqualTo(512L * 1024 * 1024);
  }

  @Test
  void shouldRefuseABudgetTooSmallToHoldTheMemtables() {
    assertThatThrownBy(
            () -> TouchpointsRocksDbConfig.budget(Map.of("rocksdb.memory.bytes", "1000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rocksdb.memory.bytes");
  }

  @Test
  void shouldCompressAndKeepIndexAndFilterBlocksInTheBoundedCache() {
    // Given two stores' options
    try (Options first = new Options();
        Options second = new Options()) {
      TouchpointsRocksDbConfig setter = new TouchpointsRocksDbConfig();

      // When both are configured
      setter.setConfig("subject-state-store", first, Map.of());
      setter.setConfig("dedupe-store.1700000000000", second, Map.of());

      // Then they compress, and index and filter blocks count against the cache budget
      assertThat(first.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
      BlockBasedTableConfig a = (BlockBasedTableConfig) first.tableFormatConfig();
      BlockBasedTableConfig b = (BlockBasedTableConfig) second.tableFormatConfig();
      assertThat(a.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(b.cacheIndexAndFilterBlocks()).isTrue();
      setter.close("subject-state-store", first);
      setter.close("dedupe-store.1700000000000", second);
    }
  }
}
