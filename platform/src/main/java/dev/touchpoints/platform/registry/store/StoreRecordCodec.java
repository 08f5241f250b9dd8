package dev.touchpoints.platform.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Optional;

/**
 * JSON keys and values of the {@code _schemas} topic in the layout Confluent's registry uses, e.g.
 * key {@code {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}} and value {@code
 * {"subject":"s","version":1,"id":1,"schema":"…","deleted":false}}.
 *
 * <p>Keys are written with a fixed field order: compaction compares key bytes.
 */
public final class StoreRecordCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StoreRecordCodec() {}

  /** The JSON key of a record. */
  public static String encodeKey(StoreKey key) {
    ObjectNode node = MAPPER.createObjectNode();
    if (key instanceof SchemaKey schema) {
      node.put("keytype", "SCHEMA");
      node.put("subject", schema.subject());
      node.put("version", schema.version());
      node.put("magic", 1);
    } else if (key instanceof ConfigKey config) {
      node.put("keytype", "CONFIG");
      node.put("subject", config.subject());
      node.put("magic", 0);
    } else if (key instanceof ModeKey mode) {
      node.put("keytype", "MODE");
      node.put("subject", mode.subject());
      node.put("magic", 0);
    } else if (key instanceof DeleteSubjectKey delete) {
      node.put("keytype", "DELETE_SUBJECT");
      node.put("subject", delete.subject());
      node.put("magic", 0);
    }
    return write(node);
  }

  /** The JSON value of a record, null for a tombstone. */
  public static String encodeValue(StoreValue value) {
    if (value == null) {
      return null;
    }
    ObjectNode node = MAPPER.createObjectNode();
    if (value instanceof SchemaValue schema) {
      node.put("subject", schema.subject());
      node.put("version", schema.version());
      node.put("id", schema.id());
      node.put("schema", schema.schema());
      if (!schema.references().isEmpty()) {
        ArrayNode references = node.putArray("references");
        for (SchemaReference reference : schema.references()) {
          references
              .addObject()
              .put("name", reference.name())
              .put("subject", reference.subject())
              .put("version", reference.version());
        }
      }
      node.put("deleted", schema.deleted());
    } else if (value instanceof ConfigValue config) {
      node.put("compatibilityLevel", config.compatibilityLevel().name());
    } else if (value instanceof ModeValue mode) {
      node.put("subject", mode.subject());
      node.put("mode", mode.mode().name());
    } else if (value instanceof DeleteSubjectValue delete) {
      node.put("subject", delete.subject());
      node.put("version", delete.version());
    }
    return write(node);
  }

  /**
   * Decodes a topic record; empty for key types this registry does not use (Confluent also writes
   * e.g. {@code NOOP} and {@code CONTEXT} records).
   *
   * @throws IllegalArgumentException if the key or value is not valid JSON of the expected shape
   */
  public static Optional<StoreRecord> decode(String key, String value) {
    JsonNode keyNode = read(key);
    String subject = keyNode.path("subject").isTextual() ? keyNode.get("subject").asText() : null;
    String keyType = keyNode.path("keytype").asText("");
    StoreKey storeKey;
    switch (keyType) {
      case "SCHEMA" -> storeKey = new SchemaKey(subject, keyNode.path("version").asInt());
      case "CONFIG" -> storeKey = new ConfigKey(subject);
      case "MODE" -> storeKey = new ModeKey(subject);
      case "DELETE_SUBJECT" -> storeKey = new DeleteSubjectKey(subject);
      default -> {
        return Optional.empty();
      }
    }
    if (value == null) {
      return Optional.of(new StoreRecord(storeKey, null));
    }
    JsonNode node = read(value);
    StoreValue storeValue =
        switch (keyType) {
          case "SCHEMA" ->
              new SchemaValue(
                  node.path("subject").asText(subject),
                  node.path("version").asInt(),
                  node.path("id").asInt(),
                  node.path("schema").asText(),
                  references(node.path("references")),
                  node.path("deleted").asBoolean(false));
          case "CONFIG" ->
              new ConfigValue(
                  CompatibilityLevel.parse(node.path("compatibilityLevel").asText())
                      .orElse(CompatibilityLevel.DEFAULT));
          case "MODE" ->
              new ModeValue(
                  subject,
                  RegistryMode.parse(node.path("mode").asText()).orElse(RegistryMode.DEFAULT));
          default ->
              new DeleteSubjectValue(
                  node.path("subject").asText(subject), node.path("version").asInt());
        };
    return Optional.of(new StoreRecord(storeKey, storeValue));
  }

  private static List<SchemaReference> references(JsonNode array) {
    List<SchemaReference> references = new ArrayList<>();
    for (JsonNode reference : array) {
      references.add(
          new SchemaReference(
              reference.path("name").asText(),
              reference.path("subject").asText(),
              reference.path("version").asInt()));
    }
    return references;
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
