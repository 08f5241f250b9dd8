package dev.touchpoints.streams.messages;

import dev.touchpoints.streams.rules.AlertDraft;

/**
 * What incident detection hears of one subject, keyed by touchpoint kind on the internal {@code
 * failures-by-kind} topic: a failure of an incident kind, or an alert (or its clear) that such a
 * failure caused – incident detection decides whether the alert folds into an incident or goes to
 * ops (R6) – or that the subject was erased, so detection drops what it holds about them.
 *
 * @param kind catalog key of the failure (for an alert: of the failure that caused it)
 * @param subjectId who hit it
 * @param eventId the failure's event; null for an alert
 * @param at event time of the failure, or of the alert's cause
 * @param alert the alert or clear; null for a failure
 * @param erasure whether the subject was erased (no failure, no alert)
 */
public record IncidentSignal(
    String kind, String subjectId, String eventId, long at, AlertDraft alert, boolean erasure) {

  /** A failure of an incident kind was applied. */
  public static IncidentSignal failure(String kind, String subjectId, String eventId, long at) {
    return new IncidentSignal(kind, subjectId, eventId, at, null, false);
  }

  /** An alert or clear caused by a failure of {@code alert.foldKind()}. */
  public static IncidentSignal alert(String subjectId, AlertDraft alert) {
    String subject = alert.raisedFor() != null ? alert.raisedFor() : subjectId;
    return new IncidentSignal(alert.foldKind(), subject, null, alert.eventTime(), alert, false);
  }

  /** The subject was erased: detection of {@code kind} forgets it ({@code at} moves no clock). */
  public static IncidentSignal erasure(String kind, String subjectId, long at) {
    return new IncidentSignal(kind, subjectId, null, at, null, true);
  }

  /** Whether it carries an alert rather than a failure. */
  public boolean hasAlert() {
    return alert != null;
  }
}
