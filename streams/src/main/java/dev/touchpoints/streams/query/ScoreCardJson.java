package dev.touchpoints.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.OpenCase;
import dev.touchpoints.avro.OpenPromise;
import dev.touchpoints.avro.TouchpointSummary;
import dev.touchpoints.serde.AvroJson;
import dev.touchpoints.streams.rules.SubjectState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The score card of one subject: the stored experience, the due clocks of its open cases and
 * promises as seen now, its active alerts, and one timeline that puts all of them in order.
 */
public final class ScoreCardJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ScoreCardJson() {}

  /** Builds the card; {@code now} sets the countdowns. */
  public static ObjectNode card(CustomerExperience experience, ArrayNode alerts, Instant now) {
    return card(experience, alerts, List.of(), now);
  }

  /**
   * Builds the card, with the ids linked into the subject ({@code linkedIds}, and a timeline entry
   * for each: when its history joined this one).
   */
  public static ObjectNode card(
      CustomerExperience experience,
      ArrayNode alerts,
      List<SubjectState.LinkedId> linked,
      Instant now) {
    return card(experience, alerts, linked, List.of(), now);
  }

  /**
   * Builds the card, with the overall score at each snapshot the ledger keeps ({@code snapshots},
   * oldest first): the card's {@code history} is those older than the view, then the view's score
   * ({@link ScoreHistory#json}).
   */
  public static ObjectNode card(
      CustomerExperience experience,
      ArrayNode alerts,
      List<SubjectState.LinkedId> linked,
      List<ScoreHistory.Point> snapshots,
      Instant now) {
    ObjectNode card = AvroJson.toJson(experience);
    card.put("score", experience.getOverall());
    card.set("openCases", cases(experience.getOpenCases(), now));
    card.set("openPromises", promises(experience.getOpenPromises(), now));
    card.set("activeAlerts", alerts);
    card.set("scorePath", scorePath(experience, now));
    card.set("history", ScoreHistory.json(snapshots, experience));
    ArrayNode ids = card.putArray("linkedIds");
    for (SubjectState.LinkedId id : linked) {
      ObjectNode entry = ids.addObject();
      entry.put("subjectId", id.subjectId());
      entry.put("linkedAt", Instant.ofEpochMilli(id.linkedAt()).toString());
      entry.put("eventId", id.eventId());
    }
    card.set("timeline", timeline(experience, alerts, linked));
    card.put("asOf", now.toString());
    return card;
  }

  private static ArrayNode cases(List<OpenCase> cases, Instant now) {
    ArrayNode array = NODES.arrayNode();
    for (OpenCase openCase : cases) {
      ObjectNode node = AvroJson.toJson(openCase);
      clock(node, openCase.getNextUpdateDueAt(), now);
      array.add(node);
    }
    return array;
  }

  private static ArrayNode promises(List<OpenPromise> promises, Instant now) {
    ArrayNode array = NODES.arrayNode();
    promises.stream()
        .sorted(Comparator.comparing(OpenPromise::getDueAt))
        .forEach(
            promise -> {
              ObjectNode node = AvroJson.toJson(promise);
              clock(node, promise.getDueAt(), now);
              array.add(node);
            });
    return array;
  }

  /** Adds {@code dueInSeconds} (negative when late) and {@code overdue}. */
  private static void clock(ObjectNode node, Instant due, Instant now) {
    if (due == null) {
      node.putNull("dueInSeconds");
      node.put("overdue", false);
      return;
    }
    long seconds = Duration.between(now, due).toSeconds();
    node.put("dueInSeconds", seconds);
    node.put("overdue", seconds < 0);
  }

  /**
   * The two points of the trend: the overall score 30 days ago (when the engine keeps it) and now.
   * {@code history} has the kept snapshots in between; the timeline's touchpoint impacts show what
   * moved it.
   */
  private static ArrayNode scorePath(CustomerExperience experience, Instant now) {
    ArrayNode path = NODES.arrayNode();
    if (experience.getOverall30DaysAgo() != null) {
      ObjectNode then = path.addObject();
      then.put("at", experience.getUpdatedAt().minus(Duration.ofDays(30)).toString());
      then.put("overall", experience.getOverall30DaysAgo());
    }
    ObjectNode current = path.addObject();
    current.put("at", experience.getUpdatedAt().toString());
    current.put("overall", experience.getOverall());
    return path;
  }

  private static ArrayNode timeline(
      CustomerExperience experience, ArrayNode alerts, List<SubjectState.LinkedId> linked) {
    List<ObjectNode> entries = new ArrayList<>();
    for (SubjectState.LinkedId id : linked) {
      ObjectNode entry =
          entry(
              Instant.ofEpochMilli(id.linkedAt()),
              "linked",
              "Linked: " + id.subjectId() + " – its history is part of this one");
      entry.put("eventId", id.eventId());
      entries.add(entry);
    }
    for (TouchpointSummary touchpoint : experience.getRecentTouchpoints()) {
      ObjectNode entry = entry(touchpoint.getOccurredAt(), "touchpoint", touchpoint.getType());
      entry.put("impact", touchpoint.getImpact());
      entry.put("eventId", touchpoint.getEventId());
      entries.add(entry);
    }
    for (OpenCase openCase : experience.getOpenCases()) {
      entries.add(
          entry(
              openCase.getOpenedAt(),
              "case-opened",
              capitalized(openCase.getKind().name()) + " " + openCase.getCaseId() + " opened"));
      if (openCase.getNextUpdateDueAt() != null) {
        entries.add(
            entry(
                openCase.getNextUpdateDueAt(),
                "update-due",
                "Next update due on " + openCase.getCaseId()));
      }
    }
    for (OpenPromise promise : experience.getOpenPromises()) {
      entries.add(
          entry(promise.getDueAt(), "promise-due", "Promise " + promise.getPromiseId() + " due"));
    }
    for (JsonNode alert : alerts) {
      ObjectNode entry =
          entry(Ranking.instant(alert.path("eventTime")), "alert", alert.path("why").asText());
      entry.put("severity", alert.path("severity").asText());
      entry.put("alertType", alert.path("type").asText());
      if (alert.path("historic").asBoolean(false)) {
        entry.put("historic", true);
      }
      entries.add(entry);
    }
    entries.sort(
        Comparator.comparing((ObjectNode n) -> Instant.parse(n.get("at").asText())).reversed());
    ArrayNode array = NODES.arrayNode();
    entries.forEach(array::add);
    return array;
  }

  private static String capitalized(String symbol) {
    String lower = symbol.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  private static ObjectNode entry(Instant at, String kind, String label) {
    ObjectNode entry = NODES.objectNode();
    entry.put("at", at.toString());
    entry.put("kind", kind);
    entry.put("label", label);
    return entry;
  }
}
