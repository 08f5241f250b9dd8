package dev.touchpoints.streams.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Hands out this instance's key-value stores by name. */
@FunctionalInterface
public interface StoreProvider {

  /**
   * The local (active partitions) view of a store.
   *
   * @throws StoreUnavailableException when the store cannot be queried now
   */
  <V> ReadOnlyKeyValueStore<String, V> store(String name);

  /** The stores of a running {@link KafkaStreams} instance. */
  static StoreProvider of(KafkaStreams streams) {
    return new StoreProvider() {
      @Override
      public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
          return streams.store(
              StoreQueryParameters.fromNameAndType(
                  name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
          throw new StoreUnavailableException(
              "Store " + name + " is not queryable now (" + streams.state() + ")", e);
        }
      }
    };
  }
}
