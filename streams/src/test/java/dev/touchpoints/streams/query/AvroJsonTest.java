package dev.touchpoints.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.serde.AvroJson;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

  @Test
  void shouldWriteIsoTimestampsAndPlainValuesWhenRecordHasLogicalTypesAndUnions() {
    // Given
    var experience = TestData.experience("subject-1", 35.5);

    // When
    ObjectNode json = AvroJson.toJson(experience);

    // Then
    assertThat(json.get("updatedAt").asText()).isEqualTo("2025-03-01T11:00:00Z");
    assertThat(json.get("overall30DaysAgo").asDouble()).isEqualTo(60.0);
    assertThat(json.get("dimensions").get("support").asDouble()).isEqualTo(35.5);
    assertThat(json.get("openCases").get(0).get("kind").asText()).isEqualTo("COMPLAINT");
    assertThat(json.get("openPromises").get(0).get("dueAt").asText())
        .isEqualTo("2025-03-01T14:00:00Z");
  }

  @Test
  void shouldWriteNullWhenOptionalFieldIsUnset() {
    // Given
    var alert = TestData.alert("subject-1", AlertType.LEFT_IN_SILENCE, Severity.HIGH, TestData.NOW);

    // When
    ObjectNode json = AvroJson.toJson(alert);

    // Then
    assertThat(json.get("incidentId").isNull()).isTrue();
    assertThat(json.get("severity").asText()).isEqualTo("HIGH");
    assertThat(json.get("eventTime").asText()).isEqualTo("2025-03-01T12:00:00Z");
  }
}
