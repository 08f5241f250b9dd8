package dev.touchpoints.ops;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.avro.Severity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders of the records the ops tools read. */
final class OpsTestData {

  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private OpsTestData() {}

  static CustomerAlert alert(String subjectId, AlertType type, Severity severity) {
    return CustomerAlert.newBuilder()
        .setAlertId("alert-" + subjectId + "-" + type)
        .setSubjectId(subjectId)
        .setType(type)
        .setStatus(AlertStatus.RAISED)
        .setSeverity(severity)
        .setEventTime(NOW)
        .setWhy("Complaint case-1 has had no update for 3 days")
        .setNextStep("Send the customer a status update today")
        .setEvidence(List.of("evt-1"))
        .setDedupeKey(type + ":case-1")
        .build();
  }

  static IncidentAlert incident(int affected) {
    return IncidentAlert.newBuilder()
        .setIncidentId("inc-1")
        .setTouchpointKind("web.checkout_error")
        .setStatus(IncidentStatus.OPEN)
        .setSeverity(Severity.CRITICAL)
        .setAffectedSubjects(affected)
        .setFailures(affected * 2L)
        .setBaselinePerWindow(1.0)
        .setWindowStart(NOW.minus(Duration.ofMinutes(5)))
        .setWindowEnd(NOW)
        .setEventTime(NOW)
        .setWhy(affected + " customers hit checkout errors in 5 minutes")
        .setNextStep("Check the checkout service and post a status message")
        .setDedupeKey("web.checkout_error")
        .build();
  }

  static DeadLetter deadLetter(String sourceTopic, long offset, String reason, byte[] value) {
    return DeadLetter.newBuilder()
        .setSourceTopic(sourceTopic)
        .setPartition(0)
        .setOffset(offset)
        .setKey(ByteBuffer.wrap(("subject-" + offset).getBytes(StandardCharsets.UTF_8)))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setHeaders(Map.of("trace", ByteBuffer.wrap(new byte[] {1, 2})))
        .setRecordTimestamp(NOW)
        .setReason(reason)
        .setErrorClass("org.apache.kafka.common.errors.SerializationException")
        .setProcessor("validate")
        .setFailedAt(NOW)
        .build();
  }
}
