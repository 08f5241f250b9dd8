package dev.touchpoints.ops.report;

import java.util.List;

/**
 * A period beside the one before and the same one a year earlier, with the touchpoint kinds that
 * hurt and helped most, as {@code GET /v1/index/compare} answers it.
 *
 * @param previous the period before, or null when the index has none
 * @param yearAgo the period a year earlier, or null when the index has none
 * @param hurting the kinds that cost most points, most lost first (at most 10)
 * @param helping the kinds that gained most points, most gained first
 */
public record Comparison(
    String period,
    IndexRow current,
    IndexRow previous,
    IndexRow yearAgo,
    List<Hurting> hurting,
    List<Helping> helping) {

  public Comparison {
    hurting = hurting == null ? List.of() : List.copyOf(hurting);
    helping = helping == null ? List.of() : List.copyOf(helping);
  }

  /**
   * A kind that cost points.
   *
   * @param pointsLost points lost in the period (negative)
   * @param previousPointsLost in the period before, or null when the kind cost nothing then
   * @param change {@code pointsLost - previousPointsLost}, or null
   */
  public record Hurting(
      String key,
      String label,
      double pointsLost,
      Double previousPointsLost,
      Double change,
      long customers) {}

  /**
   * A kind that gained points.
   *
   * @param previousPointsGained in the period before, or null when the kind gained nothing then
   * @param change {@code pointsGained - previousPointsGained}, or null
   */
  public record Helping(
      String key,
      String label,
      double pointsGained,
      Double previousPointsGained,
      Double change,
      long customers) {}
}
