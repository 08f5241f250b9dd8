package dev.touchpoints.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.Severity;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

class LocalStateTest {

  private final MapStore<CustomerExperience> experiences = new MapStore<>();
  private final MapStore<CustomerAlert> alerts = new MapStore<>();
  private final MapStore<IncidentAlert> incidents = new MapStore<>();
  private final LocalState local = TestData.local(experiences, alerts, incidents);

  @Test
  void shouldRankLowestScoresFirstWhenAtRiskIsAsked() {
    // Given
    experiences
        .put("a", TestData.experience("a", 70))
        .put("b", TestData.experience("b", 12))
        .put("c", TestData.experience("c", 35))
        .put("d", TestData.experience("d", 20));

    // When
    ArrayNode rows = local.lowestScores(true, 2, false);

    // Then
    assertThat(rows).extracting(n -> n.get("subjectId").asText()).containsExactly("b", "d");
    assertThat(rows.get(0).get("topReason").asText()).contains("without an update");
  }

  @Test
  void shouldReturnOnlyTheSubjectsAlertsWhenFilteredBySubject() {
    // Given
    add(TestData.alert("s1", AlertType.LEFT_IN_SILENCE, Severity.HIGH, TestData.NOW));
    add(TestData.alert("s1", AlertType.SELF_SERVICE_FAILED, Severity.CRITICAL, TestData.NOW));
    add(TestData.alert("s10", AlertType.LEFT_IN_SILENCE, Severity.HIGH, TestData.NOW));

    // When
    ArrayNode found = local.alerts(AlertFilter.forSubject("s1"));

    // Then
    assertThat(found).extracting(n -> n.get("subjectId").asText()).containsOnly("s1");
    assertThat(found)
        .extracting(n -> n.get("severity").asText())
        .containsExactly("CRITICAL", "HIGH");
  }

  @Test
  void shouldRankNewestFirstWithinASeverityWhenListingAlerts() {
    // Given
    add(
        TestData.alert(
            "old",
            AlertType.LEFT_IN_SILENCE,
            Severity.HIGH,
            TestData.NOW.minus(Duration.ofHours(1))));
    add(TestData.alert("new", AlertType.LEFT_IN_SILENCE, Severity.HIGH, TestData.NOW));
    add(TestData.alert("info", AlertType.WIN_BACK_OPPORTUNITY, Severity.INFO, TestData.NOW));

    // When
    ArrayNode found = local.alerts(AlertFilter.parse(null, "LEFT_IN_SILENCE", null, "10"));

    // Then
    assertThat(found).extracting(n -> n.get("subjectId").asText()).containsExactly("new", "old");
  }

  @Test
  void shouldCountScoresIntoBucketsWhenComputingStats() {
    // Given
    experiences
        .put("a", TestData.experience("a", 5))
        .put("b", TestData.experience("b", 55))
        .put("c", TestData.experience("c", 100));
    add(TestData.alert("a", AlertType.LEFT_IN_SILENCE, Severity.HIGH, TestData.NOW));
    incidents.put("web.checkout_error", TestData.incident("web.checkout_error", 120));

    // When
    JsonNode stats = local.stats();

    // Then
    assertThat(stats.get("subjects").asLong()).isEqualTo(3);
    assertThat(stats.get("atRisk").asLong()).isEqualTo(1);
    assertThat(stats.get("histogram").get(0).asLong()).isEqualTo(1);
    assertThat(stats.get("histogram").get(5).asLong()).isEqualTo(1);
    assertThat(stats.get("histogram").get(9).asLong()).isEqualTo(1);
    assertThat(stats.get("alertsByType").get("LEFT_IN_SILENCE").asLong()).isEqualTo(1);
    assertThat(stats.get("openIncidents").asLong()).isEqualTo(1);
  }

  @Test
  void shouldReportUnavailableWhenStoreMigratesDuringQuery() {
    // Given
    LocalState rebalancing =
        new LocalState(
            TestData.provider(
                name -> {
                  throw new InvalidStateStoreException("migrated");
                }),
            dev.touchpoints.streams.TestData.policy(Map.of()),
            40.0);

    // Then
    assertThatThrownBy(() -> rebalancing.experience("s1"))
        .isInstanceOf(StoreUnavailableException.class);
  }

  private void add(CustomerAlert alert) {
    alerts.put(TestData.alertKey(alert), alert);
  }
}
