package dev.touchpoints.streams.rules;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.resolved;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOutcome;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WinBackAndDropRuleTest {

  @Test
  void shouldNotRaiseWinBackWhenTheBadExperienceIsLongPast() {
    Subject s = new Subject();
    s.on(support("w-1", day(0), caseOpened("c", CaseKind.COMPLAINT, day(1))));
    s.on(support("w-1", day(200), resolved("c", CaseOutcome.SOLVED)));
    assertThat(s.state().alerts).doesNotContainKey("win-back");
  }

  @Test
  void shouldExpireTheWinBackOpportunity() {
    Subject s = new Subject();
    s.on(
        support("w-2", day(0), caseOpened("c", CaseKind.COMPLAINT, day(1))),
        support("w-2", day(0.5), resolved("c", CaseOutcome.SOLVED)));
    assertThat(s.state().alerts).containsKey("win-back");
    assertThat(s.timePasses(day(15)))
        .filteredOn(a -> a.type() == AlertType.WIN_BACK_OPPORTUNITY)
        .extracting(AlertDraft::status)
        .containsExactly(AlertStatus.CLEARED);
  }

  @Test
  void shouldRaiseAnExperienceDropWhenTheScoreFallsBelowTheThresholdAndClearOnRecovery() {
    Subject s = new Subject();
    var drops =
        IntStream.range(0, 3)
            .mapToObj(
                i -> s.on(support("d-1", day(i), caseOpened("c" + i, CaseKind.COMPLAINT, day(30)))))
            .flatMap(java.util.List::stream)
            .filter(a -> a.type() == AlertType.EXPERIENCE_DROP)
            .toList();
    assertThat(drops).extracting(AlertDraft::status).containsExactly(AlertStatus.RAISED);

    // Years later the bad memory has faded and the next visit clears it
    var later = s.on(web("d-1", day(3 * 365), pageViewed("/")));
    assertThat(later)
        .filteredOn(a -> a.type() == AlertType.EXPERIENCE_DROP)
        .extracting(AlertDraft::status)
        .containsExactly(AlertStatus.CLEARED);
  }
}
