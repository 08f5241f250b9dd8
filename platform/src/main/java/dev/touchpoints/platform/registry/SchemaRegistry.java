package dev.touchpoints.platform.registry;

import dev.touchpoints.platform.registry.compat.AvroSchemas;
import dev.touchpoints.platform.registry.compat.CompatibilityChecker;
import dev.touchpoints.platform.registry.compat.CompatibilityLevel;
import dev.touchpoints.platform.registry.store.SchemaStore;
import dev.touchpoints.platform.registry.store.StoreException;
import dev.touchpoints.platform.registry.store.StoreRecord;
import dev.touchpoints.platform.registry.store.StoreValue.SchemaValue;
import dev.touchpoints.platform.registry.store.StoreWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * The registry's operations with Confluent's semantics, independent of HTTP: each change is written
 * through the {@link StoreWriter} first and applied to the {@link SchemaStore} once it is stored.
 * Operations are serialised – one writer per store.
 */
public final class SchemaRegistry {

  private static final String AVRO = "AVRO";
  private static final String LATEST = "latest";

  private final SchemaStore store;
  private final StoreWriter writer;

  public SchemaRegistry(SchemaStore store, StoreWriter writer) {
    this.store = store;
    this.writer = writer;
  }

  /**
   * Registers a schema under a subject, or returns the id it already has there. The same schema in
   * another subject keeps its global id.
   *
   * @return the global schema id
   */
  public synchronized int register(String subject, SchemaRequest request) {
    Schema schema = parse(request);
    String canonical = AvroSchemas.canonical(schema);
    List<SchemaValue> live = store.versions(subject, false);
    for (SchemaValue existing : live) {
      if (existing.schema().equals(canonical)) {
        return existing.id();
      }
    }
    List<String> problems = CompatibilityChecker.check(levelOf(subject), schema, parsed(live));
    if (!problems.isEmpty()) {
      throw RegistryException.incompatible(subject, problems);
    }
    OptionalInt knownId = store.idOf(canonical);
    int id = knownId.isPresent() ? knownId.getAsInt() : store.maxId() + 1;
    int version = store.highestVersion(subject) + 1;
    write(StoreRecord.schema(new SchemaValue(subject, version, id, canonical, false)));
    return id;
  }

  /** Finds the version of a subject that holds this schema. */
  public synchronized SchemaValue lookup(
      String subject, SchemaRequest request, boolean includeDeleted) {
    List<SchemaValue> versions = store.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    String canonical = AvroSchemas.canonical(parse(request));
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).schema().equals(canonical)) {
        return versions.get(i);
      }
    }
    throw RegistryException.schemaNotFound();
  }

  /** The schema text with a global id (soft-deleted schemas included). */
  public synchronized String schemaById(int id) {
    return store.schemaById(id).orElseThrow(() -> RegistryException.schemaIdNotFound(id));
  }

  /** The subject versions that use a global id. */
  public synchronized List<SchemaValue> usesOf(int id, boolean includeDeleted) {
    if (store.schemaById(id).isEmpty()) {
      throw RegistryException.schemaIdNotFound(id);
    }
    return store.usesOf(id).stream().filter(use -> includeDeleted || !use.deleted()).toList();
  }

  /** One version of a subject; {@code version} is a number, {@code latest} or {@code -1}. */
  public synchronized SchemaValue version(String subject, String version, boolean includeDeleted) {
    List<SchemaValue> versions = store.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    if (isLatest(version)) {
      return versions.get(versions.size() - 1);
    }
    int number = parseVersion(version);
    return versions.stream()
        .filter(value -> value.version() == number)
        .findFirst()
        .orElseThrow(() -> RegistryException.versionNotFound(number));
  }

  /** The version numbers of a subject, oldest first. */
  public synchronized List<Integer> versions(String subject, boolean includeDeleted) {
    List<SchemaValue> versions = store.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return versions.stream().map(SchemaValue::version).toList();
  }

  /** All subject names in order. */
  public synchronized List<String> subjects(boolean includeDeleted) {
    return store.subjects(includeDeleted);
  }

  /**
   * Soft-deletes every live version of a subject (and drops its compatibility level), or – with
   * {@code permanent} – removes a soft-deleted subject for good.
   *
   * @return the deleted version numbers
   */
  public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    List<SchemaValue> all = store.versions(subject, true);
    if (all.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    List<SchemaValue> live = store.versions(subject, false);
    if (permanent) {
      if (!live.isEmpty()) {
        throw RegistryException.subjectNotSoftDeleted(subject);
      }
      for (SchemaValue value : all) {
        write(StoreRecord.schemaTombstone(subject, value.version()));
      }
      return all.stream().map(SchemaValue::version).toList();
    }
    if (live.isEmpty()) {
      throw RegistryException.subjectSoftDeleted(subject);
    }
    write(StoreRecord.deleteSubject(subject, live.get(live.size() - 1).version()));
    for (SchemaValue value : live) {
      write(StoreRecord.schema(value.asDeleted()));
    }
    if (store.subjectLevel(subject).isPresent()) {
      write(StoreRecord.configTombstone(subject));
    }
    return live.stream().map(SchemaValue::version).toList();
  }

  /**
   * Soft-deletes one version, or – with {@code permanent} – removes a soft-deleted version.
   *
   * @return the deleted version number
   */
  public synchronized int deleteVersion(String subject, String version, boolean permanent) {
    List<SchemaValue> all = store.versions(subject, true);
    if (all.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    SchemaValue target;
    if (isLatest(version)) {
      List<SchemaValue> candidates = permanent ? all : store.versions(subject, false);
      if (candidates.isEmpty()) {
        throw RegistryException.subjectSoftDeleted(subject);
      }
      target = candidates.get(candidates.size() - 1);
    } else {
      int number = parseVersion(version);
      target =
          store
              .version(subject, number)
              .orElseThrow(() -> RegistryException.versionNotFound(number));
    }
    if (permanent) {
      if (!target.deleted()) {
        throw RegistryException.versionNotSoftDeleted(subject, target.version());
      }
      write(StoreRecord.schemaTombstone(subject, target.version()));
    } else {
      if (target.deleted()) {
        throw RegistryException.versionSoftDeleted(subject, target.version());
      }
      write(StoreRecord.schema(target.asDeleted()));
    }
    return target.version();
  }

  /** The global compatibility level. */
  public synchronized CompatibilityLevel globalLevel() {
    return store.globalLevel();
  }

  /** Sets the global compatibility level. */
  public synchronized CompatibilityLevel setGlobalLevel(String level) {
    CompatibilityLevel parsed = parseLevel(level);
    write(StoreRecord.config(null, parsed));
    return parsed;
  }

  /** Resets the global level to the default; returns the level it had. */
  public synchronized CompatibilityLevel resetGlobalLevel() {
    CompatibilityLevel previous = store.globalLevel();
    write(StoreRecord.configTombstone(null));
    return previous;
  }

  /**
   * The level set for a subject; without one, the global level if {@code defaultToGlobal}, else
   * error 40408.
   */
  public synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    Optional<CompatibilityLevel> level = store.subjectLevel(subject);
    if (level.isPresent()) {
      return level.get();
    }
    if (defaultToGlobal) {
      return store.globalLevel();
    }
    throw RegistryException.subjectLevelNotConfigured(subject);
  }

  /** Sets the level of one subject (which need not exist yet). */
  public synchronized CompatibilityLevel setSubjectLevel(String subject, String level) {
    CompatibilityLevel parsed = parseLevel(level);
    write(StoreRecord.config(subject, parsed));
    return parsed;
  }

  /** Removes the level of one subject; returns the level it had. */
  public synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
    CompatibilityLevel previous =
        store
            .subjectLevel(subject)
            .orElseThrow(() -> RegistryException.subjectLevelNotConfigured(subject));
    write(StoreRecord.configTombstone(subject));
    return previous;
  }

  /**
   * Tests a schema against a subject without registering it: against one version, or – when {@code
   * version} is null or {@code latest} – the way registering would check it.
   */
  public synchronized CompatibilityResult testCompatibility(
      String subject, String version, SchemaRequest request) {
    Schema schema = parse(request);
    CompatibilityLevel level = levelOf(subject);
    if (version == null || isLatest(version)) {
      return CompatibilityResult.of(
          CompatibilityChecker.check(level, schema, parsed(store.versions(subject, false))));
    }
    SchemaValue against = version(subject, version, false);
    return CompatibilityResult.of(
        CompatibilityChecker.check(level, schema, parsed(List.of(against))));
  }

  private CompatibilityLevel levelOf(String subject) {
    return store.subjectLevel(subject).orElse(store.globalLevel());
  }

  private void write(StoreRecord record) {
    try {
      writer.write(record);
    } catch (StoreException e) {
      throw RegistryException.storeError(e.getMessage(), e);
    }
    store.apply(record);
  }

  private static Schema parse(SchemaRequest request) {
    if (request.schemaType() != null && !AVRO.equalsIgnoreCase(request.schemaType())) {
      throw RegistryException.invalidSchema(
          "schemaType " + request.schemaType() + " is not supported, only AVRO");
    }
    if (request.referenceCount() > 0) {
      throw RegistryException.invalidSchema("schema references are not supported");
    }
    try {
      return AvroSchemas.parse(request.schema());
    } catch (IllegalArgumentException e) {
      throw RegistryException.invalidSchema(e.getMessage());
    }
  }

  private static List<Schema> parsed(List<SchemaValue> values) {
    List<Schema> schemas = new ArrayList<>();
    for (SchemaValue value : values) {
      schemas.add(AvroSchemas.parse(value.schema()));
    }
    return schemas;
  }

  private static boolean isLatest(String version) {
    return LATEST.equals(version.toLowerCase(Locale.ROOT)) || "-1".equals(version);
  }

  private static int parseVersion(String version) {
    try {
      int number = Integer.parseInt(version);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below as an invalid version
    }
    throw RegistryException.invalidVersion(version);
  }

  private static CompatibilityLevel parseLevel(String level) {
    return CompatibilityLevel.parse(level)
        .orElseThrow(() -> RegistryException.invalidCompatibilityLevel(level));
  }
}
