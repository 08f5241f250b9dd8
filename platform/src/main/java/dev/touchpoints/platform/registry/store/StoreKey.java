package dev.touchpoints.platform.registry.store;

/** The key of a record in the {@code _schemas} topic; compaction keeps the latest per key. */
public sealed interface StoreKey {

  /** One version of a subject. */
  record SchemaKey(String subject, int version) implements StoreKey {}

  /** The compatibility level of a subject, or the global one when {@code subject} is null. */
  record ConfigKey(String subject) implements StoreKey {

    /** The key of the global compatibility level. */
    public static ConfigKey global() {
      return new ConfigKey(null);
    }
  }

  /** The mode of a subject, or the global one when {@code subject} is null. */
  record ModeKey(String subject) implements StoreKey {}

  /** Marks a subject soft-deleted up to a version. */
  record DeleteSubjectKey(String subject) implements StoreKey {}
}
