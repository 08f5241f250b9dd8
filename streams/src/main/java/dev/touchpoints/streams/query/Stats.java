package dev.touchpoints.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/** Adds up the per-instance statistics into the cluster's. */
final class Stats {

  private Stats() {}

  static ObjectNode merge(List<JsonNode> parts, double atRiskBelow, Instant now) {
    long[] histogram = new long[LocalState.HISTOGRAM_BUCKETS];
    long subjects = 0;
    long atRisk = 0;
    double sum = 0;
    OpenAlerts open = new OpenAlerts();
    for (JsonNode part : parts) {
      JsonNode buckets = part.path("histogram");
      for (int i = 0; i < histogram.length && i < buckets.size(); i++) {
        histogram[i] += buckets.get(i).asLong();
      }
      subjects += part.path("subjects").asLong();
      atRisk += part.path("atRisk").asLong();
      sum += part.path("scoreSum").asDouble();
      open.alerts += part.path("activeAlerts").asLong();
      // Incidents live in a global store that every instance holds whole: count them once.
      open.incidents = Math.max(open.incidents, part.path("openIncidents").asLong());
      part.path("alertsByType")
          .fields()
          .forEachRemaining(e -> open.byType.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      part.path("alertsBySeverity")
          .fields()
          .forEachRemaining(
              e -> open.bySeverity.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    }
    ObjectNode stats = JsonNodeFactory.instance.objectNode();
    stats.put("subjects", subjects);
    if (subjects == 0) {
      stats.putNull("meanScore");
    } else {
      stats.put("meanScore", Math.round(sum / subjects * 10) / 10.0);
    }
    stats.put("atRisk", atRisk);
    stats.put("atRiskBelow", atRiskBelow);
    ArrayNode buckets = stats.putArray("histogram");
    double width = 100.0 / histogram.length;
    for (int i = 0; i < histogram.length; i++) {
      ObjectNode bucket = buckets.addObject();
      bucket.put("from", i * width);
      bucket.put("to", (i + 1) * width);
      bucket.put("count", histogram[i]);
    }
    open.writeTo(stats);
    stats.put("instances", parts.size());
    stats.put("computedAt", now.toString());
    return stats;
  }

  /**
   * The open alerts and incidents of a stats answer, as one instance counts them and as the
   * instances' answers add up: written the same way by both.
   */
  static final class OpenAlerts {
    long alerts;
    long incidents;
    final TreeMap<String, Long> byType = new TreeMap<>();
    final TreeMap<String, Long> bySeverity = new TreeMap<>();

    /** {@code count} open alerts of one type and severity. */
    void add(String type, String severity, long count) {
      alerts += count;
      byType.merge(type, count, Long::sum);
      bySeverity.merge(severity, count, Long::sum);
    }

    void writeTo(ObjectNode stats) {
      stats.put("activeAlerts", alerts);
      ObjectNode types = stats.putObject("alertsByType");
      byType.forEach(types::put);
      ObjectNode severities = stats.putObject("alertsBySeverity");
      bySeverity.forEach(severities::put);
      stats.put("openIncidents", incidents);
    }
  }
}
