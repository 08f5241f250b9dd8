package dev.touchpoints.platform.registry.store;

import dev.touchpoints.platform.registry.compat.CompatibilityLevel;

/** The value of a record in the {@code _schemas} topic; a null value is a tombstone. */
public sealed interface StoreValue {

  /** A registered schema version; {@code schema} holds the canonical Avro text. */
  record SchemaValue(String subject, int version, int id, String schema, boolean deleted)
      implements StoreValue {

    /** This version marked soft-deleted. */
    public SchemaValue asDeleted() {
      return new SchemaValue(subject, version, id, schema, true);
    }
  }

  /** A compatibility level. */
  record ConfigValue(CompatibilityLevel compatibilityLevel) implements StoreValue {}

  /** All versions of {@code subject} up to {@code version} were soft-deleted. */
  record DeleteSubjectValue(String subject, int version) implements StoreValue {}
}
