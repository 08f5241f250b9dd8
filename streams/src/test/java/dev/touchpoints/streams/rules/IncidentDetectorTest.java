package dev.touchpoints.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentDetectorTest {

  private static final long MINUTE = 60_000;
  private final IncidentDetector detector =
      new IncidentDetector(TestData.policy(Map.of()).incident());

  @Test
  void shouldNotOpenWhenFailuresStayNearTheBaseline() {
    IncidentState s = detector.newState("web.error_page", 0);
    List<IncidentAlert> out = new ArrayList<>();
    for (int window = 0; window < 50; window++) {
      for (int i = 0; i < 10; i++) {
        out.addAll(detector.onFailure(s, "e", window * 5 * MINUTE + i, true, true));
      }
    }
    assertThat(out).isEmpty();
    assertThat(s.baseline).isGreaterThan(5);
  }

  @Test
  void shouldOpenUpdateAtMostOncePerIntervalAndResolve() {
    IncidentState s = detector.newState("web.checkout_error", 0);
    List<IncidentAlert> out = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      out.addAll(detector.onFailure(s, "e" + i, i * 500L, true, true));
    }
    out.addAll(detector.advance(s, 30 * MINUTE));

    assertThat(out)
        .first()
        .satisfies(a -> assertThat(a.getStatus()).isEqualTo(IncidentStatus.OPEN));
    assertThat(out.get(0).getAffectedSubjects()).isEqualTo(20);
    List<IncidentAlert> updates =
        out.stream().filter(a -> a.getStatus() == IncidentStatus.UPDATED).toList();
    for (int i = 1; i < updates.size(); i++) {
      assertThat(
              updates.get(i).getEventTime().toEpochMilli()
                  - updates.get(i - 1).getEventTime().toEpochMilli())
          .isGreaterThanOrEqualTo(MINUTE);
    }
    assertThat(updates)
        .last()
        .satisfies(a -> assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL));
    assertThat(out)
        .last()
        .satisfies(
            a -> {
              assertThat(a.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
              assertThat(a.getAffectedSubjects()).isEqualTo(400);
            });
    assertThat(out)
        .extracting(IncidentAlert::getIncidentId)
        .containsOnly(out.get(0).getIncidentId());
  }
}
