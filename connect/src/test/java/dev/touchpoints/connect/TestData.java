package dev.touchpoints.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Alert JSON as the engine writes it to the mirror, built field by field. */
final class TestData {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestData() {}

  /** A customer alert builder with every field set. */
  static Builder customerAlert(String subjectId) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "customer-alert");
    n.put("alertId", "a-" + subjectId + "-silence-raised");
    n.put("subjectId", subjectId);
    n.put("type", "LEFT_IN_SILENCE");
    n.put("status", "RAISED");
    n.put("severity", "HIGH");
    n.put("eventTime", "2026-11-20T09:14:00Z");
    n.put("why", "Complaint case-2 is open and nothing was sent for 2 days: left in silence.");
    n.put("nextStep", "Send an update now: where the case stands and when they hear next");
    n.putArray("evidence").add("ev-1").add("ev-2");
    n.put("dedupeKey", "silence:case-2");
    n.putNull("incidentId");
    return new Builder(n);
  }

  /** An incident alert builder with every field set. */
  static Builder incidentAlert(String touchpointKind) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "incident-alert");
    n.put("incidentId", touchpointKind + "@2026-11-20T09:10:00Z");
    n.put("touchpointKind", touchpointKind);
    n.put("status", "OPEN");
    n.put("severity", "CRITICAL");
    n.put("affectedSubjects", 240);
    n.put("failures", 260L);
    n.put("baselinePerWindow", 0.4);
    n.put("windowStart", "2026-11-20T09:10:00Z");
    n.put("windowEnd", "2026-11-20T09:15:00Z");
    n.put("eventTime", "2026-11-20T09:12:30Z");
    n.put("why", "240 customers hit Checkout error (web): something is broken for everyone.");
    n.put("nextStep", "Check the service, post a status message, brief support");
    n.putArray("sampleEvidence").add("ev-9");
    n.put("dedupeKey", "incident:" + touchpointKind);
    return new Builder(n);
  }

  /**
   * Routing settings: the documented example, CRITICAL incidents to PagerDuty, the rest to Slack.
   */
  static Map<String, String> pagerDutyAndSlack() {
    Map<String, String> props = new HashMap<>();
    props.put("routes", "pagerduty,slack");
    props.put("route.pagerduty.format", "pagerduty");
    props.put("route.pagerduty.url", "http://localhost:1/pd");
    props.put("route.pagerduty.routing.key", "R0UTINGKEY");
    props.put("route.pagerduty.kinds", "incident-alert");
    props.put("route.pagerduty.min.severity", "CRITICAL");
    props.put("route.slack.format", "slack");
    props.put("route.slack.url", "http://localhost:1/services/T000/B000/XXXX");
    props.put("route.slack.min.severity", "WARNING");
    props.put("console.url", "https://ops.example.com/console/");
    return props;
  }

  static final class Builder {
    private final ObjectNode node;

    private Builder(ObjectNode node) {
      this.node = node;
    }

    Builder with(String field, String value) {
      node.put(field, value);
      return this;
    }

    Builder without(String field) {
      node.remove(field);
      return this;
    }

    Builder evidence(List<String> ids) {
      var array = node.putArray("evidence");
      ids.forEach(array::add);
      return this;
    }

    String json() {
      return node.toString();
    }

    Alert alert() {
      return Alert.parse(json());
    }
  }
}
