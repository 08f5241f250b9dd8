package dev.touchpoints.ops.report;

import static dev.touchpoints.ops.report.Html.escape;

/**
 * The touchpoint kinds that hurt and helped most in the period: a bar of points per kind, with a
 * mark where the period before stood, and the change.
 */
final class Kinds {

  private Kinds() {}

  static void render(StringBuilder page, ReportPeriod period, Comparison c) {
    page.append("<section id=\"kinds\">\n<h2>What hurt and what helped</h2>\n");
    page.append("<h3>Touchpoints hurting most</h3>\n");
    double maxLost =
        c.hurting().stream()
            .mapToDouble(
                h ->
                    Math.max(
                        Math.abs(h.pointsLost()),
                        h.previousPointsLost() == null ? 0 : Math.abs(h.previousPointsLost())))
            .max()
            .orElse(0);
    table(page, "hurting", "Points lost", period);
    if (c.hurting().isEmpty()) {
      page.append("<tr><td colspan=\"5\">No touchpoint cost points.</td></tr>\n");
    }
    for (Comparison.Hurting h : c.hurting()) {
      row(
          page,
          h.key(),
          h.label(),
          "lost",
          Charts.bar(Math.abs(h.pointsLost()), h.previousPointsLost(), maxLost, "lost"),
          h.pointsLost(),
          h.previousPointsLost(),
          h.change(),
          h.customers());
    }
    page.append("</tbody></table>\n<h3>Touchpoints helping most</h3>\n");
    double maxGained =
        c.helping().stream()
            .mapToDouble(
                h ->
                    Math.max(
                        h.pointsGained(),
                        h.previousPointsGained() == null ? 0 : h.previousPointsGained()))
            .max()
            .orElse(0);
    table(page, "helping", "Points gained", period);
    if (c.helping().isEmpty()) {
      page.append("<tr><td colspan=\"5\">No touchpoint gained points.</td></tr>\n");
    }
    for (Comparison.Helping h : c.helping()) {
      row(
          page,
          h.key(),
          h.label(),
          "gained",
          Charts.bar(h.pointsGained(), h.previousPointsGained(), maxGained, "gained"),
          h.pointsGained(),
          h.previousPointsGained(),
          h.change(),
          h.customers());
    }
    page.append("</tbody></table>\n<p class=\"meta\">The dark mark on a bar: ")
        .append(period.previousName())
        .append(".</p>\n</section>\n");
  }

  private static void table(StringBuilder page, String id, String what, ReportPeriod period) {
    page.append("<table data-testid=\"")
        .append(id)
        .append("\"><thead><tr><th>Touchpoint</th><th></th><th class=\"num\">")
        .append(what)
        .append("</th><th class=\"num\">Change vs ")
        .append(period.previousName())
        .append("</th><th class=\"num\">Customers</th></tr></thead><tbody>\n");
  }

  /**
   * One kind. {@code side} is {@code lost} or {@code gained}; a change up is for the better either
   * way (points lost are negative: a fall means the kind hurt more).
   */
  private static void row(
      StringBuilder page,
      String key,
      String label,
      String side,
      String bar,
      double points,
      Double previous,
      Double change,
      long customers) {
    String id = "kind-" + key + "-" + side;
    page.append("<tr data-kind=\"")
        .append(escape(key))
        .append("\"><td>")
        .append(escape(label))
        .append("<br><code>")
        .append(escape(key))
        .append("</code></td><td>")
        .append(bar)
        .append("</td><td class=\"num\">")
        .append(Html.points(id, points))
        .append("</td><td class=\"num\">");
    if (change != null) {
      page.append(ReportHtml.arrow(change, 1))
          .append(' ')
          .append(Html.points(id + "-change", change));
    } else if (previous == null) {
      page.append("<span class=\"flat\">new</span>");
    }
    if (previous != null) {
      page.append("<br><small>was ")
          .append(Html.points(id + "-previous", previous))
          .append("</small>");
    }
    page.append("</td><td class=\"num\">")
        .append(Html.count(id + "-customers", customers))
        .append("</td></tr>\n");
  }
}
