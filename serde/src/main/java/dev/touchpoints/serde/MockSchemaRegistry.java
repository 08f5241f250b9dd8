package dev.touchpoints.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * In-JVM registries for {@code mock://scope} URLs, as Confluent's serdes offer: every serde
 * configured with the same scope shares one registry. Meant for tests with {@code
 * TopologyTestDriver}; compatibility is checked BACKWARD against the latest version.
 */
public final class MockSchemaRegistry {

  private static final Map<String, SchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private MockSchemaRegistry() {}

  /** The registry of {@code scope}, created on first use. */
  public static SchemaRegistryClient forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemoryClient());
  }

  /** Forgets the registry of {@code scope}. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  private static final class InMemoryClient implements SchemaRegistryClient {
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Schema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> versions = new ConcurrentHashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
      List<Integer> subjectVersions = versions.computeIfAbsent(subject, s -> new ArrayList<>());
      Integer known = ids.get(schema);
      if (known != null && subjectVersions.contains(known)) {
        return known;
      }
      if (!isCompatible(subject, schema)) {
        throw new IncompatibleSchemaException(subject, 409, "not BACKWARD compatible");
      }
      int id = known != null ? known : nextId.getAndIncrement();
      ids.put(schema, id);
      schemas.put(id, schema);
      subjectVersions.add(id);
      return id;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
      Integer id = ids.get(schema);
      if (id == null || !versions.getOrDefault(subject, List.of()).contains(id)) {
        throw new SchemaRegistryException(404, 40403, "Schema not found");
      }
      return id;
    }

    @Override
    public Schema getById(int id) {
      Schema schema = schemas.get(id);
      if (schema == null) {
        throw new SchemaRegistryException(404, 40403, "Schema " + id + " not found");
      }
      return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
      List<Integer> v = versions.get(subject);
      if (v == null || v.isEmpty()) {
        throw new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found");
      }
      int id = v.get(v.size() - 1);
      return new RegisteredSchema(subject, v.size(), id, schemas.get(id));
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
      List<Integer> v = versions.get(subject);
      if (v == null || v.isEmpty()) {
        return true;
      }
      Schema latest = schemas.get(v.get(v.size() - 1));
      return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
          == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    @Override
    public synchronized List<String> subjects() {
      return List.copyOf(versions.keySet());
    }
  }
}
