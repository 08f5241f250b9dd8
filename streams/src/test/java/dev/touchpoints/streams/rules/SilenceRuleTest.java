package dev.touchpoints.streams.rules;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.resolved;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.updateSent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOutcome;
import dev.touchpoints.avro.Severity;
import org.junit.jupiter.api.Test;

class SilenceRuleTest {

  @Test
  void shouldUseTheDefaultIntervalWhenTheCaseNamesNoDate() {
    Subject s = new Subject();
    s.on(support("s-1", day(0), caseOpened("c", CaseKind.QUESTION, null)));

    assertThat(s.timePasses(day(2.9))).isEmpty();
    assertThat(s.timePasses(day(3)))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.type()).isEqualTo(AlertType.LEFT_IN_SILENCE);
              assertThat(a.severity()).isEqualTo(Severity.WARNING);
            });
  }

  @Test
  void shouldRestartTheClockWhenAnUpdateIsSent() {
    Subject s = new Subject();
    s.on(
        support("s-2", day(0), caseOpened("c", CaseKind.COMPLAINT, day(1))),
        support("s-2", day(0.5), updateSent("c", day(4))));

    assertThat(s.timePasses(day(3.9))).isEmpty();
    assertThat(s.timePasses(day(4)))
        .extracting(AlertDraft::severity)
        .containsExactly(Severity.HIGH);
  }

  @Test
  void shouldClearAndStopTheClockWhenTheCaseIsResolved() {
    Subject s = new Subject();
    s.on(support("s-3", day(0), caseOpened("c", CaseKind.COMPLAINT, day(1))));
    s.timePasses(day(2));

    var alerts = s.on(support("s-3", day(2.5), resolved("c", CaseOutcome.SOLVED)));

    assertThat(alerts)
        .filteredOn(a -> a.type() == AlertType.LEFT_IN_SILENCE)
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.CLEARED));
    assertThat(s.state().clocks).doesNotContainKey("silence:c");
  }
}
