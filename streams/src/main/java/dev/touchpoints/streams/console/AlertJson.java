package dev.touchpoints.streams.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a record of the JSON alert mirror into the shape the console shows: plain values (Avro
 * union wrappers such as {@code {"string": "x"}} unwrapped), timestamps as ISO-8601, and a {@code
 * kind} of {@code customer} or {@code incident}.
 */
public final class AlertJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> UNION_BRANCHES =
      Set.of("string", "int", "long", "double", "float", "boolean", "bytes", "array", "map");
  private static final Set<String> TIMESTAMPS =
      Set.of("eventTime", "windowStart", "windowEnd", "raisedAt", "clearedAt", "occurredAt");

  private AlertJson() {}

  /** The normalized alert, or empty when {@code json} is not a JSON object. */
  public static Optional<ObjectNode> normalize(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (!tree.isObject()) {
        return Optional.empty();
      }
      ObjectNode alert = (ObjectNode) unwrap(tree);
      for (String field : TIMESTAMPS) {
        JsonNode value = alert.get(field);
        if (value != null && value.isNumber()) {
          alert.put(field, Instant.ofEpochMilli(value.asLong()).toString());
        }
      }
      // The kinds of the one alert JSON (records of earlier releases may lack or shorten them).
      JsonNode kind = alert.get("kind");
      boolean incident =
          kind != null && kind.isTextual()
              ? kind.asText().startsWith("incident")
              : isIncident(alert);
      alert.put(
          "kind",
          incident
              ? dev.touchpoints.core.alerts.AlertJson.INCIDENT
              : dev.touchpoints.core.alerts.AlertJson.CUSTOMER);
      return Optional.of(alert);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isIncident(ObjectNode alert) {
    return alert.has("touchpointKind") || alert.has("affectedSubjects");
  }

  private static JsonNode unwrap(JsonNode node) {
    if (node.isObject()) {
      if (node.size() == 1) {
        Map.Entry<String, JsonNode> only = node.fields().next();
        if (UNION_BRANCHES.contains(only.getKey())
            || only.getKey().startsWith("dev.touchpoints.")) {
          return unwrap(only.getValue());
        }
      }
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(field.getKey(), unwrap(field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(unwrap(item)));
      return copy;
    }
    return node;
  }
}
