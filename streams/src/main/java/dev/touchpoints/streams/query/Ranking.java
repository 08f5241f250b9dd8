package dev.touchpoints.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/** Orders of the JSON listings, shared by local answers and merged cluster answers. */
final class Ranking {

  private static final Map<String, Integer> SEVERITY_RANK =
      Map.of("CRITICAL", 4, "HIGH", 3, "WARNING", 2, "INFO", 1);

  /** Most severe first, then newest first. */
  static final Comparator<JsonNode> ALERTS =
      Comparator.<JsonNode>comparingInt(n -> -severityRank(n.path("severity").asText()))
          .thenComparing(n -> instant(n.path("eventTime")), Comparator.reverseOrder());

  /** Lowest score first, ties by subject id so pages are stable. */
  static final Comparator<JsonNode> AT_RISK =
      Comparator.<JsonNode>comparingDouble(n -> n.path("overall").asDouble())
          .thenComparing(n -> n.path("subjectId").asText());

  private Ranking() {}

  static int severityRank(String severity) {
    return SEVERITY_RANK.getOrDefault(severity, 0);
  }

  static Instant instant(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Instant.EPOCH;
    }
    if (node.isNumber()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    try {
      return Instant.parse(node.asText());
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }
}
