package dev.touchpoints.producers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.core.validation.Violation;
import dev.touchpoints.producers.events.EventType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps the gateway's flat JSON form of an event to its Avro record and back. The JSON object has a
 * {@code type} discriminator ({@link EventType#key()}), the envelope fields and the payload fields
 * side by side, named as in the Avro schemas:
 *
 * <pre>{@code
 * {"type":"support.case_opened","eventId":"…","subjectId":"cust-42",
 *  "occurredAt":"2026-11-01T10:00:00Z","source":"helpdesk","caseId":"case-7",
 *  "kind":"COMPLAINT","nextUpdateDueAt":"2026-11-03T10:00:00Z"}
 * }</pre>
 *
 * <p>The mapping is driven by the schemas: strings are JSON strings, {@code long}/{@code int} are
 * JSON integers, booleans {@code true}/{@code false}, enums are their symbol, timestamps ISO-8601
 * strings with an offset. Optional fields may be absent or null; a field with a default in the
 * schema (an identity link's {@code deliberate}) may be absent and takes it. Unknown fields are
 * rejected, so a typo cannot silently drop a due date. A missing {@code eventId} is generated. Only
 * the shape is checked here; the rules are the {@code EventValidator}'s.
 */
public final class EventJson {

  /** The discriminator field. */
  public static final String TYPE = "type";

  private static final Schema ENVELOPE = Envelope.getClassSchema();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Supplier<String> eventIds;

  /** A mapper generating random UUIDs for missing event ids. */
  public EventJson() {
    this(() -> UUID.randomUUID().toString());
  }

  /** A mapper with its own event id generator. */
  public EventJson(Supplier<String> eventIds) {
    this.eventIds = eventIds;
  }

  /** Maps one JSON value to an event; never throws for bad input. */
  public MappedEvent fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      return MappedEvent.failed(
          null, List.of(new Violation("event", "wrong_type", "must be a JSON object")));
    }
    JsonNode typeNode = node.get(TYPE);
    if (typeNode == null || typeNode.isNull()) {
      return MappedEvent.failed(null, List.of(new Violation(TYPE, "missing", "is required")));
    }
    if (!typeNode.isTextual()) {
      return MappedEvent.failed(
          null, List.of(new Violation(TYPE, "wrong_type", "must be a string")));
    }
    EventType type = EventType.byKey(typeNode.asText()).orElse(null);
    if (type == null) {
      return MappedEvent.failed(
          null,
          List.of(
              new Violation(TYPE, "unknown_type", "is not a known event type; see /openapi.json")));
    }
    List<Violation> violations = new ArrayList<>();
    unknownFields(node, type, violations);
    SpecificRecord envelope = record(ENVELOPE, node, "envelope.", violations);
    if (envelope != null && ((Envelope) envelope).getEventId() == null) {
      ((Envelope) envelope).setEventId(eventIds.get());
    }
    SpecificRecord payload = record(type.payloadSchema(), node, "payload.", violations);
    if (!violations.isEmpty()) {
      return MappedEvent.failed(type, violations);
    }
    SpecificRecord event = EventType.newRecord(EventType.schemaOfClass(type.eventClass()));
    event.put(0, envelope);
    event.put(1, payload);
    return MappedEvent.of(type, event);
  }

  /** The flat JSON form of an event (the inverse of {@link #fromJson}). */
  public ObjectNode toJson(SpecificRecord event) {
    EventType type = EventType.of(event);
    ObjectNode out = NODES.objectNode();
    out.put(TYPE, type.key());
    write((SpecificRecord) event.get(0), out);
    write((SpecificRecord) event.get(1), out);
    return out;
  }

  private static void unknownFields(JsonNode node, EventType type, List<Violation> violations) {
    Set<String> known = new java.util.HashSet<>();
    known.add(TYPE);
    ENVELOPE.getFields().forEach(f -> known.add(f.name()));
    type.payloadSchema().getFields().forEach(f -> known.add(f.name()));
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      String name = fields.next().getKey();
      if (!known.contains(name)) {
        // The unknown name comes from the caller; repeat it only when it is short and printable.
        String shown =
            name.length() <= 64 && name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                ? name
                : "(unprintable)";
        violations.add(new Violation(shown, "unknown_field", "is not a field of " + type.key()));
      }
    }
  }

  private static SpecificRecord record(
      Schema schema, JsonNode node, String prefix, List<Violation> violations) {
    SpecificRecord record = EventType.newRecord(schema);
    int before = violations.size();
    for (Schema.Field field : schema.getFields()) {
      JsonNode value = node.get(field.name());
      String path = prefix + field.name();
      Schema fieldSchema = field.schema();
      boolean optional = fieldSchema.isNullable();
      if (value == null && !optional && field.hasDefaultValue()) {
        record.put(field.pos(), SpecificData.get().getDefaultValue(field));
        continue;
      }
      if (value == null || value.isNull()) {
        if (!optional && !(prefix.equals("envelope.") && field.name().equals("eventId"))) {
          violations.add(new Violation(path, "missing", "is required"));
        }
        continue;
      }
      Object converted = convert(nonNull(fieldSchema), value, path, violations);
      if (converted != null) {
        record.put(field.pos(), converted);
      }
    }
    return violations.size() == before ? record : null;
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }

  private static Object convert(
      Schema schema, JsonNode value, String path, List<Violation> violations) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMillis) {
      if (!value.isTextual()) {
        violations.add(wrongType(path, "an ISO-8601 timestamp such as 2026-11-01T10:00:00Z"));
        return null;
      }
      try {
        return OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant()
            .truncatedTo(ChronoUnit.MILLIS);
      } catch (DateTimeParseException e) {
        violations.add(wrongType(path, "an ISO-8601 timestamp such as 2026-11-01T10:00:00Z"));
        return null;
      }
    }
    switch (schema.getType()) {
      case STRING:
        if (!value.isTextual()) {
          violations.add(wrongType(path, "a string"));
          return null;
        }
        return value.asText();
      case LONG:
        if (!value.isIntegralNumber()) {
          violations.add(wrongType(path, "an integer"));
          return null;
        }
        if (!value.canConvertToLong()) {
          violations.add(new Violation(path, "out_of_range", "is too large"));
          return null;
        }
        return value.longValue();
      case INT:
        if (!value.isIntegralNumber()) {
          violations.add(wrongType(path, "an integer"));
          return null;
        }
        if (!value.canConvertToInt()) {
          violations.add(new Violation(path, "out_of_range", "is too large"));
          return null;
        }
        return value.intValue();
      case BOOLEAN:
        if (!value.isBoolean()) {
          violations.add(wrongType(path, "true or false"));
          return null;
        }
        return value.booleanValue();
      case DOUBLE:
        if (!value.isNumber()) {
          violations.add(wrongType(path, "a number"));
          return null;
        }
        return value.doubleValue();
      case ENUM:
        if (!value.isTextual() || !schema.getEnumSymbols().contains(value.asText())) {
          violations.add(
              new Violation(
                  path,
                  "unknown_value",
                  "must be one of " + String.join(", ", schema.getEnumSymbols())));
          return null;
        }
        return enumValue(schema, value.asText());
      default:
        throw new IllegalStateException("unsupported schema type " + schema.getType());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Schema schema, String symbol) {
    try {
      Class<? extends Enum> type =
          (Class<? extends Enum>)
              Class.forName(schema.getFullName(), true, EventJson.class.getClassLoader());
      return Enum.valueOf(type, symbol);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no generated enum " + schema.getFullName(), e);
    }
  }

  private static Violation wrongType(String path, String expected) {
    return new Violation(path, "wrong_type", "must be " + expected);
  }

  private static void write(SpecificRecord record, ObjectNode out) {
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (value == null) {
        continue;
      }
      String name = field.name();
      if (value instanceof Instant instant) {
        out.put(name, instant.toString());
      } else if (value instanceof Long l) {
        out.put(name, l);
      } else if (value instanceof Integer i) {
        out.put(name, i);
      } else if (value instanceof Double d) {
        out.put(name, d);
      } else if (value instanceof Boolean b) {
        out.put(name, b);
      } else {
        out.put(name, value.toString());
      }
    }
  }
}
