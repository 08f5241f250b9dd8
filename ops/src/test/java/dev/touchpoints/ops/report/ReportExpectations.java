package dev.touchpoints.ops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which figure a report must show under which {@code data-testid}, worked out from the query API's
 * JSON as it is – not from the report's own reading of it – so a test compares the page with the
 * API. Used with canned answers here; a test against the real engine can feed it the answers the
 * engine gave.
 */
final class ReportExpectations {

  private static final Pattern TAGGED =
      Pattern.compile("data-testid=\"([^\"]+)\" data-value=\"([^\"]+)\"");

  /**
   * The answers a report was made from.
   *
   * @param compare {@code /v1/index/compare} of the reported period
   * @param dailyRows the rows of {@code /v1/index?period=day} the chart shows
   */
  record Answers(
      JsonNode compare,
      JsonNode dailyRows,
      JsonNode incidents,
      JsonNode stats,
      JsonNode promises,
      JsonNode winBacks) {}

  private ReportExpectations() {}

  /** Test id → figure, for every figure the page must show. */
  static Map<String, Double> of(Answers a) {
    Map<String, Double> expected = new TreeMap<>();
    row(expected, "", a.compare().path("current"));
    row(expected, "previous-", a.compare().path("previous"));
    row(expected, "year-ago-", a.compare().path("yearAgo"));
    segments(expected, "dimension-", a.compare(), "dimensions");
    segments(expected, "source-", a.compare(), "sources");
    for (JsonNode k : a.compare().path("hurting")) {
      kind(expected, k, "lost", "pointsLost", "previousPointsLost");
    }
    for (JsonNode k : a.compare().path("helping")) {
      kind(expected, k, "gained", "pointsGained", "previousPointsGained");
    }
    for (JsonNode day : a.dailyRows()) {
      String id = "day-" + day.path("start").asText() + "-";
      expected.put(id + "mean-score", day.path("meanScore").asDouble());
      expected.put(id + "at-risk-share", day.path("atRiskShare").asDouble());
    }
    expected.put("incidents-open", (double) a.incidents().size());
    for (JsonNode incident : a.incidents()) {
      String id = "incident-" + incident.path("incidentId").asText() + "-";
      expected.put(id + "affected", incident.path("affectedSubjects").asDouble());
      expected.put(id + "failures", incident.path("failures").asDouble());
      expected.put(id + "baseline", incident.path("baselinePerWindow").asDouble());
    }
    alerts(expected, "promises-", "PROMISE_BROKEN", a.promises(), a);
    alerts(expected, "win-back-", "WIN_BACK_OPPORTUNITY", a.winBacks(), a);
    JsonNode stats = a.stats();
    expected.put("now-customers", stats.path("subjects").asDouble());
    expected.put("now-at-risk", stats.path("atRisk").asDouble());
    expected.put("at-risk-below", stats.path("atRiskBelow").asDouble());
    expected.put("now-open-alerts", stats.path("activeAlerts").asDouble());
    expected.put("now-open-incidents", stats.path("openIncidents").asDouble());
    return expected;
  }

  private static void row(Map<String, Double> expected, String prefix, JsonNode row) {
    if (!row.isObject()) {
      return;
    }
    expected.put(prefix + "customers", row.path("customers").asDouble());
    expected.put(prefix + "mean-score", row.path("meanScore").asDouble());
    expected.put(prefix + "median-score", row.path("medianScore").asDouble());
    expected.put(prefix + "at-risk", row.path("atRisk").asDouble());
    expected.put(prefix + "at-risk-share", row.path("atRiskShare").asDouble());
    expected.put(prefix + "points-lost", row.path("pointsLost").asDouble());
    expected.put(prefix + "points-gained", row.path("pointsGained").asDouble());
    double all = 0;
    for (Map.Entry<String, JsonNode> raised : row.path("alertsRaised").properties()) {
      expected.put(prefix + "alerts-raised-" + raised.getKey(), raised.getValue().asDouble());
      all += raised.getValue().asDouble();
    }
    expected.put(prefix + "alerts-raised", all);
  }

  private static void segments(
      Map<String, Double> expected, String prefix, JsonNode compare, String field) {
    List<String> before = new ArrayList<>();
    compare.path("previous").path(field).forEach(s -> before.add(s.path("name").asText()));
    for (JsonNode s : compare.path("current").path(field)) {
      String id = prefix + s.path("name").asText() + "-";
      expected.put(id + "customers", s.path("customers").asDouble());
      expected.put(id + "mean-score", s.path("meanScore").asDouble());
      expected.put(id + "median-score", s.path("medianScore").asDouble());
      expected.put(id + "at-risk", s.path("atRisk").asDouble());
      expected.put(id + "at-risk-share", s.path("atRiskShare").asDouble());
      if (before.contains(s.path("name").asText())) {
        for (JsonNode b : compare.path("previous").path(field)) {
          if (b.path("name").asText().equals(s.path("name").asText())) {
            expected.put("previous-" + id + "mean-score", b.path("meanScore").asDouble());
          }
        }
      }
    }
  }

  private static void kind(
      Map<String, Double> expected, JsonNode k, String side, String points, String previous) {
    String id = "kind-" + k.path("key").asText() + "-" + side;
    expected.put(id, k.path(points).asDouble());
    expected.put(id + "-customers", k.path("customers").asDouble());
    if (k.path("change").isNumber()) {
      expected.put(id + "-change", k.path("change").asDouble());
    }
    if (k.path(previous).isNumber()) {
      expected.put(id + "-previous", k.path(previous).asDouble());
    }
  }

  private static void alerts(
      Map<String, Double> expected, String prefix, String type, JsonNode open, Answers a) {
    JsonNode current = a.compare().path("current");
    if (current.isObject()) {
      expected.put(prefix + "raised", current.path("alertsRaised").path(type).asDouble(0));
    }
    JsonNode previous = a.compare().path("previous");
    if (previous.isObject()) {
      expected.put(
          "previous-" + prefix + "raised", previous.path("alertsRaised").path(type).asDouble(0));
    }
    expected.put(prefix + "open", a.stats().path("alertsByType").path(type).asDouble(0));
    long taken = 0;
    for (JsonNode alert : open) {
      JsonNode handling = alert.path("handling");
      if (handling.hasNonNull("acknowledgedAt") || handling.hasNonNull("assignee")) {
        taken++;
      }
    }
    expected.put(prefix + "taken", (double) taken);
    expected.put(prefix + "not-taken", (double) (open.size() - taken));
  }

  /** Test id → {@code data-value} of every tagged figure in {@code html}; fails on a duplicate. */
  static Map<String, Double> read(String html) {
    Map<String, Double> shown = new TreeMap<>();
    Matcher m = TAGGED.matcher(html);
    while (m.find()) {
      String id =
          m.group(1)
              .replace("&quot;", "\"")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&#39;", "'")
              .replace("&amp;", "&");
      Double before = shown.put(id, Double.parseDouble(m.group(2)));
      assertThat(before).as("test id %s appears once", id).isNull();
    }
    return shown;
  }

  /** The page shows every expected figure under its test id, and no figure the API did not give. */
  static void assertShows(Map<String, Double> shown, Map<String, Double> expected) {
    assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (id, value) -> assertThat(shown.get(id)).as(id).isCloseTo(value, offset(1e-9)));
  }
}
