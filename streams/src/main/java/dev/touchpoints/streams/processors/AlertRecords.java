package dev.touchpoints.streams.processors;

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
    // An alert that came with a linked id's history goes out for that id, as it was raised.
    String subject = d.raisedFor() != null ? d.raisedFor() : subjectId;
    String identity = subject + "|" + d.dedupeKey() + "|" + d.status() + "|" + d.eventTime();
    return CustomerAlert.newBuilder()
        .setAlertId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
        .setSubjectId(subject)
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
}
