package dev.touchpoints.streams.query;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A sorted in-memory stand-in for a queryable key-value store. */
final class MapStore<V> implements ReadOnlyKeyValueStore<String, V> {

  private final NavigableMap<String, V> entries = new TreeMap<>();

  MapStore<V> put(String key, V value) {
    entries.put(key, value);
    return this;
  }

  @Override
  public V get(String key) {
    return entries.get(key);
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    return iterator(entries.subMap(from, true, to, true));
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return iterator(entries);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P>
      KeyValueIterator<String, V> prefixScan(P prefix, PS serializer) {
    String start = (String) prefix;
    return iterator(entries.subMap(start, true, start + Character.MAX_VALUE, false));
  }

  @Override
  public long approximateNumEntries() {
    return entries.size();
  }

  private static <V> KeyValueIterator<String, V> iterator(Map<String, V> view) {
    Iterator<Map.Entry<String, V>> it =
        Map.copyOf(view).entrySet().stream().sorted(Map.Entry.comparingByKey()).iterator();
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public KeyValue<String, V> next() {
        Map.Entry<String, V> entry = it.next();
        return KeyValue.pair(entry.getKey(), entry.getValue());
      }

      @Override
      public void close() {}

      @Override
      public String peekNextKey() {
        throw new UnsupportedOperationException();
      }
    };
  }
}
