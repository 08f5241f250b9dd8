package dev.touchpoints.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.avro.Severity;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The one JSON form of an alert carries every field its schema has, whatever is added later. */
class AlertJsonTest {

  private static final Instant AT = Instant.parse("2025-03-03T09:14:00Z");

  @Test
  void shouldRenderEveryFieldOfACustomerAlertAfterItsKind() {
    CustomerAlert alert =
        CustomerAlert.newBuilder()
            .setAlertId("a-1")
            .setSubjectId("cust-1")
            .setType(AlertType.LEFT_IN_SILENCE)
            .setStatus(AlertStatus.RAISED)
            .setSeverity(Severity.HIGH)
            .setEventTime(AT)
            .setWhy("why")
            .setNextStep("next")
            .setEvidence(List.of("e-1"))
            .setDedupeKey("silence:c-1")
            .setIncidentId(null)
            .build();

    ObjectNode json = AlertJson.of(alert);

    assertThat(json.fieldNames().next()).isEqualTo("kind");
    assertThat(json.get("kind").asText()).isEqualTo(AlertJson.CUSTOMER);
    assertThat(json.get("eventTime").asText()).isEqualTo("2025-03-03T09:14:00Z");
    assertThat(json.get("type").asText()).isEqualTo("LEFT_IN_SILENCE");
    assertEveryField(json, CustomerAlert.getClassSchema());
  }

  @Test
  void shouldRenderEveryFieldOfAnIncidentAlertAfterItsKind() {
    IncidentAlert incident =
        IncidentAlert.newBuilder()
            .setIncidentId("i-1")
            .setTouchpointKind("web.checkout_error")
            .setStatus(IncidentStatus.OPEN)
            .setSeverity(Severity.CRITICAL)
            .setAffectedSubjects(240)
            .setFailures(400)
            .setBaselinePerWindow(2.0)
            .setWindowStart(AT)
            .setWindowEnd(AT.plusSeconds(300))
            .setEventTime(AT)
            .setWhy("why")
            .setNextStep("next")
            .setSampleEvidence(List.of("e-1"))
            .setDedupeKey("incident:web.checkout_error")
            .build();

    ObjectNode json = AlertJson.of(incident);

    assertThat(json.get("kind").asText()).isEqualTo(AlertJson.INCIDENT);
    assertThat(json.get("windowEnd").asText()).isEqualTo("2025-03-03T09:19:00Z");
    assertEveryField(json, IncidentAlert.getClassSchema());
  }

  private static void assertEveryField(ObjectNode json, Schema schema) {
    assertThat(json.size()).isEqualTo(schema.getFields().size() + 1);
    for (Schema.Field field : schema.getFields()) {
      assertThat(json.has(field.name())).as(field.name()).isTrue();
    }
  }
}
