package dev.touchpoints.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * One record of the JSON alert mirror, parsed: a customer alert or an incident alert, with the
 * original text kept so a webhook receives (and a signature covers) exactly what the engine wrote.
 *
 * @param kind {@link Kind#CUSTOMER} or {@link Kind#INCIDENT}
 * @param json the parsed object (every field of the Avro record)
 * @param raw the record value as written by the engine
 */
public record Alert(Kind kind, ObjectNode json, String raw) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The two shapes on the mirror, by their {@code "kind"} value. */
  public enum Kind {
    CUSTOMER("customer-alert"),
    INCIDENT("incident-alert");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** The {@code "kind"} value on the mirror. */
    public String wireName() {
      return wireName;
    }

    /** The kind named {@code wireName}, or an {@link InvalidAlertException}. */
    public static Kind of(String wireName) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(wireName)) {
          return kind;
        }
      }
      throw new InvalidAlertException(
          "field 'kind' is '" + wireName + "', expected customer-alert or incident-alert");
    }
  }

  /** Alert severities in rising order, as in the Avro schemas. */
  public enum Severity {
    INFO,
    WARNING,
    HIGH,
    CRITICAL
  }

  /** Parses a record value of the mirror; an {@link InvalidAlertException} names the problem. */
  public static Alert parse(String value) {
    if (value == null) {
      throw new InvalidAlertException("the record has no value");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      throw new InvalidAlertException("the value is not JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidAlertException("the value is not a JSON object");
    }
    Kind kind = Kind.of(text(object, "kind"));
    Alert alert = new Alert(kind, object, value);
    alert.severity();
    alert.status();
    alert.dedupeKey();
    alert.eventTime();
    if (kind == Kind.CUSTOMER) {
      alert.subjectId();
      text(object, "alertId");
      text(object, "type");
    } else {
      text(object, "incidentId");
      text(object, "touchpointKind");
    }
    return alert;
  }

  /** The customer's id, or the touchpoint kind of an incident. */
  public String subjectId() {
    return kind == Kind.CUSTOMER ? text(json, "subjectId") : text(json, "touchpointKind");
  }

  /** The alert type of a customer alert ({@code LEFT_IN_SILENCE} …); {@code INCIDENT} for one. */
  public String type() {
    return kind == Kind.CUSTOMER ? text(json, "type") : "INCIDENT";
  }

  /** RAISED / CLEARED, or OPEN / UPDATED / RESOLVED for incidents. */
  public String status() {
    return text(json, "status");
  }

  /** The alert's severity. */
  public Severity severity() {
    String value = text(json, "severity");
    try {
      return Severity.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidAlertException("field 'severity' is '" + value + "', not a severity");
    }
  }

  /** Whether the record ends a problem (CLEARED or RESOLVED) rather than raising or updating it. */
  public boolean ends() {
    String status = status();
    return status.equals("CLEARED") || status.equals("RESOLVED");
  }

  /** The event time of the cause (ISO-8601). */
  public String eventTime() {
    return text(json, "eventTime");
  }

  /** The sentence ops read. */
  public String why() {
    return optionalText("why");
  }

  /** The suggested next step. */
  public String nextStep() {
    return optionalText("nextStep");
  }

  /** Same for the same open problem; its clear carries it too. */
  public String dedupeKey() {
    return text(json, "dedupeKey");
  }

  /**
   * The key a receiver deduplicates deliveries by: the same for every delivery of this record
   * (retries, redeliveries after a restart, a replay), different for different records. A customer
   * alert's {@code alertId} is derived from subject, cause, status and event time (a reminder adds
   * its {@code remindedAt}); an incident has no alert id, so its id, status and event time
   * (incident records are stamped when sent) stand in.
   */
  public String idempotencyKey() {
    if (kind == Kind.INCIDENT) {
      return "incident-alert:" + text(json, "incidentId") + ":" + status() + ":" + eventTime();
    }
    String id = "customer-alert:" + text(json, "alertId");
    return remindedAt().isEmpty() ? id : id + ":reminder:" + remindedAt();
  }

  /**
   * When a reminder of a still open customer alert was sent (its snooze ended, or it got worse
   * while snoozed); empty for the alert itself. A reminder keeps the alert's id.
   */
  public String remindedAt() {
    return optionalText("remindedAt");
  }

  private String optionalText(String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static String text(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      throw new InvalidAlertException("field '" + field + "' is missing or empty");
    }
    return value.asText();
  }
}
