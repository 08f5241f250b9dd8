package dev.touchpoints.streams.scoring;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%+.1f" | "%.0f", x)} without the cost of {@code Formatter}
 * (which parses the pattern on every call), for texts built per event. The result is the same text:
 * values whose rounding is not clear-cut (within 10⁻⁶ of a tie, huge, NaN or infinite) are handed
 * to {@code String.format} itself, so the JDK's own rounding of ties (half-up on the shortest
 * decimal) is kept.
 */
public final class Decimals {

  private static final double LIMIT = 1e7;
  private static final double TIE_MARGIN = 1e-6;

  private Decimals() {}

  /** As {@code String.format(Locale.ROOT, "%+.1f", value)}. */
  public static String signedTenths(double value) {
    return appendSignedTenths(new StringBuilder(8), value).toString();
  }

  /** Appends {@code String.format(Locale.ROOT, "%+.1f", value)}. */
  public static StringBuilder appendSignedTenths(StringBuilder sb, double value) {
    long tenths = rounded(Math.abs(value) * 10);
    if (tenths < 0 || !(Math.abs(value) < LIMIT)) {
      return sb.append(String.format(Locale.ROOT, "%+.1f", value));
    }
    return sb.append(Double.compare(value, 0.0) < 0 ? '-' : '+')
        .append(tenths / 10)
        .append('.')
        .append(tenths % 10);
  }

  /** As {@code String.format(Locale.ROOT, "%.0f", value)}. */
  public static String whole(double value) {
    long whole = rounded(Math.abs(value));
    if (whole < 0 || !(Math.abs(value) < LIMIT)) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return Double.compare(value, 0.0) < 0 ? "-" + whole : Long.toString(whole);
  }

  /** {@code scaled} (≥ 0) rounded half-up, or -1 when it is close to a tie or not a number. */
  private static long rounded(double scaled) {
    if (!(scaled < LIMIT * 10)) {
      return -1;
    }
    double floor = Math.floor(scaled);
    double fraction = scaled - floor;
    if (Math.abs(fraction - 0.5) < TIE_MARGIN) {
      return -1;
    }
    return (long) floor + (fraction > 0.5 ? 1 : 0);
  }
}
