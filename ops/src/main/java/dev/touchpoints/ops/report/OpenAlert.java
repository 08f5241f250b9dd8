package dev.touchpoints.ops.report;

import java.time.Instant;

/**
 * An open customer alert as {@code GET /v1/alerts} lists it, with what ops did about it.
 *
 * @param eventTime when the alert was raised (its cause's event time)
 * @param handling what ops did, or null when nobody acted on it yet
 */
public record OpenAlert(
    String alertId,
    String subjectId,
    String type,
    String severity,
    Instant eventTime,
    String why,
    String nextStep,
    Handling handling) {

  /** Whether ops took the alert on: somebody acknowledged it or it has an owner. */
  public boolean taken() {
    return handling != null && (handling.acknowledgedAt() != null || handling.assignee() != null);
  }

  /** What ops did about an open alert: fields are null when unset. */
  public record Handling(
      String acknowledgedBy,
      Instant acknowledgedAt,
      String assignee,
      Instant assignedAt,
      boolean snoozed,
      Instant snoozedUntil) {}
}
