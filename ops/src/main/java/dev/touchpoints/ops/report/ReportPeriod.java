package dev.touchpoints.ops.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The periods of the experience index: UTC days, and weeks that start on Monday. */
public enum ReportPeriod {
  DAY,
  WEEK;

  private static final DateTimeFormatter DAY_MONTH_YEAR =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_MONTH =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter WEEKDAY =
      DateTimeFormatter.ofPattern("EEEE d MMM yyyy", Locale.ENGLISH);

  /** The name the query API and the command line use: {@code day} or {@code week}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The period named {@code text} ({@code day} or {@code week}, any case).
   *
   * @throws IllegalArgumentException naming the periods there are
   */
  public static ReportPeriod parse(String text) {
    for (ReportPeriod period : values()) {
      if (period.apiName().equalsIgnoreCase(text.strip())) {
        return period;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a period: day or week");
  }

  /** The start of the period that holds {@code date}. */
  public LocalDate startOf(LocalDate date) {
    return this == DAY ? date : date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The end of the period that starts on {@code start} (exclusive). */
  public LocalDate end(LocalDate start) {
    return this == DAY ? start.plusDays(1) : start.plusWeeks(1);
  }

  /** The period as people name it: "week 48, 23–29 Nov 2026" or "Monday 30 Nov 2026". */
  public String title(LocalDate start) {
    if (this == DAY) {
      return WEEKDAY.format(start);
    }
    LocalDate last = end(start).minusDays(1);
    String from =
        start.getYear() != last.getYear()
            ? DAY_MONTH_YEAR.format(start)
            : start.getMonth() != last.getMonth()
                ? DAY_MONTH.format(start)
                : String.valueOf(start.getDayOfMonth());
    return "week "
        + start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)
        + ", "
        + from
        + "\u2013"
        + DAY_MONTH_YEAR.format(last);
  }

  /** "previous week" / "previous day". */
  public String previousName() {
    return this == DAY ? "the day before" : "the week before";
  }
}
