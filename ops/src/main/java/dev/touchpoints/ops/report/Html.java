package dev.touchpoints.ops.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The report's small pieces of HTML: escaping, and numbers as people read them, each with its exact
 * value in {@code data-value} under a stable {@code data-testid} so a test can check it.
 */
final class Html {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SHORT_TIME =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private Html() {}

  /** {@code text} safe inside an element or a quoted attribute; null as an empty string. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A whole number with its exact value: {@code 1,284}. */
  static String count(String testId, long value) {
    return tagged(testId, Long.toString(value), String.format(Locale.ROOT, "%,d", value));
  }

  /** A score or points with one decimal: {@code 61.3}, {@code -1,182.5}. */
  static String points(String testId, double value) {
    return tagged(testId, exact(value), decimal(value));
  }

  /** A share as a percentage with one decimal: {@code 9.8 %}. */
  static String share(String testId, double value) {
    return tagged(testId, exact(value), percent(value));
  }

  /** A number a test may not check on its own (derived, or absent from the API): no test id. */
  static String decimal(double value) {
    return String.format(Locale.ROOT, "%,.1f", value);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f\u00a0%%", share * 100);
  }

  static String time(Instant at) {
    return at == null ? "\u2013" : TIME.format(at);
  }

  static String shortTime(Instant at) {
    return at == null ? "\u2013" : SHORT_TIME.format(at);
  }

  /** The exact value as {@code data-value} holds it: the shortest text that reads back as it. */
  static String exact(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static String tagged(String testId, String exact, String shown) {
    return "<span class=\"n\" data-testid=\""
        + escape(testId)
        + "\" data-value=\""
        + exact
        + "\">"
        + shown
        + "</span>";
  }
}
