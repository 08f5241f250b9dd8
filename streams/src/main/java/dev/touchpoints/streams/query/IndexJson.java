package dev.touchpoints.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.ExperienceIndex;
import dev.touchpoints.avro.IndexGroup;
import dev.touchpoints.avro.IndexKind;
import dev.touchpoints.streams.index.Period;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The experience index as the query API answers it: a period's row ({@code /v1/index}) and a period
 * compared with the one before and the same one a year ago ({@code /v1/index/compare}).
 */
final class IndexJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Kinds listed as hurting and as helping in a comparison. */
  static final int TOP_KINDS = 10;

  private IndexJson() {}

  /** One period's row. */
  static ObjectNode row(Period period, ExperienceIndex index) {
    ObjectNode row = NODES.objectNode();
    row.put("period", period.granularity().label());
    row.put("start", period.start().toString());
    row.put("end", period.endDay().toString());
    row.put("customers", index.getCustomers());
    row.put("meanScore", index.getMeanScore());
    row.put("medianScore", index.getMedianScore());
    row.put("atRisk", index.getAtRisk());
    row.put("atRiskShare", index.getAtRiskShare());
    ObjectNode alerts = row.putObject("alertsRaised");
    index.getAlertsRaised().forEach(alerts::put);
    row.put("pointsLost", index.getPointsLost());
    row.put("pointsGained", index.getPointsGained());
    groups(row.putArray("dimensions"), index.getDimensions());
    groups(row.putArray("sources"), index.getSources());
    ArrayNode kinds = row.putArray("kinds");
    for (IndexKind k : index.getKinds()) {
      ObjectNode kind = kinds.addObject();
      kind.put("key", k.getKey());
      kind.put("label", ScoringModel.label(k.getKey()));
      kind.put("pointsLost", k.getPointsLost());
      kind.put("pointsGained", k.getPointsGained());
      kind.put("customers", k.getCustomers());
    }
    row.put("updatedAt", index.getUpdatedAt().toString());
    return row;
  }

  private static void groups(ArrayNode into, List<IndexGroup> groups) {
    for (IndexGroup g : groups) {
      ObjectNode group = into.addObject();
      group.put("name", g.getName());
      group.put("customers", g.getCustomers());
      group.put("meanScore", g.getMeanScore());
      group.put("medianScore", g.getMedianScore());
      group.put("atRisk", g.getAtRisk());
      group.put("atRiskShare", g.getAtRiskShare());
    }
  }

  /**
   * {@code current} against {@code previous} and {@code yearAgo} (each a row, or null when the
   * index has no customer in that period), with the kinds that cost and gained the most points.
   */
  static ObjectNode compare(Period period, JsonNode current, JsonNode previous, JsonNode yearAgo) {
    ObjectNode answer = NODES.objectNode();
    answer.put("period", period.granularity().label());
    answer.put("start", period.start().toString());
    answer.set("current", current == null ? NODES.nullNode() : current);
    answer.set("previous", previous == null ? NODES.nullNode() : previous);
    answer.set("yearAgo", yearAgo == null ? NODES.nullNode() : yearAgo);
    answer.set("hurting", top(current, previous, "pointsLost", Comparator.naturalOrder()));
    answer.set("helping", top(current, previous, "pointsGained", Comparator.reverseOrder()));
    return answer;
  }

  private static ArrayNode top(
      JsonNode current, JsonNode previous, String field, Comparator<Double> order) {
    ArrayNode top = NODES.arrayNode();
    if (current == null) {
      return top;
    }
    Map<String, Double> before = new HashMap<>();
    if (previous != null) {
      previous
          .get("kinds")
          .forEach(k -> before.put(k.get("key").asText(), k.get(field).asDouble()));
    }
    List<JsonNode> kinds = new ArrayList<>();
    current
        .get("kinds")
        .forEach(
            k -> {
              if (k.get(field).asDouble() != 0) {
                kinds.add(k);
              }
            });
    kinds.sort(
        Comparator.comparing((JsonNode k) -> k.get(field).asDouble(), order)
            .thenComparing(k -> k.get("key").asText()));
    String previousField = "previous" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    for (JsonNode k : kinds.subList(0, Math.min(TOP_KINDS, kinds.size()))) {
      ObjectNode kind = top.addObject();
      kind.put("key", k.get("key").asText());
      kind.put("label", k.get("label").asText());
      double now = k.get(field).asDouble();
      kind.put(field, now);
      if (previous == null) {
        kind.putNull(previousField);
        kind.putNull("change");
      } else {
        double was = before.getOrDefault(k.get("key").asText(), 0.0);
        kind.put(previousField, was);
        kind.put("change", Math.round((now - was) * 100) / 100.0);
      }
      kind.put("customers", k.get("customers").asLong());
    }
    return top;
  }
}
