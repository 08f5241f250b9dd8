package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.core.alerts.AlertJson;
import org.junit.jupiter.api.Test;

class AlertFormatTest {

  @Test
  void shouldShowSeverityWhyAndNextStepWhenPrintingForPeople() {
    // When
    String text =
        AlertFormat.human(OpsTestData.alert("s-1", AlertType.LEFT_IN_SILENCE, Severity.HIGH));

    // Then
    assertThat(text)
        .startsWith("2025-03-01 12:00:00Z  HIGH")
        .contains("LEFT_IN_SILENCE", "subject s-1", "RAISED")
        .contains("why:  Complaint case-1 has had no update for 3 days")
        .contains("next: Send the customer a status update today");
  }

  @Test
  void shouldShowAffectedCustomersWhenPrintingAnIncident() {
    assertThat(AlertFormat.human(OpsTestData.incident(240)))
        .contains("CRITICAL", "INCIDENT", "web.checkout_error: 240 customers affected", "OPEN");
  }

  @Test
  void shouldWriteOneJsonObjectWithIsoTimesWhenPrintingForScripts() throws Exception {
    // When
    String line =
        AlertFormat.json(OpsTestData.alert("s-1", AlertType.PROMISE_BROKEN, Severity.WARNING));

    // Then
    assertThat(line).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("kind").asText()).isEqualTo("customer-alert");
    assertThat(json.get("eventTime").asText()).isEqualTo("2025-03-01T12:00:00Z");
    assertThat(json.get("incidentId").isNull()).isTrue();
    // the one alert JSON form, as the mirror topic and the query API write it
    assertThat(line)
        .isEqualTo(
            AlertJson.of(OpsTestData.alert("s-1", AlertType.PROMISE_BROKEN, Severity.WARNING))
                .toString());
    assertThat(AlertFormat.json(OpsTestData.incident(240)))
        .isEqualTo(AlertJson.of(OpsTestData.incident(240)).toString());
  }
}
