package dev.touchpoints.streams.state;

import dev.touchpoints.streams.ledger.LedgerWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The few key-value operations the experience logic needs. In the topology they go to a Kafka
 * Streams state store ({@link #of(KeyValueStore)}); the reference model ({@code
 * dev.touchpoints.streams.reference}) keeps them in memory, so both run the same {@link
 * LedgerWriter}.
 *
 * @param <V> the value type; keys are strings ordered as the store orders them (by their bytes)
 */
public interface KeyValues<V> {

  /** The value under {@code key}, or null. */
  V get(String key);

  void put(String key, V value);

  void delete(String key);

  /** The values whose keys lie between {@code from} and {@code to} (both inclusive), in order. */
  List<V> range(String from, String to);

  /** The value with the smallest key, or null when empty. */
  V first();

  /** Every entry, by key (for small stores only). */
  Map<String, V> all();

  /** Operations on a Kafka Streams key-value store. */
  static <V> KeyValues<V> of(KeyValueStore<String, V> store) {
    return new KeyValues<>() {
      @Override
      public V get(String key) {
        return store.get(key);
      }

      @Override
      public void put(String key, V value) {
        store.put(key, value);
      }

      @Override
      public void delete(String key) {
        store.delete(key);
      }

      @Override
      public List<V> range(String from, String to) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.range(from, to)) {
          it.forEachRemaining(kv -> values.add(kv.value));
        }
        return values;
      }

      @Override
      public Map<String, V> all() {
        Map<String, V> all = new TreeMap<>();
        try (KeyValueIterator<String, V> it = store.all()) {
          it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
      }

      @Override
      public V first() {
        try (KeyValueIterator<String, V> it = store.all()) {
          return it.hasNext() ? it.next().value : null;
        }
      }
    };
  }
}
