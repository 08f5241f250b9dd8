package dev.touchpoints.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

  @Test
  void shouldUnwrapUnionsAndWriteIsoTimesWhenMirrorUsesAvroJsonEncoding() {
    // Given
    String json =
        "{\"alertId\":\"a-1\",\"subjectId\":\"s-1\",\"type\":\"LEFT_IN_SILENCE\","
            + "\"severity\":\"HIGH\",\"eventTime\":1740830400000,"
            + "\"why\":\"No update for 3 days\",\"incidentId\":{\"string\":\"inc-9\"}}";

    // When
    ObjectNode alert = AlertJson.normalize(json).orElseThrow();

    // Then
    assertThat(alert.get("kind").asText()).isEqualTo("customer-alert");
    assertThat(alert.get("eventTime").asText()).isEqualTo("2025-03-01T12:00:00Z");
    assertThat(alert.get("incidentId").asText()).isEqualTo("inc-9");
  }

  @Test
  void shouldMarkIncidentWhenRecordNamesATouchpointKind() {
    // When
    ObjectNode alert =
        AlertJson.normalize(
                "{\"incidentId\":\"i-1\",\"touchpointKind\":\"web.checkout_error\","
                    + "\"affectedSubjects\":300,\"eventTime\":\"2025-03-01T12:00:00Z\"}")
            .orElseThrow();

    // Then
    assertThat(alert.get("kind").asText()).isEqualTo("incident-alert");
    assertThat(alert.get("eventTime").asText()).isEqualTo("2025-03-01T12:00:00Z");
  }

  @Test
  void shouldFollowTheMirrorsKindWhenItSetsOne() {
    assertThat(AlertJson.normalize("{\"kind\":\"customer-alert\",\"touchpointKind\":\"x\"}"))
        .hasValueSatisfying(a -> assertThat(a.get("kind").asText()).isEqualTo("customer-alert"));
    assertThat(AlertJson.normalize("{\"kind\":\"incident-alert\",\"incidentId\":\"i\"}"))
        .hasValueSatisfying(a -> assertThat(a.get("kind").asText()).isEqualTo("incident-alert"));
  }

  @Test
  void shouldSkipWhenPayloadIsNotAJsonObject() {
    assertThat(AlertJson.normalize("not json")).isEmpty();
    assertThat(AlertJson.normalize("[1,2]")).isEmpty();
    assertThat(AlertJson.normalize(null)).isEmpty();
  }
}
