package dev.touchpoints.streams.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.streams.rules.AlertHandling;
import java.time.Instant;

/**
 * What ops did about an open alert, as the query API and the console show it under {@code
 * handling}: times as ISO-8601 text, fields left out when unset, {@code snoozed} true while the
 * snooze lasts.
 */
final class AlertHandlingJson {

  private AlertHandlingJson() {}

  static ObjectNode of(AlertHandling h, long now) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (h.acknowledgedAt() != 0) {
      node.put("acknowledgedBy", h.acknowledgedBy());
      node.put("acknowledgedAt", time(h.acknowledgedAt()));
    }
    if (h.assignee() != null) {
      node.put("assignee", h.assignee());
      node.put("assignedBy", h.assignedBy());
      node.put("assignedAt", time(h.assignedAt()));
    }
    node.put("snoozed", h.isSnoozedAt(now));
    if (h.snoozedUntil() != 0) {
      node.put("snoozedUntil", time(h.snoozedUntil()));
      node.put("snoozedBy", h.snoozedBy());
    }
    ArrayNode notes = node.putArray("notes");
    for (AlertHandling.Note note : h.notes()) {
      ObjectNode n = notes.addObject();
      n.put("by", note.by());
      n.put("at", time(note.at()));
      n.put("text", note.text());
    }
    return node;
  }

  private static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
