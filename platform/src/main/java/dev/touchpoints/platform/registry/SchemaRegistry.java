package dev.touchpoints.platform.registry;

import dev.touchpoints.platform.registry.compat.AvroSchemas;
import dev.touchpoints.platform.registry.compat.CompatibilityChecker;
import dev.touchpoints.platform.registry.compat.CompatibilityLevel;
import dev.touchpoints.platform.registry.compat.ParsedAvro;
import dev.touchpoints.platform.registry.store.RegistryMode;
import dev.touchpoints.platform.registry.store.SchemaReference;
import dev.touchpoints.platform.registry.store.SchemaStore;
import dev.touchpoints.platform.registry.store.StoreException;
import dev.touchpoints.platform.registry.store.StoreRecord;
import dev.touchpoints.platform.registry.store.StoreValue.SchemaValue;
import dev.touchpoints.platform.registry.store.StoreWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The registry's operations with Confluent's semantics, independent of HTTP: each change is written
 * through the {@link StoreWriter} first and applied to the {@link SchemaStore} once it is stored.
 * Operations are serialised – one writer per store.
 */
public final class SchemaRegistry {

  private static final String AVRO = "AVRO";
  private static final String LATEST = "latest";

  /** Deeper reference chains are refused: they are almost certainly a cycle. */
  private static final int MAX_REFERENCE_DEPTH = 32;

  private final SchemaStore store;
  private final StoreWriter writer;

  public SchemaRegistry(SchemaStore store, StoreWriter writer) {
    this.store = store;
    this.writer = writer;
  }

  /**
   * Registers a schema without normalizing it; see {@link #register(String, SchemaRequest,
   * boolean)}.
   */
  public synchronized int register(String subject, SchemaRequest request) {
    return register(subject, request, false);
  }

  /**
   * Registers a schema under a subject, or returns the id it already has there. The same schema in
   * another subject keeps its global id. In IMPORT mode the caller's id and version are used, no
   * compatibility is checked and nothing is normalized.
   *
   * @return the global schema id
   */
  public synchronized int register(String subject, SchemaRequest request, boolean normalize) {
    checkSubjectName(subject);
    RegistryMode mode = modeOf(subject);
    if (mode.readOnly()) {
      throw readOnly(subject);
    }
    boolean importing = mode == RegistryMode.IMPORT;
    ParsedAvro parsed = parse(request, normalize && !importing);
    List<SchemaValue> live = store.versions(subject, false);
    if (request.version() <= 0) {
      Optional<SchemaValue> existing = findEqual(live, parsed, false);
      if (existing.isPresent() && (request.id() < 0 || request.id() == existing.get().id())) {
        return existing.get().id();
      }
    }
    if (request.id() >= 0 && !importing) {
      throw RegistryException.operationNotPermitted(
          "Subject " + subject + " is not in import mode");
    }
    if (request.id() < 0 && mode != RegistryMode.READWRITE) {
      throw RegistryException.operationNotPermitted(
          "Subject " + subject + " is not in read-write mode");
    }
    if (!importing) {
      List<String> problems = incompatibilities(subject, parsed.schema(), live, null);
      if (!problems.isEmpty()) {
        throw RegistryException.incompatible(subject, problems);
      }
    }
    int version = store.highestVersion(subject) + 1;
    if (request.version() > 0) {
      if (!importing && request.version() != version) {
        throw RegistryException.invalidSchema("Version is not one more than previous version");
      }
      version = request.version();
    }
    int id = idFor(parsed, request.id());
    write(
        StoreRecord.schema(
            new SchemaValue(subject, version, id, parsed.canonical(), parsed.references(), false)));
    return id;
  }

  private int idFor(ParsedAvro parsed, int requestedId) {
    OptionalInt knownId = store.idOf(parsed.canonical(), parsed.references());
    if (requestedId < 0) {
      return knownId.isPresent() ? knownId.getAsInt() : store.maxId() + 1;
    }
    Optional<SchemaValue> holder = store.schemaById(requestedId);
    if (holder.isPresent()
        && !(holder.get().schema().equals(parsed.canonical())
            && holder.get().references().equals(parsed.references()))) {
      throw RegistryException.operationNotPermitted(
          "Overwrite new schema with id " + requestedId + " is not permitted.");
    }
    return requestedId;
  }

  /** Finds the version of a subject that holds this schema (newest first). */
  public synchronized SchemaValue lookup(
      String subject, SchemaRequest request, boolean includeDeleted) {
    return lookup(subject, request, includeDeleted, false);
  }

  /**
   * Finds the version of a subject that holds this schema, newest first. A schema sent with every
   * referenced type written out matches a version stored with references.
   */
  public synchronized SchemaValue lookup(
      String subject, SchemaRequest request, boolean includeDeleted, boolean normalize) {
    List<SchemaValue> versions = store.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    ParsedAvro parsed;
    try {
      parsed = parse(request, normalize);
    } catch (RegistryException e) {
      if (e.errorCode() == 42201 && !request.references().isEmpty()) {
        // Confluent answers a lookup whose references do not resolve with "schema not found".
        throw RegistryException.schemaNotFound();
      }
      throw e;
    }
    return findEqual(versions, parsed, normalize).orElseThrow(RegistryException::schemaNotFound);
  }

  private Optional<SchemaValue> findEqual(
      List<SchemaValue> versions, ParsedAvro candidate, boolean normalize) {
    String resolved = normalize ? AvroSchemas.normalized(candidate.schema()) : candidate.resolved();
    for (int i = versions.size() - 1; i >= 0; i--) {
      SchemaValue value = versions.get(i);
      if (value.schema().equals(candidate.canonical())
          && value.references().equals(candidate.references())) {
        return Optional.of(value);
      }
      Schema stored = resolve(value);
      String storedResolved =
          normalize ? AvroSchemas.normalized(stored) : AvroSchemas.canonical(stored);
      if (storedResolved.equals(resolved)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** A version holding the schema with a global id (soft-deleted schemas included). */
  public synchronized SchemaValue schemaById(int id) {
    return store.schemaById(id).orElseThrow(() -> RegistryException.schemaIdNotFound(id));
  }

  /** The highest global id given so far. */
  public synchronized int maxId() {
    return store.maxId();
  }

  /** The subject versions that use a global id, optionally only those of one subject. */
  public synchronized List<SchemaValue> usesOf(int id, boolean includeDeleted, String subject) {
    if (store.schemaById(id).isEmpty()) {
      throw RegistryException.schemaIdNotFound(id);
    }
    return store.usesOf(id).stream()
        .filter(use -> includeDeleted || !use.deleted())
        .filter(use -> subject == null || subject.equals(use.subject()))
        .toList();
  }

  /** The subject versions that use a global id. */
  public synchronized List<SchemaValue> usesOf(int id, boolean includeDeleted) {
    return usesOf(id, includeDeleted, null);
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
    return versions(subject, includeDeleted, false);
  }

  /**
   * The version numbers of a subject, oldest first; only soft-deleted ones if {@code deletedOnly}.
   */
  public synchronized List<Integer> versions(
      String subject, boolean includeDeleted, boolean deletedOnly) {
    List<SchemaValue> versions = store.versions(subject, includeDeleted || deletedOnly);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return versions.stream()
        .filter(value -> !deletedOnly || value.deleted())
        .map(SchemaValue::version)
        .toList();
  }

  /** All subject names in order. */
  public synchronized List<String> subjects(boolean includeDeleted) {
    return store.subjects(includeDeleted);
  }

  /**
   * Subject names in order, filtered and paged as {@code GET /subjects} does.
   *
   * @param prefix only subjects starting with it, or null
   * @param deletedOnly only subjects whose every version is soft-deleted
   * @param limit at most this many, or a negative number for all
   */
  public synchronized List<String> subjects(
      String prefix, boolean includeDeleted, boolean deletedOnly, int offset, int limit) {
    List<String> result = new ArrayList<>();
    for (String subject : store.subjects(includeDeleted || deletedOnly)) {
      if (prefix != null && !subject.startsWith(prefix)) {
        continue;
      }
      if (deletedOnly && !store.versions(subject, false).isEmpty()) {
        continue;
      }
      result.add(subject);
    }
    return page(result, offset, limit);
  }

  /**
   * Every stored version, as {@code GET /schemas} lists them: by subject, then version.
   *
   * @param latestOnly only the newest (listed) version of each subject
   */
  public synchronized List<SchemaValue> schemas(
      String prefix, boolean includeDeleted, boolean latestOnly, int offset, int limit) {
    List<SchemaValue> result = new ArrayList<>();
    for (String subject : store.subjects(includeDeleted)) {
      if (prefix != null && !subject.startsWith(prefix)) {
        continue;
      }
      List<SchemaValue> versions = store.versions(subject, includeDeleted);
      if (latestOnly) {
        result.add(versions.get(versions.size() - 1));
      } else {
        result.addAll(versions);
      }
    }
    return page(result, offset, limit);
  }

  /** The ids of the live schemas that reference a subject version. */
  public synchronized List<Integer> referencedBy(String subject, String version) {
    SchemaValue target = version(subject, version, true);
    return store.referencedBy(subject, target.version()).stream()
        .filter(value -> !value.deleted())
        .map(SchemaValue::id)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * Soft-deletes every live version of a subject, or – with {@code permanent} – removes a
   * soft-deleted subject for good, with its compatibility level and mode (Confluent keeps both on a
   * soft delete since 7.x and drops them on the permanent one).
   *
   * @return the deleted version numbers
   */
  public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    if (modeOf(subject).readOnly()) {
      throw readOnly(subject);
    }
    List<SchemaValue> all = store.versions(subject, true);
    if (all.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    List<SchemaValue> live = store.versions(subject, false);
    List<SchemaValue> targets = permanent ? all : live;
    for (SchemaValue value : targets) {
      for (SchemaValue referrer : store.referencedBy(subject, value.version())) {
        if (!referrer.subject().equals(subject) && (permanent || !referrer.deleted())) {
          throw RegistryException.referenceExists(subject, value.version());
        }
      }
    }
    if (permanent) {
      if (!live.isEmpty()) {
        throw RegistryException.subjectNotSoftDeleted(subject);
      }
      for (int i = all.size() - 1; i >= 0; i--) {
        write(StoreRecord.schemaTombstone(subject, all.get(i).version()));
      }
      dropSubjectSettings(subject);
      return all.stream().map(SchemaValue::version).toList();
    }
    if (live.isEmpty()) {
      throw RegistryException.subjectSoftDeleted(subject);
    }
    write(StoreRecord.deleteSubject(subject, live.get(live.size() - 1).version()));
    for (SchemaValue value : live) {
      write(StoreRecord.schema(value.asDeleted()));
    }
    return live.stream().map(SchemaValue::version).toList();
  }

  /**
   * Soft-deletes one version, or – with {@code permanent} – removes a soft-deleted version. When
   * the last version is removed for good, the subject's level and mode go with it.
   *
   * @return the deleted version number
   */
  public synchronized int deleteVersion(String subject, String version, boolean permanent) {
    if (modeOf(subject).readOnly()) {
      throw readOnly(subject);
    }
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
    for (SchemaValue referrer : store.referencedBy(subject, target.version())) {
      if (permanent || !referrer.deleted()) {
        throw RegistryException.referenceExists(subject, target.version());
      }
    }
    if (permanent) {
      if (!target.deleted()) {
        throw RegistryException.versionNotSoftDeleted(subject, target.version());
      }
      write(StoreRecord.schemaTombstone(subject, target.version()));
      if (store.versions(subject, true).isEmpty()) {
        dropSubjectSettings(subject);
      }
    } else {
      if (target.deleted()) {
        throw RegistryException.versionSoftDeleted(subject, target.version());
      }
      write(StoreRecord.schema(target.asDeleted()));
    }
    return target.version();
  }

  private void dropSubjectSettings(String subject) {
    if (store.subjectLevel(subject).isPresent()) {
      write(StoreRecord.configTombstone(subject));
    }
    if (store.subjectMode(subject).isPresent()) {
      write(StoreRecord.modeTombstone(subject));
    }
  }

  /** The global compatibility level. */
  public synchronized CompatibilityLevel globalLevel() {
    return store.globalLevel();
  }

  /** Sets the global compatibility level. */
  public synchronized CompatibilityLevel setGlobalLevel(String level) {
    CompatibilityLevel parsed = parseLevel(level);
    if (globalMode().readOnly()) {
      throw readOnly(null);
    }
    write(StoreRecord.config(null, parsed));
    return parsed;
  }

  /** Resets the global level to the default; returns the level it had. */
  public synchronized CompatibilityLevel resetGlobalLevel() {
    if (globalMode().readOnly()) {
      throw readOnly(null);
    }
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
    if (modeOf(subject).readOnly()) {
      throw readOnly(subject);
    }
    write(StoreRecord.config(subject, parsed));
    return parsed;
  }

  /** Removes the level of one subject; returns the level it had. */
  public synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
    if (modeOf(subject).readOnly()) {
      throw readOnly(subject);
    }
    CompatibilityLevel previous =
        store
            .subjectLevel(subject)
            .orElseThrow(() -> RegistryException.subjectLevelNotConfigured(subject));
    write(StoreRecord.configTombstone(subject));
    return previous;
  }

  /** The global mode, READWRITE unless set. */
  public synchronized RegistryMode globalMode() {
    return store.globalMode().orElse(RegistryMode.DEFAULT);
  }

  /**
   * The mode set for a subject; without one, the global mode if {@code defaultToGlobal}, else error
   * 40409.
   */
  public synchronized RegistryMode subjectMode(String subject, boolean defaultToGlobal) {
    Optional<RegistryMode> mode = store.subjectMode(subject);
    if (mode.isPresent()) {
      return mode.get();
    }
    if (defaultToGlobal) {
      return globalMode();
    }
    throw RegistryException.subjectModeNotConfigured(subject);
  }

  /**
   * Sets the mode of a subject, or the global one when {@code subject} is null; a null mode clears
   * it. Entering IMPORT requires that no live subject is in scope unless {@code force}; the
   * soft-deleted versions in scope are then removed for good, so imported ids and versions cannot
   * collide with them.
   *
   * @return the mode set, null when cleared
   */
  public synchronized RegistryMode setMode(String subject, String mode, boolean force) {
    if (mode == null) {
      write(StoreRecord.modeTombstone(subject));
      return null;
    }
    RegistryMode parsed =
        RegistryMode.parse(mode).orElseThrow(() -> RegistryException.invalidMode(mode));
    if (parsed == RegistryMode.IMPORT && modeOf(subject) != RegistryMode.IMPORT && !force) {
      List<String> inScope = subject == null ? store.subjects(true) : List.of(subject);
      for (String name : inScope) {
        if (!store.versions(name, false).isEmpty()) {
          throw RegistryException.operationNotPermitted(
              "Cannot import since found existing subjects");
        }
      }
      for (String name : inScope) {
        List<SchemaValue> deleted = store.versions(name, true);
        for (int i = deleted.size() - 1; i >= 0; i--) {
          write(StoreRecord.schemaTombstone(name, deleted.get(i).version()));
        }
      }
    }
    write(StoreRecord.mode(subject, parsed));
    return parsed;
  }

  /** Clears the mode of a subject (40409 if none) or the global one; returns the mode it had. */
  public synchronized RegistryMode deleteMode(String subject) {
    RegistryMode previous = subject == null ? globalMode() : subjectMode(subject, false);
    write(StoreRecord.modeTombstone(subject));
    return previous;
  }

  /**
   * Tests a schema against a subject without registering it: against one version (a number or
   * {@code latest}, the latest live version only – whatever the level), or – when {@code version}
   * is null – against the versions registering would check.
   *
   * @param verbose report an invalid schema as an incompatibility message instead of error 42201
   */
  public synchronized CompatibilityResult testCompatibility(
      String subject, String version, SchemaRequest request, boolean normalize, boolean verbose) {
    List<SchemaValue> against;
    if (version == null) {
      against = store.versions(subject, false);
    } else if (isLatest(version)) {
      List<SchemaValue> live = store.versions(subject, false);
      against = live.isEmpty() ? List.of() : List.of(live.get(live.size() - 1));
    } else {
      int number = parseVersion(version);
      against =
          List.of(
              store.versions(subject, false).stream()
                  .filter(value -> value.version() == number)
                  .findFirst()
                  .orElseThrow(() -> RegistryException.versionNotFound(number)));
    }
    ParsedAvro parsed;
    try {
      parsed = parse(request, normalize);
    } catch (RegistryException e) {
      if (verbose && e.errorCode() == 42201) {
        return new CompatibilityResult(false, List.of(e.getMessage()));
      }
      throw e;
    }
    return CompatibilityResult.of(incompatibilities(subject, parsed.schema(), against, version));
  }

  /** Tests a schema as registering would, without normalizing or verbose messages. */
  public synchronized CompatibilityResult testCompatibility(
      String subject, String version, SchemaRequest request) {
    return testCompatibility(subject, version, request, false, false);
  }

  /**
   * The problems of {@code candidate} against {@code versions} under the subject's level, with the
   * version, schema and level of each conflict, in Confluent's message layout. {@code explicit}
   * non-null means the caller chose the versions: each is checked whatever the level.
   */
  private List<String> incompatibilities(
      String subject, Schema candidate, List<SchemaValue> versions, String explicit) {
    CompatibilityLevel level = levelOf(subject);
    if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
      return List.of();
    }
    List<SchemaValue> against =
        explicit != null || level.transitive()
            ? versions
            : List.of(versions.get(versions.size() - 1));
    List<String> messages = new ArrayList<>();
    for (SchemaValue existing : against) {
      List<String> problems =
          CompatibilityChecker.check(level, candidate, List.of(resolve(existing)));
      if (!problems.isEmpty()) {
        messages.addAll(problems);
        messages.add("{oldSchemaVersion: " + existing.version() + "}");
        messages.add("{oldSchema: '" + existing.schema() + "'}");
      }
    }
    if (!messages.isEmpty()) {
      messages.add("{compatibility: '" + level.name() + "'}");
    }
    return messages;
  }

  private CompatibilityLevel levelOf(String subject) {
    return store.subjectLevel(subject).orElse(store.globalLevel());
  }

  private RegistryMode modeOf(String subject) {
    if (subject != null) {
      Optional<RegistryMode> mode = store.subjectMode(subject);
      if (mode.isPresent()) {
        return mode.get();
      }
    }
    return store.globalMode().orElse(RegistryMode.DEFAULT);
  }

  private static RegistryException readOnly(String subject) {
    return RegistryException.operationNotPermitted(
        (subject == null ? "The registry" : "Subject " + subject) + " is in read-only mode");
  }

  private void write(StoreRecord record) {
    try {
      writer.write(record);
    } catch (StoreException e) {
      throw RegistryException.storeError(e.getMessage(), e);
    }
    store.apply(record);
  }

  private ParsedAvro parse(SchemaRequest request, boolean normalize) {
    if (request.schemaType() != null && !AVRO.equalsIgnoreCase(request.schemaType())) {
      throw RegistryException.invalidSchema(
          "schemaType " + request.schemaType() + " is not supported, only AVRO");
    }
    Schema.Parser parser = new Schema.Parser();
    Set<SchemaReference> loaded = new HashSet<>();
    List<SchemaReference> references = new ArrayList<>();
    for (SchemaReference reference : request.references()) {
      references.add(load(parser, reference, loaded, 0));
    }
    if (normalize) {
      // Confluent sorts references on normalize, so their order does not make two schemas differ.
      references.sort(
          (a, b) ->
              (a.name() + '\u0000' + a.subject()).compareTo(b.name() + '\u0000' + b.subject()));
    }
    try {
      return AvroSchemas.parseWithReferences(parser, request.schema(), references, normalize);
    } catch (IllegalArgumentException e) {
      throw RegistryException.invalidSchema(e.getMessage());
    }
  }

  /**
   * Parses a referenced version (its own references first) into {@code parser}, once each.
   *
   * @return the reference with {@code latest} (-1) replaced by the version it resolved to
   */
  private SchemaReference load(
      Schema.Parser parser, SchemaReference reference, Set<SchemaReference> loaded, int depth) {
    if (depth > MAX_REFERENCE_DEPTH) {
      throw RegistryException.invalidSchema("schema references nest too deep (a cycle?)");
    }
    if (reference.name() == null || reference.subject() == null) {
      throw RegistryException.invalidSchema("a reference needs a name, a subject and a version");
    }
    Optional<SchemaValue> target =
        reference.version() == -1
            ? store.versions(reference.subject(), false).stream().reduce((first, second) -> second)
            : store.version(reference.subject(), reference.version());
    if (target.isEmpty()) {
      throw RegistryException.invalidSchema(
          "reference "
              + reference.name()
              + " to subject '"
              + reference.subject()
              + "' version "
              + reference.version()
              + " not found");
    }
    SchemaValue value = target.get();
    SchemaReference resolved =
        new SchemaReference(reference.name(), reference.subject(), value.version());
    if (!loaded.add(resolved)) {
      return resolved;
    }
    for (SchemaReference nested : value.references()) {
      load(parser, nested, loaded, depth + 1);
    }
    try {
      AvroSchemas.parse(parser, value.schema());
    } catch (IllegalArgumentException e) {
      throw RegistryException.invalidSchema(
          "referenced schema "
              + reference.subject()
              + " v"
              + value.version()
              + ": "
              + e.getMessage());
    }
    return resolved;
  }

  /** A stored version parsed with its references. */
  private Schema resolve(SchemaValue value) {
    if (value.references().isEmpty()) {
      return AvroSchemas.parse(value.schema());
    }
    Schema.Parser parser = new Schema.Parser();
    Set<SchemaReference> loaded = new HashSet<>();
    for (SchemaReference reference : value.references()) {
      load(parser, reference, loaded, 0);
    }
    return AvroSchemas.parse(parser, value.schema());
  }

  /** Confluent refuses subject names with control characters (error 42208). */
  private static void checkSubjectName(String subject) {
    if (subject == null || subject.chars().anyMatch(Character::isISOControl)) {
      throw RegistryException.invalidSubject(subject);
    }
  }

  private static <T> List<T> page(List<T> items, int offset, int limit) {
    int from = Math.min(Math.max(offset, 0), items.size());
    int to = limit < 0 ? items.size() : (int) Math.min((long) from + limit, items.size());
    return List.copyOf(items.subList(from, to));
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
