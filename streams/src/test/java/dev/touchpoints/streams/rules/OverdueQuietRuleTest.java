package dev.touchpoints.streams.rules;

import static dev.touchpoints.streams.TestData.billing;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.invoiceOverdue;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.paymentReceived;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertStatus;
import org.junit.jupiter.api.Test;

class OverdueQuietRuleTest {

  @Test
  void shouldRestartTheQuietPeriodWhenTheCustomerComesBack() {
    Subject s = new Subject();
    s.on(
        billing("q-1", day(0), invoiceOverdue("i", 2000, 1)), web("q-1", day(10), pageViewed("/")));
    assertThat(s.timePasses(day(20))).isEmpty();
    assertThat(s.timePasses(day(24))).hasSize(1);
  }

  @Test
  void shouldClearWhenTheCustomerPays() {
    Subject s = new Subject();
    s.on(billing("q-2", day(0), invoiceOverdue("i", 2000, 1)));
    s.timePasses(day(15));
    assertThat(s.on(billing("q-2", day(16), paymentReceived("i", 2000))))
        .extracting(AlertDraft::status)
        .containsExactly(AlertStatus.CLEARED);
    assertThat(s.state().overdue).isNull();
  }
}
