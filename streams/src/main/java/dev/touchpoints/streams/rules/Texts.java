package dev.touchpoints.streams.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small helpers for the sentences ops read. */
final class Texts {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Texts() {}

  static String date(long epochMillis) {
    return DATE.format(Instant.ofEpochMilli(epochMillis));
  }

  static String duration(long millis) {
    long minutes = millis / 60_000;
    if (minutes < 120) {
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours + " hours";
    }
    return hours / 24 + " days";
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
