package dev.touchpoints.streams.scoring;

import java.util.Locale;

/** One area of the customer's experience; the first segment of a catalog key names it. */
public enum Dimension {
  WEB,
  BILLING,
  SUPPORT,
  MARKETING;

  /** The dimension a catalog key belongs to, e.g. {@code support.case_opened.complaint}. */
  public static Dimension ofKey(String catalogKey) {
    int dot = catalogKey.indexOf('.');
    String prefix = dot < 0 ? catalogKey : catalogKey.substring(0, dot);
    return valueOf(prefix.toUpperCase(Locale.ROOT));
  }

  /** The catalog prefix, e.g. {@code web}. */
  public String prefix() {
    return name().toLowerCase(Locale.ROOT);
  }
}
