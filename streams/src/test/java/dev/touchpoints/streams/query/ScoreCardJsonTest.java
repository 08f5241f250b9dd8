package dev.touchpoints.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.serde.AvroJson;
import org.junit.jupiter.api.Test;

class ScoreCardJsonTest {

  @Test
  void shouldShowDueClocksWhenCaseUpdateIsLateAndPromiseIsPending() {
    // Given
    var experience = TestData.experience("s1", 30);

    // When
    JsonNode card =
        ScoreCardJson.card(experience, JsonNodeFactory.instance.arrayNode(), TestData.NOW);

    // Then
    JsonNode openCase = card.get("openCases").get(0);
    assertThat(openCase.get("overdue").asBoolean()).isTrue();
    assertThat(openCase.get("dueInSeconds").asLong()).isEqualTo(-5 * 3600);
    JsonNode promise = card.get("openPromises").get(0);
    assertThat(promise.get("overdue").asBoolean()).isFalse();
    assertThat(promise.get("dueInSeconds").asLong()).isEqualTo(2 * 3600);
  }

  @Test
  void shouldPutAlertsAndTouchpointsOnOneTimelineNewestFirstWhenBuildingCard() {
    // Given
    var experience = TestData.experience("s1", 30);
    ArrayNode alerts = JsonNodeFactory.instance.arrayNode();
    alerts.add(
        AvroJson.toJson(
            TestData.alert("s1", AlertType.LEFT_IN_SILENCE, Severity.HIGH, TestData.NOW)));

    // When
    JsonNode card = ScoreCardJson.card(experience, alerts, TestData.NOW);

    // Then
    JsonNode timeline = card.get("timeline");
    assertThat(timeline)
        .extracting(n -> n.get("kind").asText())
        .contains("touchpoint", "alert", "case-opened", "promise-due", "update-due");
    assertThat(timeline.get(0).get("kind").asText()).isEqualTo("promise-due");
    assertThat(card.get("activeAlerts").get(0).get("why").asText()).contains("no update");
    assertThat(card.get("reasons").get(0).asText()).contains("Complaint");
    assertThat(card.get("scorePath")).hasSize(2);
  }

  @Test
  void shouldMarkAHistoricAlertOnTheTimeline() {
    // Given an alert kept in the ledger for a cause older than policy.alerts.max-age
    var experience = TestData.experience("s1", 30);
    ArrayNode alerts = JsonNodeFactory.instance.arrayNode();
    alerts.add(
        AvroJson.toJson(TestData.alert("s1", AlertType.PROMISE_BROKEN, Severity.HIGH, TestData.NOW))
            .put("historic", true));
    alerts.add(
        AvroJson.toJson(
            TestData.alert("s1", AlertType.LEFT_IN_SILENCE, Severity.HIGH, TestData.NOW)));

    // When
    JsonNode card = ScoreCardJson.card(experience, alerts, TestData.NOW);

    // Then only that one is marked historic
    assertThat(card.get("timeline"))
        .filteredOn(n -> n.get("kind").asText().equals("alert"))
        .extracting(n -> n.path("alertType").asText() + "/" + n.path("historic").asBoolean())
        .containsExactlyInAnyOrder("PROMISE_BROKEN/true", "LEFT_IN_SILENCE/false");
  }
}
