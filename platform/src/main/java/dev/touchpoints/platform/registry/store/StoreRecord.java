package dev.touchpoints.platform.registry.store;

import dev.touchpoints.platform.registry.compat.CompatibilityLevel;
import dev.touchpoints.platform.registry.store.StoreKey.ConfigKey;
import dev.touchpoints.platform.registry.store.StoreKey.DeleteSubjectKey;
import dev.touchpoints.platform.registry.store.StoreKey.ModeKey;
import dev.touchpoints.platform.registry.store.StoreKey.SchemaKey;
import dev.touchpoints.platform.registry.store.StoreValue.ConfigValue;
import dev.touchpoints.platform.registry.store.StoreValue.DeleteSubjectValue;
import dev.touchpoints.platform.registry.store.StoreValue.ModeValue;
import dev.touchpoints.platform.registry.store.StoreValue.SchemaValue;
import java.util.Objects;

/**
 * One change of registry state: a key and its new value, or a tombstone ({@code value == null})
 * that removes the key.
 */
public record StoreRecord(StoreKey key, StoreValue value) {

  public StoreRecord {
    Objects.requireNonNull(key, "key");
  }

  /** Registers or updates (soft-deletes) a schema version. */
  public static StoreRecord schema(SchemaValue value) {
    return new StoreRecord(new SchemaKey(value.subject(), value.version()), value);
  }

  /** Removes a schema version for good. */
  public static StoreRecord schemaTombstone(String subject, int version) {
    return new StoreRecord(new SchemaKey(subject, version), null);
  }

  /** Sets the level of a subject, or the global one when {@code subject} is null. */
  public static StoreRecord config(String subject, CompatibilityLevel level) {
    return new StoreRecord(new ConfigKey(subject), new ConfigValue(level));
  }

  /** Clears the level of a subject, or resets the global one when {@code subject} is null. */
  public static StoreRecord configTombstone(String subject) {
    return new StoreRecord(new ConfigKey(subject), null);
  }

  /** Sets the mode of a subject, or the global one when {@code subject} is null. */
  public static StoreRecord mode(String subject, RegistryMode mode) {
    return new StoreRecord(new ModeKey(subject), new ModeValue(subject, mode));
  }

  /** Clears the mode of a subject, or the global one when {@code subject} is null. */
  public static StoreRecord modeTombstone(String subject) {
    return new StoreRecord(new ModeKey(subject), null);
  }

  /** Soft-deletes {@code subject} up to {@code version}. */
  public static StoreRecord deleteSubject(String subject, int version) {
    return new StoreRecord(new DeleteSubjectKey(subject), new DeleteSubjectValue(subject, version));
  }

  /** True when this record removes its key. */
  public boolean isTombstone() {
    return value == null;
  }
}
