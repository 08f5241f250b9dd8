package dev.touchpoints.streams.rules;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.contact;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.marketing;
import static dev.touchpoints.streams.TestData.resolved;
import static dev.touchpoints.streams.TestData.support;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOutcome;
import dev.touchpoints.avro.ContactChannel;
import dev.touchpoints.avro.ContactPurpose;
import org.junit.jupiter.api.Test;

class PushyContactRuleTest {

  @Test
  void shouldRaiseOnceWhenSalesContactsACustomerWithAnOpenComplaint() {
    Subject s = new Subject();
    s.on(support("m-1", day(0), caseOpened("c", CaseKind.COMPLAINT, day(5))));

    var first = s.on(marketing("m-1", day(1), contact(ContactChannel.EMAIL, ContactPurpose.SALES)));
    var second =
        s.on(marketing("m-1", day(2), contact(ContactChannel.PHONE, ContactPurpose.CAMPAIGN)));

    assertThat(first)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.type()).isEqualTo(AlertType.PUSHY_CONTACT);
              assertThat(a.why()).contains("complaint c");
            });
    assertThat(second).isEmpty();
    assertThat(s.on(support("m-1", day(3), resolved("c", CaseOutcome.SOLVED))))
        .filteredOn(a -> a.type() == AlertType.PUSHY_CONTACT)
        .extracting(AlertDraft::status)
        .containsExactly(AlertStatus.CLEARED);
  }

  @Test
  void shouldStayQuietForServiceInformationOrAHappyCustomer() {
    Subject s = new Subject();
    s.on(support("m-2", day(0), caseOpened("c", CaseKind.COMPLAINT, day(5))));
    assertThat(
            s.on(
                marketing(
                    "m-2", day(1), contact(ContactChannel.EMAIL, ContactPurpose.SERVICE_INFO))))
        .isEmpty();
    assertThat(
            new Subject()
                .on(marketing("m-3", day(1), contact(ContactChannel.EMAIL, ContactPurpose.SALES))))
        .isEmpty();
  }
}
