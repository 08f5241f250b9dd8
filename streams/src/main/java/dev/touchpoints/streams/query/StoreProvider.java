package dev.touchpoints.streams.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Hands out this instance's key-value stores by name. */
public interface StoreProvider {

  /**
   * The local (active partitions) view of a store.
   *
   * @throws StoreUnavailableException when the store cannot be queried now
   */
  <V> ReadOnlyKeyValueStore<String, V> store(String name);

  /**
   * The store of each local partition on its own: a range over {@link #store} visits one task's
   * store after another, so its keys are sorted only within each task. A partition this instance
   * does not host for the store fails on use ({@link InvalidStateStoreException}).
   */
  default <V> List<ReadOnlyKeyValueStore<String, V>> byPartition(String name) {
    return List.of(store(name));
  }

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

      @Override
      public <V> List<ReadOnlyKeyValueStore<String, V>> byPartition(String name) {
        Set<Integer> partitions = new TreeSet<>();
        streams
            .metadataForLocalThreads()
            .forEach(
                t -> t.activeTasks().forEach(task -> partitions.add(task.taskId().partition())));
        List<ReadOnlyKeyValueStore<String, V>> stores = new ArrayList<>();
        for (int partition : partitions) {
          try {
            stores.add(
                streams.store(
                    StoreQueryParameters.fromNameAndType(
                            name, QueryableStoreTypes.<String, V>keyValueStore())
                        .withPartition(partition)));
          } catch (InvalidStateStoreException e) {
            // not a partition of this store here
          }
        }
        return stores;
      }
    };
  }
}
