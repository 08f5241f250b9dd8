package dev.touchpoints.platform.registry.store;

/** Durably appends a change before it is applied to the in-memory {@link SchemaStore}. */
@FunctionalInterface
public interface StoreWriter {

  /**
   * Returns once the record is stored.
   *
   * @throws StoreException if it could not be stored
   */
  void write(StoreRecord record);
}
