package dev.touchpoints.streams.records;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.streams.rules.AlertDraft;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Turns an alert decided by a rule into the published {@code CustomerAlert}. */
public final class AlertRecords {

  private AlertRecords() {}

  /**
   * The wire record. Its id is derived from subject, cause, status and event time, so a replay
   * produces the same ids and consumers can drop repeats.
   */
  public static CustomerAlert toAvro(String subjectId, AlertDraft d) {
    return CustomerAlert.newBuilder()
        .setAlertId(alertId(subjectId, d))
        .setSubjectId(subjectOf(subjectId, d))
        .setType(d.type())
        .setStatus(d.status())
        .setSeverity(d.severity())
        .setEventTime(Instant.ofEpochMilli(d.eventTime()))
        .setWhy(d.why())
        .setNextStep(d.nextStep())
        .setEvidence(d.evidence())
        .setDedupeKey(d.dedupeKey())
        .setIncidentId(d.incidentId())
        .build();
  }

  /**
   * A reminder of an open alert: its RAISED record again, same id, with {@code remindedAt} set (its
   * snooze ended, or it got worse while snoozed).
   */
  public static CustomerAlert reminder(String subjectId, AlertDraft raised, long remindedAt) {
    CustomerAlert alert = toAvro(subjectId, raised);
    alert.setRemindedAt(Instant.ofEpochMilli(remindedAt));
    return alert;
  }

  /** The id of the record {@link #toAvro} makes of {@code d}. */
  public static String alertId(String subjectId, AlertDraft d) {
    String identity =
        subjectOf(subjectId, d) + "|" + d.dedupeKey() + "|" + d.status() + "|" + d.eventTime();
    return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** An alert that came with a linked id's history goes out for that id, as it was raised. */
  private static String subjectOf(String subjectId, AlertDraft d) {
    return d.raisedFor() != null ? d.raisedFor() : subjectId;
  }
}
