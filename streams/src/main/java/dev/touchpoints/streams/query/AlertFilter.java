package dev.touchpoints.streams.query;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.Severity;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which active alerts a listing wants.
 *
 * @param subjectId only this subject's alerts, or {@code null} for all
 * @param types accepted alert types (empty: all)
 * @param severities accepted severities (empty: all)
 * @param limit at most this many, most severe and newest first
 */
public record AlertFilter(
    String subjectId, Set<AlertType> types, Set<Severity> severities, int limit) {

  /** The largest page a caller may ask for. */
  public static final int MAX_LIMIT = 1_000;

  /** Every alert of one subject. */
  public static AlertFilter forSubject(String subjectId) {
    return new AlertFilter(
        subjectId, EnumSet.noneOf(AlertType.class), EnumSet.noneOf(Severity.class), MAX_LIMIT);
  }

  /**
   * Parses query parameters; {@code type} and {@code severity} take comma-separated symbols.
   *
   * @throws BadQueryException naming the parameter that is wrong
   */
  public static AlertFilter parse(String subjectId, String type, String severity, String limit) {
    return new AlertFilter(
        blankToNull(subjectId),
        symbols("type", type, AlertType.class),
        severities(severity),
        parseLimit(limit, 100));
  }

  /**
   * Whether {@code alert}, open on subject {@code holder}, passes this filter (the limit aside).
   * The holder may differ from the alert's subject: an alert raised for an id linked into it.
   */
  public boolean accepts(CustomerAlert alert, String holder) {
    return (subjectId == null || subjectId.equals(holder))
        && (types.isEmpty() || types.contains(alert.getType()))
        && (severities.isEmpty() || severities.contains(alert.getSeverity()));
  }

  /** The query string that asks a peer for the same listing from its local stores. */
  public String toQuery() {
    StringBuilder query = new StringBuilder("limit=").append(limit);
    if (subjectId != null) {
      query
          .append("&subject=")
          .append(java.net.URLEncoder.encode(subjectId, java.nio.charset.StandardCharsets.UTF_8));
    }
    if (!types.isEmpty()) {
      query.append("&type=").append(String.join(",", types.stream().map(Enum::name).toList()));
    }
    if (!severities.isEmpty()) {
      query
          .append("&severity=")
          .append(String.join(",", severities.stream().map(Enum::name).toList()));
    }
    return query.toString();
  }

  /**
   * Parses a {@code limit} parameter between 1 and {@link #MAX_LIMIT}.
   *
   * @throws BadQueryException when it is not such a number
   */
  public static int parseLimit(String limit, int fallback) {
    if (limit == null || limit.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(limit.trim());
      if (value < 1 || value > MAX_LIMIT) {
        throw new BadQueryException("limit", "limit must be between 1 and " + MAX_LIMIT);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadQueryException("limit", "limit must be a whole number, got '" + limit + "'");
    }
  }

  /** Severity symbols; {@code HIGH+} means HIGH or worse. */
  private static Set<Severity> severities(String text) {
    Set<Severity> result = EnumSet.noneOf(Severity.class);
    if (text == null || text.isBlank()) {
      return result;
    }
    for (String part : text.split(",")) {
      String trimmed = part.trim();
      boolean orWorse = trimmed.endsWith("+");
      Set<Severity> one =
          symbols(
              "severity",
              orWorse ? trimmed.substring(0, trimmed.length() - 1) : trimmed,
              Severity.class);
      for (Severity severity : one) {
        result.addAll(orWorse ? EnumSet.range(severity, Severity.CRITICAL) : EnumSet.of(severity));
      }
    }
    return result;
  }

  private static <E extends Enum<E>> Set<E> symbols(String field, String text, Class<E> type) {
    Set<E> result = EnumSet.noneOf(type);
    if (text == null || text.isBlank()) {
      return result;
    }
    for (String part : text.split(",")) {
      String symbol = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      try {
        result.add(Enum.valueOf(type, symbol));
      } catch (IllegalArgumentException e) {
        throw new BadQueryException(
            field,
            field
                + " '"
                + part.trim()
                + "' is not one of "
                + Arrays.toString(type.getEnumConstants()));
      }
    }
    return result;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
