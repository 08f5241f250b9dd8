package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.billing;
import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.checkoutError;
import static dev.touchpoints.streams.TestData.csat;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.failedPasswordReset;
import static dev.touchpoints.streams.TestData.invoiceIssued;
import static dev.touchpoints.streams.TestData.invoiceOverdue;
import static dev.touchpoints.streams.TestData.minute;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.promise;
import static dev.touchpoints.streams.TestData.resolved;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.updateSent;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOutcome;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The six stories of DOMAIN.md, played end to end through the topology. */
class ExperienceStoriesTest {

  @Test
  void shouldRaiseBrokenPromiseAlertsAtEachMissedDueDateForTheApplicantLeftHanging() {
    try (EngineDriver engine = new EngineDriver()) {
      String applicant = "applicant-1";
      // Given an interview and a promised answer "in the coming weeks"
      engine.send(
          support(applicant, day(0), caseOpened("app-1", CaseKind.APPLICATION, day(21))),
          support(applicant, day(0), promise("p1", "app-1", day(21), "an answer")));
      double afterInterview = engine.experience(applicant).getOverall();

      // When months pass in silence, then a curt rejection, then "next week" – twice – and nothing
      engine.send(support(applicant, day(90), resolved("app-1", CaseOutcome.DECLINED)));
      double afterRejection = engine.experience(applicant).getOverall();
      engine.send(support(applicant, day(91), promise("p2", null, day(98), "feedback")));
      engine.send(support(applicant, day(105), promise("p3", null, day(112), "feedback")));
      engine.wallClockTo(day(113));

      // Then one broken-promise alert per missed due date, the later ones critical
      List<CustomerAlert> broken =
          engine.alerts().stream()
              .filter(a -> a.getType() == AlertType.PROMISE_BROKEN)
              .filter(a -> a.getStatus() == AlertStatus.RAISED)
              .toList();
      assertThat(broken)
          .extracting(CustomerAlert::getDedupeKey)
          .containsExactly("promise-broken:p1", "promise-broken:p2", "promise-broken:p3");
      assertThat(broken)
          .extracting(a -> a.getEventTime())
          .containsExactly(day(21), day(98), day(112));
      assertThat(broken)
          .extracting(CustomerAlert::getSeverity)
          .containsExactly(Severity.HIGH, Severity.CRITICAL, Severity.CRITICAL);
      assertThat(broken.get(0).getWhy()).contains("an answer").contains("promise is broken");
      assertThat(broken.get(0).getEvidence()).isNotEmpty();
      // and a falling score with a clear record of why
      double atTheEnd = engine.experience(applicant).getOverall();
      assertThat(afterRejection).isLessThan(afterInterview);
      assertThat(atTheEnd).isLessThan(afterRejection).isLessThan(30);
      assertThat(engine.experience(applicant).getReasons())
          .anySatisfy(r -> assertThat(r).startsWith("Promise broken"));
      assertThat(engine.alerts())
          .anySatisfy(a -> assertThat(a.getType()).isEqualTo(AlertType.EXPERIENCE_DROP));
    }
  }

  @Test
  void shouldRaiseSilenceAlertWhenComplaintUpdateIsOverdueAndClearItOnceAnUpdateIsSent() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a complaint whose customer was told to expect news within two days
      engine.send(support("c-2", day(0), caseOpened("case-2", CaseKind.COMPLAINT, day(2))));

      // When no message is sent and no further event arrives at all
      engine.wallClockTo(day(1));
      assertThat(engine.alerts()).isEmpty();
      engine.wallClockTo(day(3));

      // Then the customer is reported as left in silence
      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo(AlertType.LEFT_IN_SILENCE);
                assertThat(a.getStatus()).isEqualTo(AlertStatus.RAISED);
                assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
                assertThat(a.getEventTime()).isEqualTo(day(2));
                assertThat(a.getWhy()).contains("case-2").contains("left in silence");
              });
      assertThat(engine.raisedAlert("c-2", "silence:case-2")).isNotNull();

      // And when an update is finally sent, the alert clears
      SupportEvent update = support("c-2", day(3.1), updateSent("case-2", day(5)));
      engine.send(update);
      assertThat(engine.alerts()).hasSize(2);
      assertThat(engine.alerts().get(1))
          .satisfies(
              a -> {
                assertThat(a.getStatus()).isEqualTo(AlertStatus.CLEARED);
                assertThat(a.getDedupeKey()).isEqualTo("silence:case-2");
                assertThat(a.getEvidence()).contains(update.getEnvelope().getEventId());
              });
      assertThat(engine.raisedAlert("c-2", "silence:case-2")).isNull();
    }
  }

  @Test
  void shouldRaiseOneIncidentWithTheAffectedCountWhenHundredsHitCheckoutErrors() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a quiet shop with the odd checkout error
      engine.send(web("early-1", minute(-60), checkoutError()));

      // When 300 customers hit checkout errors within three minutes
      IntStream.range(0, 300)
          .forEach(
              i ->
                  engine.send(
                      web("shopper-" + i, minute(i * 0.6 / 60.0 * 60 / 60), checkoutError())));

      // Then ops get one incident, quickly, with the number of customers affected
      List<IncidentAlert> incidents = engine.incidents();
      assertThat(incidents).filteredOn(i -> i.getStatus() == IncidentStatus.OPEN).hasSize(1);
      IncidentAlert open = incidents.get(0);
      assertThat(open.getStatus()).isEqualTo(IncidentStatus.OPEN);
      assertThat(open.getTouchpointKind()).isEqualTo("web.checkout_error");
      assertThat(open.getAffectedSubjects()).isEqualTo(20);
      assertThat(incidents)
          .extracting(IncidentAlert::getIncidentId)
          .containsOnly(open.getIncidentId());
      assertThat(incidents.get(incidents.size() - 1).getAffectedSubjects()).isGreaterThan(100);
      assertThat(incidents.size()).isLessThan(10);
      assertThat(engine.<IncidentAlert>store(StoreNames.INCIDENTS_STORE).get("web.checkout_error"))
          .isNotNull();
      // and no per-customer alerts by the hundred
      assertThat(engine.alerts()).isEmpty();

      // And when the failures stop, the incident resolves
      engine.wallClockTo(minute(30));
      assertThat(engine.incidents())
          .last()
          .satisfies(i -> assertThat(i.getStatus()).isEqualTo(IncidentStatus.RESOLVED));
      assertThat(engine.<IncidentAlert>store(StoreNames.INCIDENTS_STORE).get("web.checkout_error"))
          .isNull();
    }
  }

  @Test
  void shouldAlertSupportToReachOutWhenThreePasswordResetsFailAndLinkTheLaterCall() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given three failed password resets within a few minutes
      WebEvent first = web("s-4", minute(0), failedPasswordReset());
      engine.send(first, web("s-4", minute(3), failedPasswordReset()));
      assertThat(engine.alerts()).isEmpty();
      engine.send(web("s-4", minute(7), failedPasswordReset()));
      // (the alert waits one incident window, in case the failure is everyone's – R6)
      assertThat(engine.alerts()).isEmpty();
      engine.wallClockTo(minute(20));

      // Then support is alerted before the customer calls
      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo(AlertType.SELF_SERVICE_FAILED);
                assertThat(a.getStatus()).isEqualTo(AlertStatus.RAISED);
                assertThat(a.getWhy()).contains("3 failed password reset attempts");
                assertThat(a.getNextStep()).contains("Reach out");
                assertThat(a.getEvidence()).hasSize(3).contains(first.getEnvelope().getEventId());
              });

      // And when the customer does call, the contact is linked to the failures
      SupportEvent call = support("s-4", minute(90), caseOpened("case-4", CaseKind.QUESTION, null));
      engine.send(call);
      assertThat(engine.alerts().get(1))
          .satisfies(
              a -> {
                assertThat(a.getStatus()).isEqualTo(AlertStatus.CLEARED);
                assertThat(a.getWhy()).contains("contacted support").contains("case-4");
                assertThat(a.getEvidence())
                    .contains(first.getEnvelope().getEventId(), call.getEnvelope().getEventId());
              });
    }
  }

  @Test
  void shouldSuggestAFriendlyContactWhenTheOverdueCustomerOfThePizzeriaStopsComing() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a regular who visits every week and has a tab
      engine.send(
          web("regular-5", day(0), pageViewed("/menu")),
          billing("regular-5", day(1), invoiceIssued("inv-5", 2000, day(15))),
          web("regular-5", day(7), pageViewed("/menu")),
          web("regular-5", day(14), pageViewed("/menu")));

      // When the invoice goes overdue and the visits stop
      engine.send(billing("regular-5", day(16), invoiceOverdue("inv-5", 2000, 1)));
      engine.wallClockTo(day(29));
      assertThat(engine.alerts()).isEmpty();
      engine.wallClockTo(day(31));

      // Then a churn-risk alert suggests a friendly contact, not collection
      assertThat(engine.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo(AlertType.OVERDUE_THEN_QUIET);
                assertThat(a.getWhy()).contains("inv-5").contains("20.00 EUR");
                assertThat(a.getNextStep()).contains("friendly").contains("not a collection");
              });
    }
  }

  @Test
  void shouldRecoverTheScoreAndRaiseWinBackWithoutAnySilenceAlertWhenAComplaintIsHandledWell() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a complaint
      engine.send(support("c-6", day(0), caseOpened("case-6", CaseKind.COMPLAINT, day(1))));
      double afterComplaint = engine.experience("c-6").getOverall();

      // When it gets prompt updates, a resolution and a good survey answer
      engine.send(
          support("c-6", day(0.8), updateSent("case-6", day(2))),
          support("c-6", day(1.9), updateSent("case-6", day(4))),
          support("c-6", day(3), resolved("case-6", CaseOutcome.SOLVED)),
          support("c-6", day(4), csat(5, "case-6")));
      engine.wallClockTo(day(60));

      // Then the score recovers, a win-back opportunity is raised, and no silence alert fires
      assertThat(afterComplaint).isLessThan(50);
      assertThat(engine.experience("c-6").getOverall()).isGreaterThan(afterComplaint);
      assertThat(engine.alerts())
          .extracting(CustomerAlert::getType)
          .contains(AlertType.WIN_BACK_OPPORTUNITY)
          .doesNotContain(AlertType.LEFT_IN_SILENCE, AlertType.PROMISE_BROKEN);
      assertThat(engine.alerts())
          .filteredOn(a -> a.getType() == AlertType.WIN_BACK_OPPORTUNITY)
          .first()
          .satisfies(a -> assertThat(a.getEventTime()).isEqualTo(day(3)));
    }
  }
}
