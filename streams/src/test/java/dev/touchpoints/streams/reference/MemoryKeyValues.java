package dev.touchpoints.streams.reference;

import dev.touchpoints.streams.state.KeyValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;

/**
 * {@link KeyValues} in a sorted map, ordered like Kafka's stores (by the keys' UTF-8 bytes). With a
 * serde, values are stored as bytes, so that every read returns a fresh copy exactly as a state
 * store would – a change to a read value that is never put back is lost, as in the topology.
 */
final class MemoryKeyValues<V> implements KeyValues<V> {

  private static final Comparator<String> BYTE_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private final NavigableMap<String, Object> map = new TreeMap<>(BYTE_ORDER);
  private final UnaryOperator<Object> in;
  private final UnaryOperator<Object> out;

  private MemoryKeyValues(UnaryOperator<Object> in, UnaryOperator<Object> out) {
    this.in = in;
    this.out = out;
  }

  /** Values kept as they are (for immutable values). */
  static <V> MemoryKeyValues<V> plain() {
    return new MemoryKeyValues<>(UnaryOperator.identity(), UnaryOperator.identity());
  }

  /** Values kept as the bytes of {@code serde}. */
  @SuppressWarnings("unchecked")
  static <V> MemoryKeyValues<V> serialized(Serde<V> serde) {
    return new MemoryKeyValues<>(
        v -> serde.serializer().serialize("reference", (V) v),
        b -> serde.deserializer().deserialize("reference", (byte[]) b));
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(String key) {
    Object stored = map.get(key);
    return stored == null ? null : (V) out.apply(stored);
  }

  @Override
  public void put(String key, V value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, in.apply(value));
    }
  }

  @Override
  public void delete(String key) {
    map.remove(key);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<V> range(String from, String to) {
    List<V> values = new ArrayList<>();
    if (BYTE_ORDER.compare(from, to) > 0) {
      return values;
    }
    map.subMap(from, true, to, true).values().forEach(v -> values.add((V) out.apply(v)));
    return values;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V first() {
    Map.Entry<String, Object> first = map.firstEntry();
    return first == null ? null : (V) out.apply(first.getValue());
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, V> all() {
    Map<String, V> all = new TreeMap<>(BYTE_ORDER);
    map.forEach((k, v) -> all.put(k, (V) out.apply(v)));
    return all;
  }
}
