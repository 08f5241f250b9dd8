package dev.touchpoints.ops.report;

import static dev.touchpoints.ops.report.Html.escape;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders a {@link ReportData} as one self-contained HTML page: inline CSS and SVG, no script, no
 * font, image or link that needs a network. Every string from the API is escaped; every number from
 * it carries a {@code data-testid} and its exact {@code data-value}.
 */
public final class ReportHtml {

  private ReportHtml() {}

  /**
   * The page.
   *
   * @param withDetails name the customers and staff in the alert lists and show each alert's why
   *     (text that may quote a promise or name a case)
   */
  public static String render(ReportData data, boolean withDetails) {
    StringBuilder page = new StringBuilder(64 * 1024);
    String title = "Customer experience, " + data.period().title(data.start());
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Touchpoints \u2013 ")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(Style.CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
    header(page, data);
    if (data.noDataYet()) {
      page.append(
          "<section><p class=\"empty\" data-testid=\"no-data\">No data yet: the experience index"
              + " has no period with customers. It fills as the engine scores touchpoints; make"
              + " the report again then.</p></section>\n");
    } else {
      Comparison c = data.comparison();
      if (c == null) {
        page.append("<section><p class=\"empty\" data-testid=\"no-period-data\">The index has no")
            .append(" figures for ")
            .append(escape(data.period().title(data.start())))
            .append(".</p></section>\n");
      } else {
        headline(page, data, c);
      }
      trend(page, data);
      if (c != null) {
        Kinds.render(page, data.period(), c);
        segments(page, c);
      }
      AlertSections.render(page, data, withDetails);
    }
    footer(page, data);
    return page.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void header(StringBuilder page, ReportData data) {
    page.append(
            "<header>\n<h1>Customer experience</h1>\n<p class=\"period\" data-testid=\"period\"")
        .append(" data-start=\"")
        .append(data.start())
        .append("\">")
        .append(escape(capitalised(data.period().title(data.start()))));
    LocalDate today = LocalDate.ofInstant(data.generatedAt(), ZoneOffset.UTC);
    if (data.comparison() != null && data.end().isAfter(today)) {
      page.append(" <span class=\"tag\" data-testid=\"in-progress\">in progress</span>");
    }
    page.append("</p>\n<p class=\"meta\">Made ").append(Html.time(data.generatedAt()));
    if (data.comparison() != null && data.comparison().current().updatedAt() != null) {
      page.append(" \u00b7 index updated ")
          .append(Html.time(data.comparison().current().updatedAt()));
    }
    page.append("</p>\n");
    EngineStats now = data.stats();
    if (now != null) {
      page.append("<div class=\"now\"><span>Right now:</span><span>")
          .append(Html.count("now-customers", now.subjects()))
          .append(" customers scored</span><span>")
          .append(Html.count("now-at-risk", now.atRisk()))
          .append(" at risk (score below ")
          .append(Html.points("at-risk-below", now.atRiskBelow()))
          .append(")</span><span>")
          .append(Html.count("now-open-alerts", now.activeAlerts()))
          .append(" open alerts</span><span>")
          .append(Html.count("now-open-incidents", now.openIncidents()))
          .append(" open incidents</span></div>\n");
    }
    page.append("</header>\n");
  }

  /** A headline figure: how it reads, and which way is better (+1 up, -1 down, 0 neither). */
  private record Metric(
      String testId, String label, ToDoubleFunction<IndexRow> value, char kind, int better) {}

  private static final List<Metric> METRICS =
      List.of(
          new Metric("customers", "Customers", IndexRow::customers, 'c', 0),
          new Metric("mean-score", "Mean score", IndexRow::meanScore, 'p', 1),
          new Metric("median-score", "Median score", IndexRow::medianScore, 'p', 1),
          new Metric("at-risk-share", "Share at risk", IndexRow::atRiskShare, 's', -1),
          new Metric("alerts-raised", "Alerts raised", IndexRow::raisedInAll, 'c', -1),
          new Metric("points-lost", "Points lost", IndexRow::pointsLost, 'p', 1),
          new Metric("points-gained", "Points gained", IndexRow::pointsGained, 'p', 1));

  private static void headline(StringBuilder page, ReportData data, Comparison c) {
    page.append("<section id=\"headline\">\n<h2>The ")
        .append(data.period().apiName())
        .append(" in figures</h2>\n<div class=\"cards\">\n");
    for (Metric m : METRICS) {
      page.append("<div class=\"card\"><div class=\"label\">")
          .append(m.label())
          .append("</div><div class=\"big\">")
          .append(figure(m, "", c.current()))
          .append("</div>");
      if (m.testId().equals("at-risk-share")) {
        page.append("<div class=\"sub\">")
            .append(Html.count("at-risk", c.current().atRisk()))
            .append(" customers</div>");
      }
      compared(page, m, c.current(), c.previous(), "previous-", data.period().previousName());
      compared(page, m, c.current(), c.yearAgo(), "year-ago-", "a year ago");
      page.append("</div>\n");
    }
    page.append("</div>\n");
    alertsByType(page, c);
    page.append("</section>\n");
  }

  private static void compared(
      StringBuilder page, Metric m, IndexRow now, IndexRow then, String prefix, String when) {
    page.append("<div class=\"cmp\">");
    if (then == null) {
      page.append("no figures ").append(when).append("</div>");
      return;
    }
    double delta = m.value().applyAsDouble(now) - m.value().applyAsDouble(then);
    page.append(arrow(delta, m.better()))
        .append(' ')
        .append(delta(delta, m.kind()))
        .append(" vs ")
        .append(figure(m, prefix, then));
    if (m.testId().equals("at-risk-share")) {
      page.append(" (").append(Html.count(prefix + "at-risk", then.atRisk())).append(')');
    }
    page.append(' ').append(when).append("</div>");
  }

  private static String figure(Metric m, String prefix, IndexRow row) {
    double v = m.value().applyAsDouble(row);
    return switch (m.kind()) {
      case 'c' -> Html.count(prefix + m.testId(), (long) v);
      case 's' -> Html.share(prefix + m.testId(), v);
      default -> Html.points(prefix + m.testId(), v);
    };
  }

  /** ▲ or ▼ (or =), coloured by whether the change is for the better. */
  static String arrow(double delta, int better) {
    if (Math.abs(delta) < 1e-9) {
      return "<span class=\"flat\">=</span>";
    }
    String css = better == 0 ? "flat" : (delta > 0) == (better > 0) ? "good" : "bad";
    return "<span class=\"" + css + "\">" + (delta > 0 ? "\u25b2" : "\u25bc") + "</span>";
  }

  private static String delta(double delta, char kind) {
    String sign = delta > 0 ? "+" : "";
    return switch (kind) {
      case 'c' -> sign + String.format(Locale.ROOT, "%,d", Math.round(delta));
      case 's' -> sign + String.format(Locale.ROOT, "%.1f", delta * 100) + "\u00a0pp";
      default -> sign + Html.decimal(delta);
    };
  }

  private static void alertsByType(StringBuilder page, Comparison c) {
    List<String> types = new ArrayList<>(AlertTypes.ORDER);
    for (IndexRow row : new IndexRow[] {c.current(), c.previous(), c.yearAgo()}) {
      if (row != null) {
        row.alertsRaised().keySet().stream()
            .filter(t -> !types.contains(t))
            .sorted()
            .forEach(types::add);
      }
    }
    page.append(
            "<h3>Alerts raised, by type</h3>\n<table class=\"narrow\" data-testid=\"alerts-by-type\">")
        .append("<thead><tr><th>Alert</th><th class=\"num\">This ")
        .append(escape(c.period()))
        .append("</th><th class=\"num\">Before</th><th class=\"num\">A year ago</th>")
        .append("</tr></thead><tbody>\n");
    for (String type : types) {
      if (!raisedAnywhere(type, c)) {
        continue;
      }
      page.append("<tr data-type=\"")
          .append(escape(type))
          .append("\"><td>")
          .append(escape(AlertTypes.label(type)))
          .append("</td>")
          .append(raisedCell(c.current(), type, ""))
          .append(raisedCell(c.previous(), type, "previous-"))
          .append(raisedCell(c.yearAgo(), type, "year-ago-"))
          .append("</tr>\n");
    }
    page.append("</tbody></table>\n");
  }

  private static boolean raisedAnywhere(String type, Comparison c) {
    for (IndexRow row : new IndexRow[] {c.current(), c.previous(), c.yearAgo()}) {
      if (row != null && row.alertsRaised().containsKey(type)) {
        return true;
      }
    }
    return false;
  }

  private static String raisedCell(IndexRow row, String type, String prefix) {
    if (row == null) {
      return "<td class=\"num\">\u2013</td>";
    }
    Long raised = row.alertsRaised().get(type);
    return "<td class=\"num\">"
        + (raised == null ? "0" : Html.count(prefix + "alerts-raised-" + type, raised))
        + "</td>";
  }

  private static void trend(StringBuilder page, ReportData data) {
    page.append("<section id=\"trend\">\n<h2>The index, day by day</h2>\n")
        .append("<div class=\"legend\"><span><i class=\"swatch\" style=\"background:var(--mean)\">")
        .append("</i>Mean score (left)</span><span><i class=\"swatch\" style=\"background:")
        .append("var(--risk)\"></i>Share at risk (right)</span><span><i class=\"swatch\" style=\"")
        .append("background:var(--band);height:10px\"></i>")
        .append(escape(capitalised(data.period().title(data.start()))))
        .append("</span></div>\n");
    if (data.daily().isEmpty()) {
      page.append("<p>No daily figures in the 90 days up to ")
          .append(data.chartTo().minusDays(1))
          .append(".</p>\n");
    } else {
      page.append(
          Charts.trend(data.daily(), data.chartFrom(), data.chartTo(), data.start(), data.end()));
    }
    page.append("\n</section>\n");
  }

  private static void segments(StringBuilder page, Comparison c) {
    page.append("<section id=\"segments\">\n<h2>By dimension and by source</h2>\n")
        .append("<div class=\"two\">\n");
    segmentTable(page, "Dimension", "dimension-", c.current().dimensions(), previous(c, true));
    segmentTable(page, "Source", "source-", c.current().sources(), previous(c, false));
    page.append("</div>\n</section>\n");
  }

  private static List<IndexRow.Segment> previous(Comparison c, boolean dimensions) {
    if (c.previous() == null) {
      return List.of();
    }
    return dimensions ? c.previous().dimensions() : c.previous().sources();
  }

  private static void segmentTable(
      StringBuilder page,
      String what,
      String prefix,
      List<IndexRow.Segment> segments,
      List<IndexRow.Segment> before) {
    page.append("<table data-testid=\"")
        .append(prefix)
        .append("table\"><thead><tr><th>")
        .append(what)
        .append("</th><th class=\"num\">Customers</th><th class=\"num\">Mean</th>")
        .append(
            "<th class=\"num\">Median</th><th class=\"num\">At risk</th></tr></thead><tbody>\n");
    if (segments.isEmpty()) {
      page.append("<tr><td colspan=\"5\">none</td></tr>\n");
    }
    for (IndexRow.Segment s : segments) {
      String id = prefix + s.name() + "-";
      page.append("<tr><td>")
          .append(escape(s.name()))
          .append("</td><td class=\"num\">")
          .append(Html.count(id + "customers", s.customers()))
          .append("</td><td class=\"num\">")
          .append(Html.points(id + "mean-score", s.meanScore()));
      before.stream()
          .filter(b -> b.name().equals(s.name()))
          .findFirst()
          .ifPresent(
              b ->
                  page.append(' ')
                      .append(arrow(s.meanScore() - b.meanScore(), 1))
                      .append("<br><small>was ")
                      .append(Html.points("previous-" + id + "mean-score", b.meanScore()))
                      .append("</small>"));
      page.append("</td><td class=\"num\">")
          .append(Html.points(id + "median-score", s.medianScore()))
          .append("</td><td class=\"num\">")
          .append(Html.count(id + "at-risk", s.atRisk()))
          .append(" \u00b7 ")
          .append(Html.share(id + "at-risk-share", s.atRiskShare()))
          .append("</td></tr>\n");
    }
    page.append("</tbody></table>\n");
  }

  private static void footer(StringBuilder page, ReportData data) {
    page.append("<footer>\n<p>Figures from the Touchpoints query API at ")
        .append(escape(data.source()))
        .append(". Periods are UTC; weeks start on Monday. A customer counts in a period when a")
        .append(" touchpoint of theirs was scored in it; <b>at risk</b> means a score below the")
        .append(" engine's threshold; <b>points lost / gained</b> add up what touchpoints did to")
        .append(" scores. A win-back opportunity or broken promise is <b>taken</b> when someone")
        .append(" acknowledged it or it has an owner.</p>\n")
        .append("<p>Made by <code>touchpoints report</code>. Open alerts: the ops console or")
        .append(" <code>touchpoints alerts</code>.</p>\n</footer>\n");
  }

  static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
