package dev.touchpoints.ops.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One period of the experience index, as {@code GET /v1/index} and {@code /v1/index/compare} answer
 * it: the customers seen in the period, their scores, the alerts raised and the points lost and
 * gained, overall and by dimension, source and touchpoint kind.
 *
 * @param start first day (UTC)
 * @param end the day after the last (exclusive)
 * @param alertsRaised alerts raised in the period, by type
 * @param kinds touchpoint kinds, most points lost first
 */
public record IndexRow(
    String period,
    LocalDate start,
    LocalDate end,
    long customers,
    double meanScore,
    double medianScore,
    long atRisk,
    double atRiskShare,
    Map<String, Long> alertsRaised,
    double pointsLost,
    double pointsGained,
    List<Segment> dimensions,
    List<Segment> sources,
    List<Kind> kinds,
    Instant updatedAt) {

  public IndexRow {
    alertsRaised = alertsRaised == null ? Map.of() : Map.copyOf(alertsRaised);
    dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    sources = sources == null ? List.of() : List.copyOf(sources);
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
  }

  /** Alerts of {@code type} raised in the period (0 when none). */
  public long raised(String type) {
    return alertsRaised.getOrDefault(type, 0L);
  }

  /** Alerts of every type raised in the period. */
  public long raisedInAll() {
    return alertsRaised.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The customers of one dimension (WEB, BILLING…) or source system within the period. */
  public record Segment(
      String name,
      long customers,
      double meanScore,
      double medianScore,
      long atRisk,
      double atRiskShare) {}

  /** What one touchpoint kind did to scores within the period. */
  public record Kind(
      String key, String label, double pointsLost, double pointsGained, long customers) {}
}
