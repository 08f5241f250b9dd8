package dev.touchpoints.streams.index;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Index cells ({@link IndexCells}) as Smile: the index deltas' and sums' internal format. */
public final class IndexCellsSerde {

  private IndexCellsSerde() {}

  private static final ObjectMapper SMILE = SmileMapper.builder().build();
  private static final TypeReference<TreeMap<String, Long>> CELLS = new TypeReference<>() {};

  /** The serde. */
  public static final Serde<Map<String, Long>> INSTANCE =
      Serdes.serdeFrom(serializer(), deserializer());

  private static Serializer<Map<String, Long>> serializer() {
    return (topic, cells) -> {
      if (cells == null) {
        return null;
      }
      try {
        return SMILE.writeValueAsBytes(cells);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static Deserializer<Map<String, Long>> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return SMILE.readValue(bytes, CELLS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
