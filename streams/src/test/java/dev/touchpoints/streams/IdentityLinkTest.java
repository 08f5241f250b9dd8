package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.promise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import dev.touchpoints.streams.state.Link;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Linking ids of one person (R9) through the topology: one customer, one history. */
class IdentityLinkTest {

  private static final Policy POLICY = TestData.policy(Map.of());
  private static final ScoringModel MODEL = new ScoringModel(POLICY.scoring());

  /** The applicant's story up to the hiring, under {@code id}. */
  private static List<Function<String, SpecificRecord>> prospect() {
    return List.of(
        id -> support(id, day(0), caseOpened("app-7", CaseKind.APPLICATION, day(21))),
        id -> support(id, day(0.1), promise("p1", "app-7", day(21), "an answer")),
        id -> support(id, day(91), promise("p2", null, day(98), "feedback")),
        id -> support(id, day(105), promise("p3", null, day(112), "feedback")));
  }

  /** After the hiring, under the employee's id. */
  private static List<Function<String, SpecificRecord>> employee() {
    return List.of(
        id -> web(id, day(121), pageViewed("/onboarding")),
        id -> support(id, day(125), caseOpened("it-1", CaseKind.QUESTION, day(127))));
  }

  @Test
  void shouldStartTheHiredApplicantWithTheMemoryOfMonthsOfBrokenPromises() {
    try (EngineDriver engine = new EngineDriver();
        EngineDriver twin = new EngineDriver()) {
      // Given an applicant left hanging for months: broken promises, alerts raised for them
      prospect().forEach(e -> engine.send(e.apply("applicant-7")));
      engine.wallClockTo(day(119));
      List<CustomerAlert> raisedForApplicant = engine.alerts();
      assertThat(raisedForApplicant)
          .filteredOn(a -> a.getType() == AlertType.PROMISE_BROKEN)
          .hasSizeGreaterThanOrEqualTo(3)
          .allMatch(a -> a.getSubjectId().equals("applicant-7"));

      // When they are hired: the applicant's id is linked to the employee's, then both ids' events
      // come in – one for the applicant's id late, dated before the link
      engine.link("applicant-7", "employee-7", day(120), false);
      employee().forEach(e -> engine.send(e.apply("employee-7")));
      engine.deliver(web("applicant-7", day(119.5), pageViewed("/offer")), engine.wall());
      engine.send(web("applicant-7", day(126), pageViewed("/benefits")));
      engine.wallClockTo(day(130));

      // and a twin lives the same touchpoints under one id
      prospect().forEach(e -> twin.send(e.apply("twin-7")));
      twin.wallClockTo(day(119));
      twin.send(web("twin-7", day(119.5), pageViewed("/offer")));
      employee().forEach(e -> twin.send(e.apply("twin-7")));
      twin.send(web("twin-7", day(126), pageViewed("/benefits")));
      twin.wallClockTo(day(130));

      // Then the employee starts with the applicant's memory: the twin's score and open alerts
      SubjectState employee = engine.ledger("employee-7");
      SubjectState one = twin.ledger("twin-7");
      assertThat(employee).isNotNull();
      assertThat(MODEL.overall(employee.score)).isCloseTo(MODEL.overall(one.score), within(0.01));
      assertThat(MODEL.overall(employee.score)).isLessThan(40.0);
      assertThat(employee.alerts.keySet()).isEqualTo(one.alerts.keySet());
      assertThat(employee.eventCount).isEqualTo(one.eventCount);
      assertThat(employee.linked)
          .singleElement()
          .satisfies(l -> assertThat(l.subjectId()).isEqualTo("applicant-7"));
      // the applicant's id holds nothing and points at the employee
      assertThat(engine.ledger("applicant-7")).isNull();
      assertThat(engine.<Link>store(StoreNames.SUBJECT_LINKS_STORE).get("applicant-7"))
          .satisfies(
              l -> {
                assertThat(l.into()).isEqualTo("employee-7");
                assertThat(l.pending()).isFalse();
              });
      assertThat(engine.experienceRecords())
          .filteredOn(r -> r.key().equals("applicant-7"))
          .last()
          .satisfies(r -> assertThat(r.value()).as("the applicant's view withdrawn").isNull());
      // and what was raised for the applicant is not raised again
      List<CustomerAlert> after =
          engine.alerts().subList(raisedForApplicant.size(), engine.alerts().size());
      assertThat(after)
          .filteredOn(a -> a.getStatus() == AlertStatus.RAISED)
          .noneMatch(
              a ->
                  raisedForApplicant.stream()
                      .anyMatch(r -> r.getDedupeKey().equals(a.getDedupeKey())));
      assertThat(employee.alerts.values())
          .filteredOn(a -> a.type == AlertType.PROMISE_BROKEN)
          .isNotEmpty()
          .allMatch(a -> "applicant-7".equals(a.raisedFor));
    }
  }

  @Test
  void shouldRefuseMergingTwoHistoriesUnlessTheLinkSaysItIsDeliberate() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given two ids that both have a customer history (support cases, not only browsing)
      engine.send(
          support("cust-a", day(0), caseOpened("a-1", CaseKind.QUESTION, null)),
          support("cust-b", day(0.1), caseOpened("b-1", CaseKind.QUESTION, null)));

      // When one is linked to the other without saying it is deliberate
      engine.link("cust-a", "cust-b", day(1), false);

      // Then the link is dead-lettered with the reason, and both stay as they were
      assertThat(engine.deadLetters())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.getSourceTopic()).isEqualTo(engine.topics().identity().name());
                assertThat(d.getReason())
                    .contains("link refused")
                    .contains("both ids already have a customer history")
                    .contains("deliberate");
              });
      assertThat(engine.ledger("cust-a").eventCount).isEqualTo(1);
      assertThat(engine.ledger("cust-b").eventCount).isEqualTo(1);
      assertThat(engine.<Link>store(StoreNames.SUBJECT_LINKS_STORE).get("cust-a")).isNull();
      engine.send(web("cust-a", day(2), pageViewed("/pricing")));
      assertThat(engine.ledger("cust-a").eventCount).isEqualTo(2);

      // When the same link says it is deliberate
      engine.link("cust-a", "cust-b", day(3), true);

      // Then the two histories are one
      assertThat(engine.ledger("cust-a")).isNull();
      assertThat(engine.ledger("cust-b").eventCount).isEqualTo(3);
      assertThat(engine.ledger("cust-b").linked)
          .extracting(SubjectState.LinkedId::subjectId)
          .containsExactly("cust-a");
    }
  }

  @Test
  void shouldMergeAVisitorsBrowsingIntoACustomerWhenTheVisitorLogsIn() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.send(
          web("visitor-9", day(0), pageViewed("/pricing")),
          support("cust-9", day(0.1), caseOpened("c-9", CaseKind.QUESTION, null)));

      engine.link("visitor-9", "cust-9", day(1), false);

      assertThat(engine.deadLetters()).isEmpty();
      assertThat(engine.ledger("visitor-9")).isNull();
      assertThat(engine.ledger("cust-9").eventCount).isEqualTo(2);
    }
  }

  @Test
  void shouldFollowAChainOfLinksAndRefuseOneThatWouldCloseACycle() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a visitor linked to a lead, and the lead to a customer
      engine.send(web("visitor", day(0), pageViewed("/")));
      engine.link("visitor", "lead", day(1), false);
      engine.link("lead", "customer", day(2), false);

      // When the visitor's id comes back, and someone links the customer back to the visitor
      engine.send(web("visitor", day(3), pageViewed("/pricing")));
      engine.link("customer", "visitor", day(4), true);

      // Then the visitor's events reach the customer along the chain
      assertThat(engine.ledger("visitor")).isNull();
      assertThat(engine.ledger("lead")).isNull();
      assertThat(engine.ledger("customer").eventCount).isEqualTo(2);
      assertThat(engine.ledger("customer").linked)
          .extracting(SubjectState.LinkedId::subjectId)
          .containsExactlyInAnyOrder("visitor", "lead");
      // and the link back is refused as a cycle
      assertThat(engine.deadLetters())
          .singleElement()
          .satisfies(d -> assertThat(d.getReason()).contains("cycle"));
      assertThat(engine.<Link>store(StoreNames.SUBJECT_LINKS_STORE).get("customer")).isNull();
    }
  }

  @Test
  void shouldRefuseALinkThatWouldLinkMoreIdsIntoOneSubjectThanAllowed() {
    Policy policy = TestData.policy(Map.of("policy.identity.max-linked", "2"));
    try (EngineDriver engine = new EngineDriver(policy, TestData.T0)) {
      engine.send(web("cust", day(0.5), pageViewed("/")));
      engine.link("device-1", "cust", day(1), false);
      engine.send(web("device-2", day(1.6), pageViewed("/")));
      engine.link("device-2", "cust", day(2), true);
      engine.send(web("device-3", day(2.5), pageViewed("/")));
      engine.link("device-3", "cust", day(3), true);

      assertThat(engine.ledger("cust").linked)
          .extracting(SubjectState.LinkedId::subjectId)
          .containsExactly("device-1", "device-2");
      assertThat(engine.deadLetters())
          .singleElement()
          .satisfies(d -> assertThat(d.getReason()).contains("policy.identity.max-linked"));
      assertThat(engine.ledger("device-3")).isNotNull();
    }
  }

  private static SupportEvent support(String subject, Instant at, Object payload) {
    return TestData.support(subject, at, payload);
  }

  private static WebEvent web(String subject, Instant at, Object payload) {
    return TestData.web(subject, at, payload);
  }
}
