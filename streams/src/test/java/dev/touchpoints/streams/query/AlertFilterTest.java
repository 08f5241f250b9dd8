package dev.touchpoints.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

  @Test
  void shouldAcceptCommaSeparatedSymbolsInAnyCaseWhenParsing() {
    // When
    AlertFilter filter = AlertFilter.parse(null, "left_in_silence,PROMISE-BROKEN", "high", "5");

    // Then
    assertThat(filter.types())
        .containsExactlyInAnyOrder(AlertType.LEFT_IN_SILENCE, AlertType.PROMISE_BROKEN);
    assertThat(filter.severities()).containsExactly(Severity.HIGH);
    assertThat(filter.limit()).isEqualTo(5);
  }

  @Test
  void shouldAcceptThisOrWorseWhenSeverityEndsWithPlus() {
    assertThat(AlertFilter.parse(null, null, "HIGH+", null).severities())
        .containsExactlyInAnyOrder(Severity.HIGH, Severity.CRITICAL);
  }

  @Test
  void shouldNameTheFieldWhenSeverityIsUnknown() {
    assertThatThrownBy(() -> AlertFilter.parse(null, null, "urgent", null))
        .isInstanceOfSatisfying(
            BadQueryException.class, e -> assertThat(e.field()).isEqualTo("severity"))
        .hasMessageContaining("urgent");
  }

  @Test
  void shouldRejectLimitWhenOutOfRange() {
    assertThatThrownBy(() -> AlertFilter.parse(null, null, null, "0"))
        .isInstanceOfSatisfying(
            BadQueryException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> AlertFilter.parse(null, null, null, "lots"))
        .isInstanceOf(BadQueryException.class);
  }

  @Test
  void shouldRoundTripThroughQueryStringWhenForwardedToPeer() {
    // Given
    AlertFilter filter = AlertFilter.parse("subject 1", "LEFT_IN_SILENCE", "HIGH,CRITICAL", "7");

    // When
    String query = filter.toQuery();

    // Then
    assertThat(query)
        .contains("limit=7", "subject=subject+1", "type=LEFT_IN_SILENCE", "severity=HIGH,CRITICAL");
  }
}
