package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertSelectionTest {

  @Test
  void shouldAcceptThisOrWorseWhenSeverityEndsWithPlus() {
    // Given
    AlertSelection selection = AlertSelection.parse(List.of(), List.of("high+"), null);

    // Then
    assertThat(
            selection.accepts(OpsTestData.alert("s", AlertType.LEFT_IN_SILENCE, Severity.CRITICAL)))
        .isTrue();
    assertThat(selection.accepts(OpsTestData.alert("s", AlertType.LEFT_IN_SILENCE, Severity.HIGH)))
        .isTrue();
    assertThat(
            selection.accepts(OpsTestData.alert("s", AlertType.LEFT_IN_SILENCE, Severity.WARNING)))
        .isFalse();
  }

  @Test
  void shouldSelectIncidentsOnlyWhenTypeIncidentIsAsked() {
    // Given
    AlertSelection incidents = AlertSelection.parse(List.of("INCIDENT"), List.of(), null);
    AlertSelection silence = AlertSelection.parse(List.of("left-in-silence"), List.of(), null);

    // Then
    assertThat(incidents.accepts(OpsTestData.incident(200))).isTrue();
    assertThat(incidents.accepts(OpsTestData.alert("s", AlertType.LEFT_IN_SILENCE, Severity.HIGH)))
        .isFalse();
    assertThat(silence.accepts(OpsTestData.incident(200))).isFalse();
    assertThat(silence.accepts(OpsTestData.alert("s", AlertType.LEFT_IN_SILENCE, Severity.HIGH)))
        .isTrue();
  }

  @Test
  void shouldLeaveOutIncidentsWhenFilteringBySubject() {
    // Given
    AlertSelection selection = AlertSelection.parse(List.of(), List.of(), "s-1");

    // Then
    assertThat(selection.accepts(OpsTestData.incident(200))).isFalse();
    assertThat(selection.accepts(OpsTestData.alert("s-1", AlertType.PROMISE_BROKEN, Severity.HIGH)))
        .isTrue();
    assertThat(selection.accepts(OpsTestData.alert("s-2", AlertType.PROMISE_BROKEN, Severity.HIGH)))
        .isFalse();
  }

  @Test
  void shouldNameOptionAndChoicesWhenValueIsUnknown() {
    assertThatThrownBy(() -> AlertSelection.parse(List.of("ANGRY"), List.of(), null))
        .hasMessageContaining("--type 'ANGRY'")
        .hasMessageContaining("LEFT_IN_SILENCE");
    assertThatThrownBy(() -> AlertSelection.parse(List.of(), List.of("urgent"), null))
        .hasMessageContaining("--severity 'urgent'");
  }
}
