package dev.touchpoints.ops.report;

import java.util.Map;

/**
 * The engine's figures right now, as {@code GET /v1/stats} answers them.
 *
 * @param subjects customers the engine holds a score for
 * @param atRisk of them, scoring below {@code atRiskBelow}
 * @param alertsByType open alerts by type
 */
public record EngineStats(
    long subjects,
    long atRisk,
    double atRiskBelow,
    long activeAlerts,
    Map<String, Long> alertsByType,
    long openIncidents) {

  public EngineStats {
    alertsByType = alertsByType == null ? Map.of() : Map.copyOf(alertsByType);
  }

  /** Open alerts of {@code type} (0 when none). */
  public long open(String type) {
    return alertsByType.getOrDefault(type, 0L);
  }
}
