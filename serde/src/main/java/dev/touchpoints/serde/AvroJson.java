package dev.touchpoints.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Turns Avro records into plain JSON for the HTTP edge: field names as in the schema, enums as
 * their symbol, optional fields as the value or {@code null} (no Avro union wrappers), timestamps
 * as ISO-8601 strings and bytes as base64.
 */
public final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  /** One record as a JSON object. */
  public static ObjectNode toJson(IndexedRecord record) {
    ObjectNode node = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      node.set(field.name(), value(field.schema(), record.get(field.pos())));
    }
    return node;
  }

  /** A shared mapper configured for the edge (no failure on unknown properties). */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .configure(
            com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            false);
  }

  private static JsonNode value(Schema schema, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof IndexedRecord record) {
      return toJson(record);
    }
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    if (value instanceof Long millis && isTimestamp(schema)) {
      return NODES.textNode(Instant.ofEpochMilli(millis).toString());
    }
    if (value instanceof CharSequence
        || value instanceof Enum<?>
        || value instanceof GenericEnumSymbol<?>) {
      return NODES.textNode(value.toString());
    }
    if (value instanceof Collection<?> items) {
      ArrayNode array = NODES.arrayNode();
      Schema itemSchema = element(schema, Schema.Type.ARRAY);
      items.forEach(
          item -> array.add(value(itemSchema == null ? null : itemSchema.getElementType(), item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      Schema mapSchema = element(schema, Schema.Type.MAP);
      map.forEach(
          (k, v) ->
              object.set(
                  String.valueOf(k),
                  value(mapSchema == null ? null : mapSchema.getValueType(), v)));
      return object;
    }
    if (value instanceof ByteBuffer bytes) {
      ByteBuffer copy = bytes.duplicate();
      byte[] raw = new byte[copy.remaining()];
      copy.get(raw);
      return NODES.textNode(Base64.getEncoder().encodeToString(raw));
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return NODES.numberNode(f);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.textNode(value.toString());
  }

  private static boolean isTimestamp(Schema schema) {
    Schema actual = element(schema, Schema.Type.LONG);
    return actual != null
        && actual.getLogicalType() != null
        && actual.getLogicalType().getName().startsWith("timestamp");
  }

  /** The branch of {@code schema} (itself or inside a union) of the given type, if any. */
  private static Schema element(Schema schema, Schema.Type type) {
    if (schema == null) {
      return null;
    }
    if (schema.getType() == type) {
      return schema;
    }
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().filter(s -> s.getType() == type).findFirst().orElse(null);
    }
    return null;
  }
}
