package dev.touchpoints.ops.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps every answer a report was made from, as the source gave it. Against a live engine, whose
 * figures move between two requests, the page is then checked against the very answers it was made
 * from rather than against a second reading.
 */
final class RecordingReportSource implements ReportSource {

  private final ReportSource source;
  private final Map<String, JsonNode> answers = new LinkedHashMap<>();
  private String lastCompare;
  private String index;

  RecordingReportSource(ReportSource source) {
    this.source = source;
  }

  @Override
  public Optional<JsonNode> get(String path) throws Failure, InterruptedException {
    Optional<JsonNode> answer = source.get(path);
    answer.ifPresent(json -> answers.put(path, json.deepCopy()));
    if (path.startsWith("/v1/index/compare")) {
      lastCompare = path;
    } else if (path.startsWith("/v1/index")) {
      index = path;
    }
    return answer;
  }

  @Override
  public String describe() {
    return source.describe();
  }

  /** The answers of the report {@code data} was made of, the chart's days only. */
  ReportExpectations.Answers answers(ReportData data) {
    ArrayNode charted = JsonNodeFactory.instance.arrayNode();
    for (JsonNode row : answers.get(index).path("rows")) {
      LocalDate day = LocalDate.parse(row.path("start").asText());
      if (!day.isBefore(data.chartFrom()) && day.isBefore(data.chartTo())) {
        charted.add(row);
      }
    }
    return new ReportExpectations.Answers(
        answers.getOrDefault(lastCompare, JsonNodeFactory.instance.objectNode()),
        charted,
        answers.get("/v1/incidents"),
        answers.get("/v1/stats"),
        answers.get(ReportData.alertsPath(ReportData.PROMISE_BROKEN)),
        answers.get(ReportData.alertsPath(ReportData.WIN_BACK)));
  }
}
