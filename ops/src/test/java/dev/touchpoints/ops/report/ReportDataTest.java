package dev.touchpoints.ops.report;

import static dev.touchpoints.ops.report.ReportFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which answers of the query API a report asks for, and what it makes of them. */
class ReportDataTest {

  @Test
  void shouldReportTheLatestWeekThatIsOverWhenNoStartIsGiven() throws Exception {
    // Given the latest week in the index is under way (30 Nov, a Monday)
    FixtureReportSource source = ReportFixtures.weekly();

    // When
    ReportData data = ReportData.fetch(source, ReportPeriod.WEEK, null, NOW);

    // Then the report is of the week before, with the 90 days up to its end
    assertThat(data.start()).isEqualTo(ReportFixtures.WEEK_48);
    assertThat(data.comparison().current().customers()).isEqualTo(1284);
    assertThat(source.asked())
        .containsExactly(
            ReportFixtures.LATEST,
            ReportFixtures.COMPARE,
            ReportFixtures.INDEX,
            ReportFixtures.INCIDENTS,
            ReportFixtures.PROMISES,
            ReportFixtures.WIN_BACKS,
            ReportFixtures.STATS);
    assertThat(data.chartFrom()).isEqualTo(LocalDate.parse("2026-09-01"));
    assertThat(data.chartTo()).isEqualTo(LocalDate.parse("2026-11-30"));
    assertThat(data.daily()).hasSize(88); // from 2 Sep; 13 Sep saw no customer
  }

  @Test
  void shouldReportTheWeekUnderWayWhenTheIndexHasNoEarlierOne() throws Exception {
    // Given an index that began this week
    com.fasterxml.jackson.databind.node.ObjectNode latest =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            ReportFixtures.json("compare-week-latest.json");
    latest.putNull("previous");
    FixtureReportSource source =
        ReportFixtures.weekly()
            .answer(ReportFixtures.LATEST, latest)
            .answer("/v1/index?period=day&days=90&to=2026-12-06", "index-day.json");

    // When
    ReportData data = ReportData.fetch(source, ReportPeriod.WEEK, null, NOW);

    // Then
    assertThat(data.start()).isEqualTo(ReportFixtures.NOW_WEEK);
    assertThat(source.asked()).doesNotContain(ReportFixtures.COMPARE);
    assertThat(data.chartTo()).isEqualTo(LocalDate.parse("2026-12-07"));
    assertThat(ReportHtml.render(data, false)).contains("data-testid=\"in-progress\"");
  }

  @Test
  void shouldChartThe90DaysUpToAPastWeekAskingForAsManyDaysAsThatNeeds() throws Exception {
    // Given a week three weeks back, which the index has no comparison for
    String index = "/v1/index?period=day&days=90&to=2026-11-08";
    FixtureReportSource source =
        ReportFixtures.weekly()
            .answer(index, "index-day.json")
            .answer("/v1/index/compare?period=week&start=2026-11-02", (String) null);

    // When
    ReportData data =
        ReportData.fetch(source, ReportPeriod.WEEK, LocalDate.parse("2026-11-02"), NOW);

    // Then
    assertThat(source.asked().get(1)).isEqualTo(index);
    assertThat(data.chartTo()).isEqualTo(LocalDate.parse("2026-11-09"));
    assertThat(data.daily()).isNotEmpty();
    assertThat(data.daily().get(data.daily().size() - 1).start())
        .isEqualTo(LocalDate.parse("2026-11-08"));
    assertThat(data.comparison()).isNull();
    String html = ReportHtml.render(data, false);
    HtmlShape.assertWellFormed(html);
    assertThat(html).contains("data-testid=\"no-period-data\"", "week 45, 2\u20138 Nov 2026");
  }

  @Test
  void shouldSayTheIndexHasNoFiguresForAWeekBeforeItBegan() throws Exception {
    // Given a week long before the index's first day
    FixtureReportSource source =
        ReportFixtures.weekly()
            .answer("/v1/index/compare?period=week&start=2025-01-06", (String) null)
            .answer("/v1/index?period=day&days=90&to=2025-01-12", "index-day.json");

    // When
    ReportData data =
        ReportData.fetch(source, ReportPeriod.WEEK, LocalDate.parse("2025-01-06"), NOW);

    // Then it is no empty index: the page says so, and shows what is open now
    assertThat(data.noDataYet()).isFalse();
    assertThat(data.daily()).isEmpty();
    String html = ReportHtml.render(data, false);
    HtmlShape.assertWellFormed(html);
    assertThat(html)
        .contains(
            "data-testid=\"no-period-data\"", "No daily figures in the 90 days up to 2025-01-12")
        .contains("data-testid=\"incidents-open\" data-value=\"2\"")
        .doesNotContain("data-testid=\"no-data\"");
  }

  @Test
  void shouldSayTheEngineIsTooOldWhenItHasNoIndex() {
    FixtureReportSource source =
        new FixtureReportSource("http://old-engine:8088")
            .answer(ReportFixtures.LATEST, (String) null)
            .answer("/v1/index?period=day&days=90&to=2026-12-06", (String) null);

    assertThatThrownBy(() -> ReportData.fetch(source, ReportPeriod.WEEK, null, NOW))
        .isInstanceOf(ReportSource.Failure.class)
        .hasMessage(
            "The query API at http://old-engine:8088 has no experience index (GET /v1/index"
                + " answered 404): the engine is older than this command.")
        .satisfies(e -> assertThat(((ReportSource.Failure) e).exitCode()).isEqualTo(1));
  }

  @Test
  void shouldNameTheAnswerItCannotRead() {
    FixtureReportSource source =
        ReportFixtures.weekly()
            .answer(
                ReportFixtures.STATS,
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .createObjectNode()
                    .put("subjects", "many"));

    assertThatThrownBy(() -> ReportData.fetch(source, ReportPeriod.WEEK, null, NOW))
        .isInstanceOf(ReportSource.Failure.class)
        .hasMessageStartingWith("Cannot read the query API's answer to GET /v1/stats: ");
  }

  @Test
  void shouldNameWeeksAndDaysAsPeopleDo() {
    assertThat(ReportPeriod.WEEK.title(LocalDate.parse("2026-11-23")))
        .isEqualTo("week 48, 23\u201329 Nov 2026");
    assertThat(ReportPeriod.WEEK.title(LocalDate.parse("2026-11-30")))
        .isEqualTo("week 49, 30 Nov\u20136 Dec 2026");
    assertThat(ReportPeriod.WEEK.title(LocalDate.parse("2026-12-28")))
        .isEqualTo("week 53, 28 Dec 2026\u20133 Jan 2027");
    assertThat(ReportPeriod.DAY.title(LocalDate.parse("2026-11-30")))
        .isEqualTo("Monday 30 Nov 2026");
    assertThat(ReportPeriod.WEEK.startOf(LocalDate.parse("2026-12-06")))
        .isEqualTo(LocalDate.parse("2026-11-30"));
  }
}
