package dev.touchpoints.producers.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.producers.events.EventType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The gateway's OpenAPI 3 document, generated from the Avro schemas so that it cannot drift from
 * what the gateway accepts: one component per event type, {@code oneOf} them by {@code type}.
 */
final class OpenApi {

  private static final JsonNodeFactory N = JsonNodeFactory.instance;

  private OpenApi() {}

  static ObjectNode document() {
    ObjectNode doc = N.objectNode();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Touchpoints ingestion gateway");
    info.put("version", "1");
    info.put(
        "description",
        "Publish customer touchpoint events and identity links. Answers only after Kafka"
            + " acknowledged the events.");
    ObjectNode components = doc.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    ArrayNode oneOf = N.arrayNode();
    ObjectNode mapping = N.objectNode();
    for (EventType type : EventType.all()) {
      String name = componentName(type);
      schemas.set(name, eventSchema(type));
      oneOf.addObject().put("$ref", "#/components/schemas/" + name);
      mapping.put(type.key(), "#/components/schemas/" + name);
    }
    ObjectNode event = schemas.putObject("Event");
    event.set("oneOf", oneOf);
    event.putObject("discriminator").put("propertyName", "type").set("mapping", mapping);
    schemas.set("Error", errorSchema());
    schemas.set("Result", resultSchema());
    ObjectNode security = components.putObject("securitySchemes");
    security.putObject("apiKey").put("type", "apiKey").put("in", "header").put("name", "X-Api-Key");
    doc.putArray("security").addObject().putArray("apiKey");
    ObjectNode paths = doc.putObject("paths");
    paths.set("/v1/events", post("One event", "application/json", ref("Event")));
    ObjectNode batch =
        post(
            "A batch: a JSON array, or NDJSON (one event per line) with Content-Type"
                + " application/x-ndjson",
            "application/json",
            N.objectNode().put("type", "array").set("items", ref("Event")));
    batch
        .withObjectProperty("post")
        .withObjectProperty("requestBody")
        .withObjectProperty("content")
        .putObject("application/x-ndjson")
        .putObject("schema")
        .put("type", "string");
    paths.set("/v1/events:batch", batch);
    paths.set("/v1/events/batch", batch.deepCopy());
    paths.set("/health", get("Liveness"));
    paths.set("/ready", get("Readiness: Kafka reachable"));
    paths.set("/metrics", get("Prometheus metrics"));
    return doc;
  }

  private static ObjectNode eventSchema(EventType type) {
    ObjectNode schema = N.objectNode();
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    ArrayNode required = schema.putArray("required");
    ObjectNode props = schema.putObject("properties");
    props.putObject("type").put("type", "string").putArray("enum").add(type.key());
    required.add("type");
    for (Schema.Field f : Envelope.getClassSchema().getFields()) {
      props.set(f.name(), property(f));
      if (!f.schema().isNullable() && !f.name().equals("eventId")) {
        required.add(f.name());
      }
    }
    for (Schema.Field f : type.payloadSchema().getFields()) {
      props.set(f.name(), property(f));
      // A field with a default in the schema may be left out; the gateway fills the default in.
      if (!f.schema().isNullable() && !f.hasDefaultValue()) {
        required.add(f.name());
      }
    }
    return schema;
  }

  private static ObjectNode property(Schema.Field field) {
    Schema s = field.schema();
    boolean nullable = s.isNullable();
    if (s.getType() == Schema.Type.UNION) {
      s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().get();
    }
    ObjectNode p = N.objectNode();
    if (s.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      p.put("type", "string").put("format", "date-time");
    } else {
      switch (s.getType()) {
        case STRING -> p.put("type", "string");
        case LONG -> p.put("type", "integer").put("format", "int64");
        case INT -> p.put("type", "integer").put("format", "int32");
        case DOUBLE -> p.put("type", "number");
        case BOOLEAN -> p.put("type", "boolean");
        case ENUM -> {
          p.put("type", "string");
          ArrayNode symbols = p.putArray("enum");
          s.getEnumSymbols().forEach(symbols::add);
        }
        default -> p.put("type", "string");
      }
    }
    if (nullable) {
      p.put("nullable", true);
    } else if (field.defaultVal() instanceof Boolean b) {
      p.put("default", b);
    }
    if (field.doc() != null) {
      p.put("description", field.doc());
    }
    if (field.name().equals("eventId")) {
      p.put("description", "Unique id; generated when absent. Give one to retry safely.");
    }
    return p;
  }

  private static ObjectNode post(String summary, String contentType, ObjectNode schema) {
    ObjectNode item = N.objectNode();
    ObjectNode op = item.putObject("post");
    op.put("summary", summary);
    op.putObject("requestBody")
        .put("required", true)
        .putObject("content")
        .putObject(contentType)
        .set("schema", schema);
    ObjectNode responses = op.putObject("responses");
    responses.set("202", response("Every event stored in Kafka", "Result"));
    responses.set("207", response("Some events stored, others rejected (see rejected)", "Result"));
    for (String[] r :
        new String[][] {
          {"400", "Malformed JSON or body shape"},
          {"401", "Missing API key"},
          {"403", "Unknown API key"},
          {"413", "Body or batch too large"},
          {"415", "Content type not accepted"},
          {"422", "No valid event"},
          {"503", "Kafka unavailable; retry after Retry-After seconds"}
        }) {
      responses.set(r[0], response(r[1], "Error"));
    }
    return item;
  }

  private static ObjectNode get(String summary) {
    ObjectNode item = N.objectNode();
    ObjectNode op = item.putObject("get");
    op.put("summary", summary);
    op.putArray("security");
    op.putObject("responses").putObject("200").put("description", "OK");
    return item;
  }

  private static ObjectNode response(String description, String schema) {
    ObjectNode r = N.objectNode();
    r.put("description", description);
    r.putObject("content").putObject("application/json").set("schema", ref(schema));
    return r;
  }

  private static ObjectNode ref(String name) {
    return N.objectNode().put("$ref", "#/components/schemas/" + name);
  }

  private static ObjectNode errorSchema() {
    ObjectNode s = N.objectNode().put("type", "object");
    ObjectNode p = s.putObject("properties");
    p.putObject("error").put("type", "string");
    p.putObject("field").put("type", "string").put("nullable", true);
    p.putObject("message").put("type", "string");
    return s;
  }

  private static ObjectNode resultSchema() {
    ObjectNode s = N.objectNode().put("type", "object");
    ObjectNode p = s.putObject("properties");
    ObjectNode acc = p.putObject("accepted").put("type", "array").putObject("items");
    acc.put("type", "object");
    acc.putObject("properties").putObject("index").put("type", "integer");
    acc.withObjectProperty("properties").putObject("eventId").put("type", "string");
    ObjectNode rej = p.putObject("rejected").put("type", "array").putObject("items");
    rej.put("type", "object");
    ObjectNode rp = rej.putObject("properties");
    rp.putObject("index").put("type", "integer");
    rp.putObject("error").put("type", "string");
    rp.putObject("field").put("type", "string");
    rp.putObject("message").put("type", "string");
    return s;
  }

  private static String componentName(EventType type) {
    StringBuilder out = new StringBuilder();
    for (String part : type.key().split("[._]")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }
}
