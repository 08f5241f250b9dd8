package dev.touchpoints.platform.registry.store;

import dev.touchpoints.platform.registry.compat.CompatibilityLevel;
import java.util.List;

/** The value of a record in the {@code _schemas} topic; a null value is a tombstone. */
public sealed interface StoreValue {

  /**
   * A registered schema version; {@code schema} holds the canonical Avro text, in which the named
   * types taken from {@code references} appear by name only.
   */
  record SchemaValue(
      String subject,
      int version,
      int id,
      String schema,
      List<SchemaReference> references,
      boolean deleted)
      implements StoreValue {

    public SchemaValue {
      references = references == null ? List.of() : List.copyOf(references);
    }

    /** A version without references. */
    public SchemaValue(String subject, int version, int id, String schema, boolean deleted) {
      this(subject, version, id, schema, List.of(), deleted);
    }

    /** This version marked soft-deleted. */
    public SchemaValue asDeleted() {
      return new SchemaValue(subject, version, id, schema, references, true);
    }
  }

  /** A compatibility level. */
  record ConfigValue(CompatibilityLevel compatibilityLevel) implements StoreValue {}

  /** A mode; Confluent writes the subject into the value too. */
  record ModeValue(String subject, RegistryMode mode) implements StoreValue {}

  /** All versions of {@code subject} up to {@code version} were soft-deleted. */
  record DeleteSubjectValue(String subject, int version) implements StoreValue {}
}
