package dev.touchpoints.ops.report;

import static dev.touchpoints.ops.report.Html.escape;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The report's lists: open incidents, broken promises and win-back opportunities – how many were
 * raised in the period, how many are open now and how many of those ops took on.
 */
final class AlertSections {

  /** Open alerts listed per section; the counts cover them all. */
  static final int LISTED = 25;

  private AlertSections() {}

  static void render(StringBuilder page, ReportData data, boolean withDetails) {
    incidents(page, data);
    alerts(
        page,
        data,
        "promises",
        "Broken promises",
        ReportData.PROMISE_BROKEN,
        data.brokenPromises(),
        "broken",
        withDetails);
    alerts(
        page,
        data,
        "win-back",
        "Win-back opportunities",
        ReportData.WIN_BACK,
        data.winBacks(),
        "found",
        withDetails);
  }

  private static void incidents(StringBuilder page, ReportData data) {
    List<Incident> open = data.incidents();
    page.append("<section id=\"incidents\">\n<h2>Open incidents: ")
        .append(Html.count("incidents-open", open.size()))
        .append("</h2>\n");
    if (open.isEmpty()) {
      page.append("<p class=\"ok\">No open incident.</p>\n</section>\n");
      return;
    }
    page.append("<table data-testid=\"incidents\"><thead><tr><th>Touchpoint</th><th>Severity</th>")
        .append("<th>Since</th><th class=\"num\">Customers hit</th><th class=\"num\">Failures</th>")
        .append("<th class=\"num\">Normal per window</th><th>What happened, what to do</th>")
        .append("</tr></thead><tbody>\n");
    for (Incident incident : open) {
      String id = "incident-" + incident.incidentId() + "-";
      page.append("<tr data-incident=\"")
          .append(escape(incident.incidentId()))
          .append("\"><td>")
          .append(escape(label(data, incident.touchpointKind())))
          .append("<br><code>")
          .append(escape(incident.touchpointKind()))
          .append("</code></td><td>")
          .append(severity(incident.severity()))
          .append("<br><small>")
          .append(escape(incident.status()))
          .append("</small></td><td>")
          .append(Html.shortTime(incident.windowStart()))
          .append("</td><td class=\"num\">")
          .append(Html.count(id + "affected", incident.affectedSubjects()))
          .append("</td><td class=\"num\">")
          .append(Html.count(id + "failures", incident.failures()))
          .append("</td><td class=\"num\">")
          .append(Html.points(id + "baseline", incident.baselinePerWindow()))
          .append("</td><td>")
          .append(escape(incident.why()))
          .append("<br><small>")
          .append(escape(incident.nextStep()))
          .append("</small></td></tr>\n");
    }
    page.append("</tbody></table>\n</section>\n");
  }

  private static void alerts(
      StringBuilder page,
      ReportData data,
      String id,
      String title,
      String type,
      List<OpenAlert> open,
      String verb,
      boolean withDetails) {
    Comparison c = data.comparison();
    long taken = open.stream().filter(OpenAlert::taken).count();
    page.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n");
    page.append("<div class=\"figures\">");
    if (c != null) {
      page.append("<div>")
          .append(Html.count(id + "-raised", c.current().raised(type)))
          .append(' ')
          .append(verb)
          .append(" in the ")
          .append(data.period().apiName());
      if (c.previous() != null) {
        page.append("<br><small>")
            .append(Html.count("previous-" + id + "-raised", c.previous().raised(type)))
            .append(' ')
            .append(data.period().previousName())
            .append("</small>");
      }
      page.append("</div>");
    }
    long openNow = data.stats() == null ? open.size() : data.stats().open(type);
    page.append("<div>")
        .append(Html.count(id + "-open", openNow))
        .append(" open now</div><div>")
        .append(Html.count(id + "-taken", taken))
        .append(" taken by ops</div><div>")
        .append(Html.count(id + "-not-taken", open.size() - taken))
        .append(" not taken yet</div></div>\n");
    if (!open.isEmpty()) {
      page.append(Charts.split(taken, open.size() - taken, "taken", "open"));
    }
    if (open.size() < openNow) {
      page.append("<p class=\"meta\">Taken and not taken count the ")
          .append(open.size())
          .append(" listed by the query API (its largest page).</p>\n");
    }
    table(page, id, open, data.generatedAt(), withDetails);
    page.append("</section>\n");
  }

  private static void table(
      StringBuilder page, String id, List<OpenAlert> open, Instant now, boolean withDetails) {
    if (open.isEmpty()) {
      page.append("<p class=\"ok\">None open.</p>\n");
      return;
    }
    page.append("<table data-testid=\"")
        .append(id)
        .append("-list\"><thead><tr><th>Raised</th><th>Severity</th><th>Taken?</th>")
        .append(withDetails ? "<th>Customer</th><th>Why</th>" : "")
        .append("<th>Alert</th></tr></thead><tbody>\n");
    for (OpenAlert alert : open.subList(0, Math.min(LISTED, open.size()))) {
      page.append("<tr data-alert=\"")
          .append(escape(alert.alertId()))
          .append("\" data-taken=\"")
          .append(alert.taken())
          .append("\"><td>")
          .append(Html.shortTime(alert.eventTime()))
          .append("<br><small>")
          .append(age(alert.eventTime(), now))
          .append("</small></td><td>")
          .append(severity(alert.severity()))
          .append("</td><td>")
          .append(handling(alert, withDetails))
          .append("</td>");
      if (withDetails) {
        page.append("<td>")
            .append(escape(alert.subjectId()))
            .append("</td><td>")
            .append(escape(alert.why()))
            .append("</td>");
      }
      page.append("<td><code>").append(escape(alert.alertId())).append("</code></td></tr>\n");
    }
    page.append("</tbody></table>\n");
    if (open.size() > LISTED) {
      page.append("<p class=\"meta\">and ")
          .append(open.size() - LISTED)
          .append(" more: the ops console or <code>touchpoints alerts</code> list them all.</p>\n");
    }
  }

  private static String handling(OpenAlert alert, boolean withDetails) {
    OpenAlert.Handling h = alert.handling();
    StringBuilder text = new StringBuilder();
    if (h != null && h.acknowledgedAt() != null) {
      text.append("<span class=\"good\">Acknowledged</span> ")
          .append(Html.shortTime(h.acknowledgedAt()));
      if (withDetails && h.acknowledgedBy() != null) {
        text.append(" by ").append(escape(h.acknowledgedBy()));
      }
    }
    if (h != null && h.assignee() != null) {
      text.append(text.length() > 0 ? "<br>" : "").append("<span class=\"good\">Assigned</span>");
      if (h.assignedAt() != null) {
        text.append(' ').append(Html.shortTime(h.assignedAt()));
      }
      if (withDetails) {
        text.append(" to ").append(escape(h.assignee()));
      }
    }
    if (text.length() == 0) {
      text.append("<span class=\"bad\">Not taken</span>");
    }
    if (h != null && h.snoozed() && h.snoozedUntil() != null) {
      text.append("<br><small>snoozed until ")
          .append(Html.shortTime(h.snoozedUntil()))
          .append("</small>");
    }
    return text.toString();
  }

  private static String severity(String severity) {
    return "<span class=\"sev " + escape(severity) + "\">" + escape(severity) + "</span>";
  }

  private static String age(Instant at, Instant now) {
    if (at == null) {
      return "";
    }
    Duration ago = Duration.between(at, now);
    if (ago.toDays() >= 1) {
      return ago.toDays() + (ago.toDays() == 1 ? " day" : " days") + " ago";
    }
    return ago.toHours() >= 1
        ? ago.toHours() + " h ago"
        : Math.max(0, ago.toMinutes()) + " min ago";
  }

  /** A kind's label as the index names it; the key when the period did not see the kind. */
  private static String label(ReportData data, String key) {
    Comparison c = data.comparison();
    if (c != null) {
      for (IndexRow.Kind kind : c.current().kinds()) {
        if (kind.key().equals(key)) {
          return kind.label();
        }
      }
    }
    for (int i = data.daily().size() - 1; i >= 0; i--) {
      for (IndexRow.Kind kind : data.daily().get(i).kinds()) {
        if (kind.key().equals(key)) {
          return kind.label();
        }
      }
    }
    return key;
  }
}
