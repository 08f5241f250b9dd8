package dev.touchpoints.streams.rules;

import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.promise;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.updateSent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.UpdateSent;
import org.junit.jupiter.api.Test;

class PromiseBrokenRuleTest {

  @Test
  void shouldRaiseWhenTheDueTimePassesWithoutAnUpdate() {
    Subject s = new Subject();
    s.on(support("p-1", day(0), promise("p", "c", day(7), "a call back")));
    double before = s.overall();

    var alerts = s.timePasses(day(8));

    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.type()).isEqualTo(AlertType.PROMISE_BROKEN);
              assertThat(a.eventTime()).isEqualTo(day(7).toEpochMilli());
              assertThat(a.why()).contains("'a call back'").contains("case c");
            });
    assertThat(s.overall()).isLessThan(before);
  }

  @Test
  void shouldStayQuietWhenAnUpdateOnTheCaseArrivesInTime() {
    Subject s = new Subject();
    s.on(
        support("p-2", day(0), promise("p", "c", day(7), null)),
        support("p-2", day(6), updateSent("c", null)));
    assertThat(s.timePasses(day(30))).isEmpty();
  }

  @Test
  void shouldClearWhenTheUpdateNamingThePromiseComesLate() {
    Subject s = new Subject();
    s.on(support("p-3", day(0), promise("p", null, day(7), null)));
    s.timePasses(day(8));

    var alerts = s.on(support("p-3", day(9), new UpdateSent("other-case", "p", null)));

    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
              assertThat(a.dedupeKey()).isEqualTo("promise-broken:p");
              assertThat(a.why()).contains("late");
            });
  }
}
