package dev.touchpoints.streams.index;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A period of the experience index: a UTC day, or an ISO week (Monday to Sunday, UTC). Its key –
 * {@code day:2026-11-30}, {@code week:2026-11-23} – is the index topic's key and sorts by time
 * within a granularity.
 *
 * @param granularity day or week
 * @param start its first day (a Monday for a week)
 */
public record Period(Granularity granularity, LocalDate start) implements Comparable<Period> {

  /** How long a period is. */
  public enum Granularity {
    DAY,
    WEEK;

    /** {@code day} or {@code week}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The granularity named {@code day} or {@code week} (any case). */
    public static Granularity parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  public Period {
    if (granularity == Granularity.WEEK && start.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException("a week starts on a Monday: " + start);
    }
  }

  /** The period of {@code granularity} that holds the event time {@code at}. */
  public static Period of(Granularity granularity, long at) {
    return containing(granularity, Instant.ofEpochMilli(at).atOffset(ZoneOffset.UTC).toLocalDate());
  }

  /** The period of {@code granularity} that holds {@code day}. */
  public static Period containing(Granularity granularity, LocalDate day) {
    return new Period(
        granularity,
        granularity == Granularity.DAY
            ? day
            : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
  }

  /** The day of {@code at}. */
  public static Period day(long at) {
    return of(Granularity.DAY, at);
  }

  /** The week of {@code at}. */
  public static Period week(long at) {
    return of(Granularity.WEEK, at);
  }

  /** The period a key names; {@link IllegalArgumentException} when it names none. */
  public static Period parse(String key) {
    int colon = key.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a period key: " + key);
    }
    try {
      return new Period(
          Granularity.parse(key.substring(0, colon)), LocalDate.parse(key.substring(colon + 1)));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a period key: " + key, e);
    }
  }

  /**
   * Which period keys name a period that ended at or before {@code at}, without parsing them (it
   * runs on every step): periods of one granularity are aligned, so one has ended by {@code at}
   * exactly when its key sorts before that of the period holding {@code at}. {@link
   * Long#MIN_VALUE}: none.
   */
  public static Predicate<String> endedBy(long at) {
    if (at == Long.MIN_VALUE) {
      return key -> false;
    }
    String day = day(at).key();
    String week = week(at).key();
    String weekPrefix = Granularity.WEEK.label() + ":";
    return key -> key.compareTo(key.startsWith(weekPrefix) ? week : day) < 0;
  }

  /** {@code day:2026-11-30} or {@code week:2026-11-23}. */
  public String key() {
    return granularity.label() + ":" + start;
  }

  /** The first day after the period. */
  public LocalDate endDay() {
    return granularity == Granularity.DAY ? start.plusDays(1) : start.plusWeeks(1);
  }

  /** Epoch millis of the period's first instant. */
  public long startMillis() {
    return start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** Epoch millis of the first instant after the period. */
  public long endMillis() {
    return endDay().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** The period before this one. */
  public Period previous() {
    return new Period(
        granularity, granularity == Granularity.DAY ? start.minusDays(1) : start.minusWeeks(1));
  }

  /** The same period a year before: the same date, or the week 52 weeks before. */
  public Period yearAgo() {
    return new Period(
        granularity, granularity == Granularity.DAY ? start.minusYears(1) : start.minusWeeks(52));
  }

  @Override
  public int compareTo(Period other) {
    int byGranularity = granularity.compareTo(other.granularity);
    return byGranularity != 0 ? byGranularity : start.compareTo(other.start);
  }

  @Override
  public String toString() {
    return key();
  }
}
