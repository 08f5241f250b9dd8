package dev.touchpoints.ops.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The report's charts as inline SVG, drawn here so the page needs no script and no network: the
 * daily index over 90 days, and the small bars of the kinds and alert tables.
 */
final class Charts {

  private static final int WIDTH = 960;
  private static final int HEIGHT = 280;
  private static final int LEFT = 44;
  private static final int RIGHT = 56;
  private static final int TOP = 14;
  private static final int BOTTOM = 34;

  private Charts() {}

  /**
   * Mean score (left axis) and share at risk (right axis) per day in [{@code from}, {@code to}),
   * the reported period shaded; a day without customers leaves a gap. Each day's point carries its
   * figures as {@code day-<date>-mean-score} and {@code day-<date>-at-risk-share}.
   */
  static String trend(
      List<IndexRow> days, LocalDate from, LocalDate to, LocalDate markFrom, LocalDate markTo) {
    long span = Math.max(1, ChronoUnit.DAYS.between(from, to));
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    double[] score = scoreRange(days);
    double shareTop = shareTop(days);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"Mean score and share at risk per day\">");
    // the reported period
    LocalDate bandFrom = markFrom.isBefore(from) ? from : markFrom;
    LocalDate bandTo = markTo.isAfter(to) ? to : markTo;
    if (bandFrom.isBefore(bandTo)) {
      double x0 = LEFT + ChronoUnit.DAYS.between(from, bandFrom) * plotW / span;
      double x1 = LEFT + ChronoUnit.DAYS.between(from, bandTo) * plotW / span;
      svg.append(rect(x0, TOP, x1 - x0, plotH, "band"));
    }
    // score grid and axes
    double step = score[1] - score[0] > 30 ? 10 : 5;
    for (double v = score[0]; v <= score[1] + 1e-9; v += step) {
      double y = TOP + plotH - (v - score[0]) / (score[1] - score[0]) * plotH;
      svg.append(line(LEFT, y, WIDTH - RIGHT, y, "grid"));
      svg.append(text(LEFT - 6, y + 4, "end", "axis", fmt(v, 0)));
      double share = (v - score[0]) / (score[1] - score[0]) * shareTop;
      svg.append(text(WIDTH - RIGHT + 6, y + 4, "start", "axis risk", fmt(share * 100, 1) + "%"));
    }
    // days: Monday ticks, month names on the first
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      double x = LEFT + (ChronoUnit.DAYS.between(from, d) + 0.5) * plotW / span;
      if (d.getDayOfWeek() == DayOfWeek.MONDAY) {
        svg.append(line(x, TOP + plotH, x, TOP + plotH + 4, "tick"));
      }
      if (d.getDayOfMonth() == 1 || d.equals(from)) {
        svg.append(
            text(
                x,
                HEIGHT - 10,
                "middle",
                "axis",
                d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                    + (d.getDayOfMonth() == 1 ? "" : " " + d.getDayOfMonth())));
      }
    }
    svg.append(line(LEFT, TOP + plotH, WIDTH - RIGHT, TOP + plotH, "base"));
    StringBuilder meanPath = new StringBuilder();
    StringBuilder riskPath = new StringBuilder();
    StringBuilder points = new StringBuilder();
    LocalDate last = null;
    for (IndexRow day : days) {
      double x = LEFT + (ChronoUnit.DAYS.between(from, day.start()) + 0.5) * plotW / span;
      double yMean =
          TOP + plotH - (clamp(day.meanScore(), score) - score[0]) / (score[1] - score[0]) * plotH;
      double yRisk = TOP + plotH - Math.min(day.atRiskShare(), shareTop) / shareTop * plotH;
      String move = last != null && last.plusDays(1).equals(day.start()) ? "L" : "M";
      meanPath.append(move).append(fmt(x, 1)).append(',').append(fmt(yMean, 1));
      riskPath.append(move).append(fmt(x, 1)).append(',').append(fmt(yRisk, 1));
      last = day.start();
      String title =
          "<title>"
              + day.start()
              + ": mean score "
              + Html.decimal(day.meanScore())
              + ", "
              + Html.percent(day.atRiskShare())
              + " at risk, "
              + day.customers()
              + " customers</title>";
      points
          .append(dot(x, yMean, "mean", "day-" + day.start() + "-mean-score", day.meanScore()))
          .append(title)
          .append("</circle>")
          .append(dot(x, yRisk, "risk", "day-" + day.start() + "-at-risk-share", day.atRiskShare()))
          .append(title)
          .append("</circle>");
    }
    svg.append("<path class=\"line risk\" d=\"").append(riskPath).append("\"/>");
    svg.append("<path class=\"line mean\" d=\"").append(meanPath).append("\"/>");
    svg.append(points);
    return svg.append("</svg>").toString();
  }

  /**
   * A bar of {@code value} out of {@code max}, with a mark at {@code previous} (null: none). Values
   * are magnitudes: points lost come in as positive numbers.
   */
  static String bar(double value, Double previous, double max, String cssClass) {
    int w = 220;
    double scale = max <= 0 ? 0 : (w - 4) / max;
    StringBuilder svg =
        new StringBuilder("<svg class=\"bar\" viewBox=\"0 0 ")
            .append(w)
            .append(" 16\" role=\"presentation\">");
    svg.append(rect(0, 3, Math.max(1, value * scale), 10, cssClass));
    if (previous != null) {
      double x = Math.min(w - 2, Math.abs(previous) * scale);
      svg.append(line(x, 0, x, 16, "was"));
    }
    return svg.append("</svg>").toString();
  }

  /** One bar split in two: {@code a} (e.g. taken) then {@code b} (not taken). */
  static String split(long a, long b, String classA, String classB) {
    int w = 400;
    long total = a + b;
    double wa = total == 0 ? 0 : (double) a / total * w;
    return "<svg class=\"split\" viewBox=\"0 0 "
        + w
        + " 18\" role=\"presentation\" preserveAspectRatio=\"none\">"
        + rect(0, 0, wa, 18, classA)
        + rect(wa, 0, w - wa, 18, total == 0 ? "none" : classB)
        + "</svg>";
  }

  private static double[] scoreRange(List<IndexRow> days) {
    double min = days.stream().mapToDouble(IndexRow::meanScore).min().orElse(0);
    double max = days.stream().mapToDouble(IndexRow::meanScore).max().orElse(100);
    double lo = Math.max(0, Math.floor((min - 2) / 5) * 5);
    double hi = Math.min(100, Math.ceil((max + 2) / 5) * 5);
    return hi - lo < 10
        ? new double[] {Math.max(0, hi - 10), Math.max(10, hi)}
        : new double[] {lo, hi};
  }

  /** The right axis' top: the largest share at risk, rounded up to whole 5 % steps. */
  private static double shareTop(List<IndexRow> days) {
    double max = days.stream().mapToDouble(IndexRow::atRiskShare).max().orElse(0);
    return Math.max(0.05, Math.ceil(max * 1.1 * 20) / 20);
  }

  private static double clamp(double v, double[] range) {
    return Math.max(range[0], Math.min(range[1], v));
  }

  private static String dot(double x, double y, String cssClass, String testId, double value) {
    return "<circle class=\""
        + cssClass
        + "\" cx=\""
        + fmt(x, 1)
        + "\" cy=\""
        + fmt(y, 1)
        + "\" r=\"2.4\" data-testid=\""
        + Html.escape(testId)
        + "\" data-value=\""
        + Html.exact(value)
        + "\">";
  }

  private static String rect(double x, double y, double w, double h, String cssClass) {
    return "<rect class=\""
        + cssClass
        + "\" x=\""
        + fmt(x, 1)
        + "\" y=\""
        + fmt(y, 1)
        + "\" width=\""
        + fmt(Math.max(0, w), 1)
        + "\" height=\""
        + fmt(h, 1)
        + "\"/>";
  }

  private static String line(double x1, double y1, double x2, double y2, String cssClass) {
    return "<line class=\""
        + cssClass
        + "\" x1=\""
        + fmt(x1, 1)
        + "\" y1=\""
        + fmt(y1, 1)
        + "\" x2=\""
        + fmt(x2, 1)
        + "\" y2=\""
        + fmt(y2, 1)
        + "\"/>";
  }

  private static String text(double x, double y, String anchor, String cssClass, String text) {
    return "<text class=\""
        + cssClass
        + "\" x=\""
        + fmt(x, 1)
        + "\" y=\""
        + fmt(y, 1)
        + "\" text-anchor=\""
        + anchor
        + "\">"
        + Html.escape(text)
        + "</text>";
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
