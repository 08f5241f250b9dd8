package dev.touchpoints.ops.report;

import static dev.touchpoints.ops.report.ReportFixtures.COMPARE;
import static dev.touchpoints.ops.report.ReportFixtures.INCIDENTS;
import static dev.touchpoints.ops.report.ReportFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report page made from the canned query API: its figures, its escaping, its independence. */
class ReportHtmlTest {

  private static String weekly(boolean withDetails) throws Exception {
    return ReportHtml.render(
        ReportData.fetch(ReportFixtures.weekly(), ReportPeriod.WEEK, null, NOW), withDetails);
  }

  @Test
  void shouldShowEveryFigureOfTheApiUnderItsTestId() throws Exception {
    // When
    String html = weekly(false);

    // Then
    HtmlShape.assertWellFormed(html);
    ReportExpectations.assertShows(
        ReportExpectations.read(html), ReportExpectations.of(ReportFixtures.weeklyAnswers()));
    assertThat(html)
        .contains("data-testid=\"customers\" data-value=\"1284\">1,284<")
        .contains("data-testid=\"mean-score\" data-value=\"61.25\">61.3<")
        .contains("data-testid=\"at-risk-share\" data-value=\"0.0981\">9.8\u00a0%<")
        .contains("data-testid=\"kind-web.checkout_error-lost\" data-value=\"-1182.5\">-1,182.5<")
        .contains("data-testid=\"kind-web.checkout_error-lost-change\" data-value=\"-941.5\"")
        .contains("data-testid=\"win-back-taken\" data-value=\"3\"")
        .contains("Week 48, 23\u201329 Nov 2026");
  }

  @Test
  void shouldEscapeEveryStringFromTheApi() throws Exception {
    // Given a query API whose texts try to be markup
    JsonNode compare = ReportFixtures.json("compare-week-2026-11-23.json");
    ObjectNode kind = (ObjectNode) compare.path("hurting").get(0);
    kind.put("label", "<script>alert('label')</script>");
    kind.put("key", "web.\"><img src=x onerror=alert(1)>");
    ((ObjectNode) compare.path("current").path("dimensions").get(0)).put("name", "WEB<b>&");
    ArrayNode incidents = (ArrayNode) ReportFixtures.json("incidents.json");
    ((ObjectNode) incidents.get(0)).put("why", "</td></tr></table><svg onload=alert(2)>");
    ((ObjectNode) incidents.get(0)).put("incidentId", "i\"'<>&");
    FixtureReportSource source =
        ReportFixtures.weekly().answer(COMPARE, compare).answer(INCIDENTS, incidents);

    // When
    String html = ReportHtml.render(ReportData.fetch(source, ReportPeriod.WEEK, null, NOW), true);

    // Then
    HtmlShape.assertWellFormed(html);
    assertThat(html)
        .doesNotContain("<script", "<img", "<svg onload", "<b>&")
        .contains("&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;")
        .contains("web.&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
        .contains("WEB&lt;b&gt;&amp;")
        .contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;svg onload=alert(2)&gt;")
        .contains("data-incident=\"i&quot;&#39;&lt;&gt;&amp;\"");
    assertThat(ReportExpectations.read(html))
        .containsKey("kind-web.\"><img src=x onerror=alert(1)>-lost")
        .containsKey("dimension-WEB<b>&-mean-score");
  }

  @Test
  void shouldNeedNoNetworkToBeViewed() throws Exception {
    // Given the report of an https query API
    FixtureReportSource source = ReportFixtures.weekly();
    String api = "https://engine-1.example:8088";
    ReportData data = ReportData.fetch(source, ReportPeriod.WEEK, null, NOW);
    data = withSource(data, api);

    // When
    String html = ReportHtml.render(data, true);

    // Then the one address in it is the one the user gave, as text
    Matcher addresses = Pattern.compile("(?i)https?://").matcher(html);
    int count = 0;
    while (addresses.find()) {
      count++;
      assertThat(html.substring(addresses.start())).startsWith(api + ".");
    }
    assertThat(count).isEqualTo(1);
    assertThat(html.toLowerCase(java.util.Locale.ROOT))
        .doesNotContain("<script", "<link", "<img", "<iframe", "@import", "url(", " src=", "href=")
        .doesNotContain("@font-face", "xmlns");
  }

  @Test
  void shouldLeaveCustomerIdsStaffAndFreeTextOutUnlessAskedFor() throws Exception {
    // When
    String plain = weekly(false);
    String detailed = weekly(true);

    // Then
    assertThat(plain)
        .doesNotContain("cust-1042", "cust-0933", "maria", "jussi", "case-881", "call back")
        .contains("a-pro-01", "a-win-06", "Acknowledged", "Assigned", "Not taken");
    assertThat(detailed)
        .contains("cust-1042", "cust-0933", "by maria", "to jussi")
        .contains("&#39;a call back about the refund&#39; on case case-881");
  }

  @Test
  void shouldListOpenIncidentsWithTheirKindsLabel() throws Exception {
    String html = weekly(false);

    assertThat(html)
        .contains("data-incident=\"inc-2026-11-26-checkout\"><td>Checkout error (web)<br>")
        .contains("data-testid=\"incident-inc-2026-11-26-checkout-affected\" data-value=\"212\"")
        .contains("<span class=\"sev CRITICAL\">CRITICAL</span>");
  }

  @Test
  void shouldSayThereIsNoDataYetWhenTheIndexIsEmpty() throws Exception {
    // Given
    FixtureReportSource source =
        new FixtureReportSource(ReportFixtures.SOURCE)
            .answer(ReportFixtures.LATEST, (String) null)
            .answer("/v1/index?period=day&days=90&to=2026-12-06", "index-empty.json");

    // When
    ReportData data = ReportData.fetch(source, ReportPeriod.WEEK, null, NOW);
    String html = ReportHtml.render(data, false);

    // Then
    assertThat(data.noDataYet()).isTrue();
    assertThat(data.start()).isEqualTo(ReportFixtures.NOW_WEEK);
    assertThat(source.asked())
        .containsExactly(ReportFixtures.LATEST, "/v1/index?period=day&days=90&to=2026-12-06");
    HtmlShape.assertWellFormed(html);
    assertThat(html).contains("data-testid=\"no-data\"", "No data yet");
    assertThat(ReportExpectations.read(html)).isEmpty();
  }

  private static ReportData withSource(ReportData d, String source) {
    return new ReportData(
        d.noDataYet(),
        d.period(),
        d.start(),
        d.comparison(),
        d.daily(),
        d.chartFrom(),
        d.chartTo(),
        d.incidents(),
        d.brokenPromises(),
        d.winBacks(),
        d.stats(),
        d.generatedAt(),
        source);
  }
}
