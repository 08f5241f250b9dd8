package dev.touchpoints.platform.registry.store;

import dev.touchpoints.platform.registry.compat.AvroSchemas;
import dev.touchpoints.platform.registry.compat.CompatibilityLevel;
import dev.touchpoints.platform.registry.store.StoreKey.ConfigKey;
import dev.touchpoints.platform.registry.store.StoreKey.DeleteSubjectKey;
import dev.touchpoints.platform.registry.store.StoreKey.ModeKey;
import dev.touchpoints.platform.registry.store.StoreKey.SchemaKey;
import dev.touchpoints.platform.registry.store.StoreValue.ConfigValue;
import dev.touchpoints.platform.registry.store.StoreValue.DeleteSubjectValue;
import dev.touchpoints.platform.registry.store.StoreValue.ModeValue;
import dev.touchpoints.platform.registry.store.StoreValue.SchemaValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The registry's state, rebuilt by applying {@link StoreRecord}s in topic order. Applying the same
 * record twice leaves the same state, so a replay after a partial write is safe.
 *
 * <p>Not thread-safe: the caller serialises access.
 */
public final class SchemaStore {

  private final Map<String, NavigableMap<Integer, SchemaValue>> subjects = new TreeMap<>();
  private final Map<Integer, SchemaValue> schemaById = new HashMap<>();
  private final Map<Integer, Integer> usesById = new HashMap<>();
  private final Map<String, Integer> idByCanonical = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private final Map<String, RegistryMode> subjectModes = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private RegistryMode globalMode;
  private int maxId;

  /** Applies one change. */
  public void apply(StoreRecord record) {
    StoreKey key = record.key();
    if (key instanceof SchemaKey schemaKey) {
      applySchema(schemaKey, (SchemaValue) record.value());
    } else if (key instanceof ConfigKey configKey) {
      applyConfig(configKey, (ConfigValue) record.value());
    } else if (key instanceof ModeKey modeKey) {
      applyMode(modeKey, (ModeValue) record.value());
    } else if (key instanceof DeleteSubjectKey && record.value() != null) {
      applyDeleteSubject((DeleteSubjectValue) record.value());
    }
  }

  private void applySchema(SchemaKey key, SchemaValue value) {
    NavigableMap<Integer, SchemaValue> versions =
        subjects.computeIfAbsent(key.subject(), s -> new TreeMap<>());
    SchemaValue previous =
        value == null ? versions.remove(key.version()) : versions.put(key.version(), value);
    if (previous != null) {
      release(previous);
    }
    if (value != null) {
      retain(value);
    }
    if (versions.isEmpty()) {
      subjects.remove(key.subject());
    }
  }

  private void retain(SchemaValue value) {
    usesById.merge(value.id(), 1, Integer::sum);
    schemaById.putIfAbsent(value.id(), value);
    idByCanonical.putIfAbsent(identity(value.schema(), value.references()), value.id());
    maxId = Math.max(maxId, value.id());
  }

  private void release(SchemaValue value) {
    int uses = usesById.merge(value.id(), -1, Integer::sum);
    if (uses <= 0) {
      usesById.remove(value.id());
      schemaById.remove(value.id());
      idByCanonical.remove(identity(value.schema(), value.references()), value.id());
    }
  }

  private void applyConfig(ConfigKey key, ConfigValue value) {
    CompatibilityLevel level = value == null ? null : value.compatibilityLevel();
    if (key.subject() == null) {
      globalLevel = level;
    } else if (level == null) {
      subjectLevels.remove(key.subject());
    } else {
      subjectLevels.put(key.subject(), level);
    }
  }

  private void applyMode(ModeKey key, ModeValue value) {
    RegistryMode mode = value == null ? null : value.mode();
    if (key.subject() == null) {
      globalMode = mode;
    } else if (mode == null) {
      subjectModes.remove(key.subject());
    } else {
      subjectModes.put(key.subject(), mode);
    }
  }

  private void applyDeleteSubject(DeleteSubjectValue value) {
    NavigableMap<Integer, SchemaValue> versions = subjects.get(value.subject());
    if (versions == null) {
      return;
    }
    versions
        .headMap(value.version(), true)
        .replaceAll((version, schema) -> schema.deleted() ? schema : schema.asDeleted());
  }

  /** Versions of a subject, oldest first; soft-deleted ones only if asked for. */
  public List<SchemaValue> versions(String subject, boolean includeDeleted) {
    NavigableMap<Integer, SchemaValue> versions = subjects.get(subject);
    if (versions == null) {
      return List.of();
    }
    List<SchemaValue> result = new ArrayList<>();
    for (SchemaValue value : versions.values()) {
      if (includeDeleted || !value.deleted()) {
        result.add(value);
      }
    }
    return result;
  }

  /** One version of a subject, soft-deleted or not. */
  public Optional<SchemaValue> version(String subject, int version) {
    NavigableMap<Integer, SchemaValue> versions = subjects.get(subject);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /** The highest version number a subject ever had that is still stored, 0 if none. */
  public int highestVersion(String subject) {
    NavigableMap<Integer, SchemaValue> versions = subjects.get(subject);
    return versions == null ? 0 : versions.lastKey();
  }

  /** Subject names in order; subjects whose versions are all soft-deleted only if asked for. */
  public List<String> subjects(boolean includeDeleted) {
    List<String> result = new ArrayList<>();
    for (String subject : subjects.keySet()) {
      if (!versions(subject, includeDeleted).isEmpty()) {
        result.add(subject);
      }
    }
    return result;
  }

  /**
   * A version that holds the schema with a global id (its text and references are the same in every
   * such version); soft-deleted schemas still resolve.
   */
  public Optional<SchemaValue> schemaById(int id) {
    return Optional.ofNullable(schemaById.get(id));
  }

  /** The global id already given to a schema (canonical text and references), in any subject. */
  public OptionalInt idOf(String canonicalSchema, List<SchemaReference> references) {
    Integer id = idByCanonical.get(identity(canonicalSchema, references));
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** Every stored version whose schema references {@code subject} version {@code version}. */
  public List<SchemaValue> referencedBy(String subject, int version) {
    SchemaReference target = new SchemaReference(null, subject, version);
    List<SchemaValue> result = new ArrayList<>();
    for (NavigableMap<Integer, SchemaValue> versions : subjects.values()) {
      for (SchemaValue value : versions.values()) {
        for (SchemaReference reference : value.references()) {
          if (reference.subject().equals(target.subject())
              && reference.version() == target.version()) {
            result.add(value);
            break;
          }
        }
      }
    }
    return result;
  }

  /** The mode set for a subject, if any. */
  public Optional<RegistryMode> subjectMode(String subject) {
    return Optional.ofNullable(subjectModes.get(subject));
  }

  /** The global mode, if set. */
  public Optional<RegistryMode> globalMode() {
    return Optional.ofNullable(globalMode);
  }

  private static String identity(String schema, List<SchemaReference> references) {
    String canonical = references.isEmpty() ? AvroSchemas.canonicalOrSelf(schema) : schema;
    return references.isEmpty() ? canonical : canonical + references;
  }

  /** Every subject version that uses a global id, soft-deleted ones included. */
  public List<SchemaValue> usesOf(int id) {
    List<SchemaValue> result = new ArrayList<>();
    for (NavigableMap<Integer, SchemaValue> versions : subjects.values()) {
      for (SchemaValue value : versions.values()) {
        if (value.id() == id) {
          result.add(value);
        }
      }
    }
    return result;
  }

  /** The highest global id seen so far; the next schema gets this plus one. */
  public int maxId() {
    return maxId;
  }

  /** The level configured for a subject, if any. */
  public Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** The global level, {@link CompatibilityLevel#DEFAULT} unless configured. */
  public CompatibilityLevel globalLevel() {
    return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
  }
}
