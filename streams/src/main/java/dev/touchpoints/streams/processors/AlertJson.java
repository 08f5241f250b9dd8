package dev.touchpoints.streams.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import java.util.List;

/**
 * The JSON mirror of both alert topics, for tools without Avro. Field names follow the Avro
 * schemas; {@code "kind"} says which of the two it is; times are ISO-8601.
 */
public final class AlertJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  /** A customer alert as JSON. */
  public static String of(CustomerAlert a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "customer-alert");
    n.put("alertId", a.getAlertId());
    n.put("subjectId", a.getSubjectId());
    n.put("type", a.getType().name());
    n.put("status", a.getStatus().name());
    n.put("severity", a.getSeverity().name());
    n.put("eventTime", a.getEventTime().toString());
    n.put("why", a.getWhy());
    n.put("nextStep", a.getNextStep());
    array(n, "evidence", a.getEvidence());
    n.put("dedupeKey", a.getDedupeKey());
    n.put("incidentId", a.getIncidentId());
    return write(n);
  }

  /** An incident alert as JSON. */
  public static String of(IncidentAlert a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "incident-alert");
    n.put("incidentId", a.getIncidentId());
    n.put("touchpointKind", a.getTouchpointKind());
    n.put("status", a.getStatus().name());
    n.put("severity", a.getSeverity().name());
    n.put("affectedSubjects", a.getAffectedSubjects());
    n.put("failures", a.getFailures());
    n.put("baselinePerWindow", a.getBaselinePerWindow());
    n.put("windowStart", a.getWindowStart().toString());
    n.put("windowEnd", a.getWindowEnd().toString());
    n.put("eventTime", a.getEventTime().toString());
    n.put("why", a.getWhy());
    n.put("nextStep", a.getNextStep());
    array(n, "sampleEvidence", a.getSampleEvidence());
    n.put("dedupeKey", a.getDedupeKey());
    return write(n);
  }

  private static void array(ObjectNode n, String field, List<String> values) {
    ArrayNode array = n.putArray(field);
    values.forEach(array::add);
  }

  private static String write(ObjectNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write alert JSON", e);
    }
  }
}
