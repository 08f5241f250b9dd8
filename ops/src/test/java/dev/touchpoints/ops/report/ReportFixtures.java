package dev.touchpoints.ops.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The canned query API of the report tests ({@code src/test/resources/report/}): a weekly report
 * made on Monday 30 November 2026 at 12:05 UTC. The latest week in the index (30 Nov, under way) is
 * not over, so the report is of week 48 (23–29 Nov): a checkout outage hurt it, broken promises and
 * win-back opportunities are open, some taken.
 */
final class ReportFixtures {

  static final Instant NOW = Instant.parse("2026-11-30T12:05:00Z");
  static final LocalDate WEEK_48 = LocalDate.parse("2026-11-23");
  static final LocalDate NOW_WEEK = LocalDate.parse("2026-11-30");
  static final String SOURCE = "the canned query API";

  /** The 90 days up to the end of week 48. */
  static final String INDEX = "/v1/index?period=day&days=90&to=2026-11-29";

  static final String LATEST = "/v1/index/compare?period=week";
  static final String COMPARE = "/v1/index/compare?period=week&start=2026-11-23";
  static final String INCIDENTS = "/v1/incidents";
  static final String STATS = "/v1/stats";
  static final String PROMISES = "/v1/alerts?type=PROMISE_BROKEN&limit=1000";
  static final String WIN_BACKS = "/v1/alerts?type=WIN_BACK_OPPORTUNITY&limit=1000";

  private ReportFixtures() {}

  /** The canned API with every answer of the week-48 report. */
  static FixtureReportSource weekly() {
    return new FixtureReportSource(SOURCE)
        .answer(INDEX, "index-day.json")
        .answer(LATEST, "compare-week-latest.json")
        .answer(COMPARE, "compare-week-2026-11-23.json")
        .answer(INCIDENTS, "incidents.json")
        .answer(STATS, "stats.json")
        .answer(PROMISES, "alerts-promise-broken.json")
        .answer(WIN_BACKS, "alerts-win-back.json");
  }

  /** The week-48 report's answers, as the figures on the page must show them. */
  static ReportExpectations.Answers weeklyAnswers() {
    return new ReportExpectations.Answers(
        json("compare-week-2026-11-23.json"),
        chartedDays(),
        json("incidents.json"),
        json("stats.json"),
        json("alerts-promise-broken.json"),
        json("alerts-win-back.json"));
  }

  /** The daily rows of the 90 days up to the end of week 48, which the chart shows. */
  static JsonNode chartedDays() {
    ArrayNode charted = JsonNodeFactory.instance.arrayNode();
    for (JsonNode row : json("index-day.json").path("rows")) {
      if (row.path("start").asText().compareTo("2026-11-30") < 0) {
        charted.add(row);
      }
    }
    return charted;
  }

  /** A fixture file's JSON. */
  static JsonNode json(String file) {
    return FixtureReportSource.read("/report/" + file);
  }
}
