package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.checkoutError;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A burst faster than {@code policy.incident.update-min-interval}: the affected count ops see
 * follows the real one within seconds, and no per-customer alert about the failures is sent.
 */
class IncidentBurstTest {

  private static final int CUSTOMERS = 500;
  private static final int FAILURES_EACH = 4;
  private static final Duration BURST = Duration.ofSeconds(22);

  @Test
  void shouldReportTheRealAffectedCountWithinSecondsAndFoldEveryCustomerAlert() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given 500 customers hitting checkout errors 4 times each within 22 seconds
      long step = BURST.toMillis() / (CUSTOMERS * FAILURES_EACH);
      Instant last = TestData.T0;
      for (int round = 0; round < FAILURES_EACH; round++) {
        for (int c = 0; c < CUSTOMERS; c++) {
          last = TestData.T0.plusMillis((round * CUSTOMERS + c) * step);
          engine.send(web("burst-" + c, last, checkoutError()));
        }
      }

      // When 6 seconds of wall-clock time pass after the last failure
      engine.wallClockTo(last.plusSeconds(6));

      // Then one incident, whose latest record counts (nearly) everyone affected
      List<IncidentAlert> incidents = engine.incidents();
      assertThat(incidents)
          .extracting(IncidentAlert::getIncidentId)
          .containsOnly(incidents.get(0).getIncidentId());
      IncidentAlert latest = incidents.get(incidents.size() - 1);
      assertThat(latest.getStatus()).isIn(IncidentStatus.OPEN, IncidentStatus.UPDATED);
      assertThat(latest.getAffectedSubjects()).isGreaterThanOrEqualTo(450);
      // and no per-customer alert about those failures reached ops
      assertThat(engine.alerts())
          .extracting(CustomerAlert::getType)
          .doesNotContain(AlertType.SELF_SERVICE_FAILED, AlertType.EXPERIENCE_DROP);
    }
  }
}
