package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * An alert or a clear decided by a rule, before it becomes a {@code CustomerAlert} on the wire.
 *
 * @param type what kind of alert
 * @param status RAISED or CLEARED
 * @param severity how urgent
 * @param eventTime event time of the cause (or of the clear)
 * @param why the sentence ops read
 * @param nextStep the suggested next step
 * @param evidence event ids behind it
 * @param dedupeKey the same key for the same open cause; the clear carries it too
 * @param incidentId the incident it was folded into, or null
 * @param historic its cause (for a clear: the raised alert's cause) lay further back than {@code
 *     policy.alerts.max-age} when it was decided: kept in the ledger, not sent
 * @param foldKind the incident touchpoint kind whose failure caused it, so incident detection can
 *     fold it (R6); null when it cannot fold
 * @param raisedFor the id it was raised for when that id's history was linked into this subject
 *     (its records keep that id, and so their alert ids); null: this subject
 */
public record AlertDraft(
    AlertType type,
    AlertStatus status,
    Severity severity,
    long eventTime,
    String why,
    String nextStep,
    List<String> evidence,
    String dedupeKey,
    String incidentId,
    boolean historic,
    String foldKind,
    String raisedFor) {

  public AlertDraft {
    evidence = List.copyOf(evidence);
  }

  /** The RAISED draft of an alert kept in the ledger: the same record, and id, as when raised. */
  public static AlertDraft raised(String dedupeKey, SubjectState.ActiveAlert active) {
    return new AlertDraft(
        active.type,
        AlertStatus.RAISED,
        active.severity,
        active.raisedAt,
        active.why == null
            ? "Raised before this release kept alert texts in the ledger."
            : active.why,
        active.nextStep == null
            ? "See the alert as first sent on the alert topic."
            : active.nextStep,
        active.evidence,
        dedupeKey,
        active.incidentId,
        active.historic,
        active.foldKind,
        active.raisedFor);
  }

  /**
   * The CLEARED draft of an alert kept in the ledger.
   *
   * @param moreEvidence event ids that ended the cause, added to the alert's evidence
   */
  public static AlertDraft cleared(
      String dedupeKey,
      SubjectState.ActiveAlert active,
      long at,
      String why,
      String nextStep,
      List<String> moreEvidence) {
    List<String> evidence = new ArrayList<>(active.evidence);
    moreEvidence.stream().filter(id -> !evidence.contains(id)).forEach(evidence::add);
    return new AlertDraft(
        active.type,
        AlertStatus.CLEARED,
        active.severity,
        at,
        why,
        nextStep,
        evidence,
        dedupeKey,
        active.incidentId,
        active.historic,
        active.foldKind,
        active.raisedFor);
  }

  /** Whether it belongs to an incident and so is not sent on its own (R6). */
  public boolean folded() {
    return incidentId != null;
  }

  /** Whether it goes to the alert topics: neither folded into an incident nor history. */
  public boolean sent() {
    return !folded() && !historic;
  }
}
