package dev.touchpoints.connect.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.connect.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;

/**
 * A PagerDuty Events API v2 event: {@code trigger} for RAISED, OPEN and UPDATED, {@code resolve}
 * for CLEARED and RESOLVED, with a {@code dedup_key} that ties a resolve to its trigger.
 */
public final class PagerDutyFormat implements Format {

  private static final int DEDUP_KEY_MAX = 255;
  private static final int SUMMARY_MAX = 1024;

  private final Password routingKey;
  private final String consoleUrl;

  /** A PagerDuty format for the integration {@code routingKey}. */
  public PagerDutyFormat(Password routingKey, String consoleUrl) {
    this.routingKey = routingKey;
    this.consoleUrl = consoleUrl;
  }

  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public Payload render(Alert alert) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("routing_key", routingKey.value());
    event.put("event_action", alert.ends() ? "resolve" : "trigger");
    event.put("dedup_key", dedupKey(alert));
    ObjectNode payload = event.putObject("payload");
    payload.put(
        "summary",
        Json.cut(
            alert.severity() + " " + alert.type() + " " + alert.subjectId() + ": " + alert.why(),
            SUMMARY_MAX));
    payload.put("source", alert.subjectId());
    payload.put("severity", severity(alert.severity()));
    payload.put("timestamp", alert.eventTime());
    payload.put("component", alert.kind().wireName());
    payload.put("class", alert.type());
    payload.set("custom_details", alert.json().deepCopy());
    String link =
        alert.kind() == Alert.Kind.CUSTOMER
            ? Json.subjectLink(consoleUrl, alert.subjectId())
            : Json.home(consoleUrl);
    event.putArray("links").addObject().put("href", link).put("text", "Touchpoints console");
    return new Payload(Json.bytes(event), Map.of());
  }

  /**
   * A customer alert's {@code dedupeKey} is unique per subject only ({@code experience-drop}), so
   * it is qualified with the subject id; an incident's ({@code incident:<kind>}) is already global.
   * Keys longer than PagerDuty's limit are replaced by their SHA-256.
   */
  public static String dedupKey(Alert alert) {
    String key =
        alert.kind() == Alert.Kind.CUSTOMER
            ? alert.subjectId() + "|" + alert.dedupeKey()
            : alert.dedupeKey();
    return key.length() <= DEDUP_KEY_MAX ? key : "sha256:" + sha256(key);
  }

  /** PagerDuty's four severities for ours. */
  public static String severity(Alert.Severity severity) {
    return switch (severity) {
      case CRITICAL -> "critical";
      case HIGH -> "error";
      case WARNING -> "warning";
      case INFO -> "info";
    };
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
