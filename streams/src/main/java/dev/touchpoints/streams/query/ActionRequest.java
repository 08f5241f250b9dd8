package dev.touchpoints.streams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.AlertActionType;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.streams.rules.AlertHandling;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * The body of {@code POST /v1/alerts/{id}/actions}, checked: a mistake is a {@link
 * BadQueryException} naming the field.
 *
 * <pre>
 * {"action": "acknowledge"}
 * {"action": "snooze", "for": "2h"}          or "until": "2026-12-01T08:00:00Z"
 * {"action": "assign", "assignee": "maria"}  "" removes the owner
 * {"action": "note", "text": "Called her, she wants a refund"}
 * </pre>
 *
 * Optional in every body: {@code "by"} (the operator's name; the API key's fingerprint is added)
 * and {@code "actionId"} (a client's id: a note sent twice under one id is kept once).
 *
 * @param type what to do
 * @param snoozedUntil SNOOZE: until when
 * @param assignee ASSIGN: the new owner, empty to remove
 * @param text NOTE: the note
 * @param by the operator's name, or null
 * @param actionId the action's id
 */
record ActionRequest(
    AlertActionType type,
    Instant snoozedUntil,
    String assignee,
    String text,
    String by,
    String actionId) {

  /** The longest snooze: an alert nobody looks at for a month should clear or be escalated. */
  static final Duration MAX_SNOOZE = Duration.ofDays(30);

  /** The longest name or id accepted. */
  static final int MAX_NAME_LENGTH = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses {@code body}; {@code now} is when the snooze starts. */
  static ActionRequest parse(String body, Instant now) {
    JsonNode node;
    try {
      node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (JsonProcessingException e) {
      throw new BadQueryException("body", "the body is not JSON: " + e.getOriginalMessage());
    }
    if (!node.isObject()) {
      throw new BadQueryException("body", "the body is not a JSON object");
    }
    AlertActionType type = type(text(node, "action", true));
    String by = name(node, "by");
    String actionId = name(node, "actionId");
    actionId = actionId == null ? UUID.randomUUID().toString() : actionId;
    return switch (type) {
      case SNOOZE -> new ActionRequest(type, until(node, now), null, null, by, actionId);
      case ASSIGN -> {
        String assignee = text(node, "assignee", true).strip();
        if (assignee.length() > MAX_NAME_LENGTH) {
          throw new BadQueryException("assignee", "longer than " + MAX_NAME_LENGTH + " characters");
        }
        yield new ActionRequest(type, null, assignee, null, by, actionId);
      }
      case NOTE -> {
        String text = text(node, "text", true).strip();
        if (text.isEmpty()) {
          throw new BadQueryException("text", "the note is empty");
        }
        if (text.length() > AlertHandling.MAX_NOTE_LENGTH) {
          throw new BadQueryException(
              "text", "longer than " + AlertHandling.MAX_NOTE_LENGTH + " characters");
        }
        yield new ActionRequest(type, null, null, text, by, actionId);
      }
      default -> new ActionRequest(type, null, null, null, by, actionId);
    };
  }

  /** The action on the alert {@code alert} (its JSON as the API shows it), by {@code who}. */
  AlertAction toAvro(JsonNode alert, String who, Instant at) {
    return AlertAction.newBuilder()
        .setActionId(actionId)
        .setAlertId(alert.path("alertId").asText())
        .setSubjectId(alert.path("subjectId").asText())
        .setDedupeKey(alert.path("dedupeKey").asText())
        .setAction(type)
        .setBy(who)
        .setAt(at)
        .setSnoozedUntil(snoozedUntil)
        .setAssignee(assignee)
        .setNote(text)
        .build();
  }

  private static AlertActionType type(String action) {
    return switch (action.strip().toLowerCase(Locale.ROOT)) {
      case "acknowledge", "ack" -> AlertActionType.ACKNOWLEDGE;
      case "snooze" -> AlertActionType.SNOOZE;
      case "assign" -> AlertActionType.ASSIGN;
      case "note" -> AlertActionType.NOTE;
      default ->
          throw new BadQueryException(
              "action", "'" + action + "' is not one of acknowledge, snooze, assign, note");
    };
  }

  private static Instant until(JsonNode node, Instant now) {
    String until = text(node, "until", false);
    String length = text(node, "for", false);
    if ((until == null) == (length == null)) {
      throw new BadQueryException(
          until == null ? "for" : "until",
          "a snooze needs either 'for' (2h) or 'until' (ISO time)");
    }
    Instant end;
    String field = until != null ? "until" : "for";
    try {
      end = until != null ? Instant.parse(until) : now.plus(AppConfig.parseDuration(length));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new BadQueryException(field, "'" + (until != null ? until : length) + "' is not valid");
    }
    if (!end.isAfter(now)) {
      throw new BadQueryException(field, "the snooze would end before now");
    }
    if (end.isAfter(now.plus(MAX_SNOOZE))) {
      throw new BadQueryException(field, "a snooze lasts at most " + MAX_SNOOZE.toDays() + " days");
    }
    return end;
  }

  private static String name(JsonNode node, String field) {
    String value = text(node, field, false);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_NAME_LENGTH) {
      throw new BadQueryException(field, "longer than " + MAX_NAME_LENGTH + " characters");
    }
    return value.strip();
  }

  private static String text(JsonNode node, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new BadQueryException(field, "'" + field + "' is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new BadQueryException(field, "'" + field + "' must be a string");
    }
    return value.asText();
  }
}
