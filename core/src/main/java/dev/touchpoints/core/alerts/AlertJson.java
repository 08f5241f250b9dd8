package dev.touchpoints.core.alerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.serde.AvroJson;

/**
 * The one JSON form of an alert: the {@code kind} ({@value #CUSTOMER} or {@value #INCIDENT}), then
 * every field of the Avro record as {@link AvroJson} writes it (times as ISO-8601 text, enums by
 * name). The JSON mirror topic, the query API, the console's live feed and the ops CLI all render
 * alerts with it, so a field added to the schema reaches every one of them.
 */
public final class AlertJson {

  /** {@code kind} of a per-customer alert. */
  public static final String CUSTOMER = "customer-alert";

  /** {@code kind} of an incident alert. */
  public static final String INCIDENT = "incident-alert";

  private AlertJson() {}

  /** A customer alert. */
  public static ObjectNode of(CustomerAlert alert) {
    return with(CUSTOMER, AvroJson.toJson(alert));
  }

  /** An incident alert. */
  public static ObjectNode of(IncidentAlert alert) {
    return with(INCIDENT, AvroJson.toJson(alert));
  }

  private static ObjectNode with(String kind, ObjectNode fields) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", kind);
    node.setAll(fields);
    return node;
  }
}
