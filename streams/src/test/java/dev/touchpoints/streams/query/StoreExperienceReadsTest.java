package dev.touchpoints.streams.query;

import static dev.touchpoints.streams.TestData.billing;
import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.failedPasswordReset;
import static dev.touchpoints.streams.TestData.paymentReceived;
import static dev.touchpoints.streams.TestData.policy;
import static dev.touchpoints.streams.TestData.promise;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.updateSent;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.streams.EngineDriver;
import dev.touchpoints.streams.StoreNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The query API reads views derived from the subject-state store ({@link StoreExperienceReads});
 * they must be exactly what the engine last published to the experience topic.
 */
class StoreExperienceReadsTest {

  @Test
  void shouldAnswerEachSubjectWithTheViewTheEngineLastPublished() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given three subjects with different stories
      engine.send(
          support("happy", day(0), caseOpened("c1", CaseKind.QUESTION, day(2))),
          web("unlucky", day(0.1), failedPasswordReset()),
          web("unlucky", day(0.2), failedPasswordReset()),
          support("unlucky", day(0.3), caseOpened("c2", CaseKind.COMPLAINT, day(1))),
          billing("payer", day(0.4), paymentReceived("i1", 100)));
      Map<String, CustomerExperience> published = new HashMap<>();
      engine.experiences().forEach(e -> published.put(e.getSubjectId(), e));

      // When the query API reads them from the engine's own stores
      LocalState local =
          new LocalState(
              TestData.provider(name -> engine.<Object>store(name)), policy(Map.of()), 40.0);

      // Then every view is the one last published, whole
      assertThat(published).containsOnlyKeys("happy", "unlucky", "payer");
      published.forEach((subject, view) -> assertThat(local.experience(subject)).contains(view));
      assertThat(local.experience("nobody")).isEmpty();
      // And a scan ranks the same views
      List<String> ranked = new ArrayList<>();
      for (JsonNode row : local.lowestScores(false, 10, false)) {
        ranked.add(row.get("subjectId").asText());
        assertThat(row.get("overall").asDouble())
            .isEqualTo(published.get(row.get("subjectId").asText()).getOverall());
      }
      assertThat(ranked).containsExactlyInAnyOrder("happy", "unlucky", "payer");
      assertThat(local.stats().get("subjects").asLong()).isEqualTo(3);
      assertThat(engine.store(StoreNames.SUBJECT_STATE_STORE).approximateNumEntries()).isEqualTo(3);
    }
  }

  @Test
  void shouldExportTheAlertsClearedAndThePromisesSettledThatTheLedgerNoLongerHoldsOpen() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a promise kept on time, and one broken and then settled late
      engine.send(
          support("c", day(0), caseOpened("k1", CaseKind.QUESTION, null)),
          support("c", day(0.1), promise("p-kept", "k1", day(1), "an answer")),
          support("c", day(0.2), caseOpened("k2", CaseKind.QUESTION, null)),
          support("c", day(0.3), promise("p-late", "k2", day(1), "a call back")),
          support("c", day(0.5), updateSent("k1", null)));
      engine.wallClockTo(day(1.5));
      engine.send(support("c", day(2), updateSent("k2", null)));
      LocalState local =
          new LocalState(
              TestData.provider(name -> engine.<Object>store(name)), policy(Map.of()), 40.0);

      // When the subject's data is exported
      JsonNode doc = local.export("c").orElseThrow();

      // Then the ledger holds no open alert or promise any more, but the history tells both
      assertThat(doc.at("/ledger/alerts").isContainerNode()).isTrue();
      assertThat(doc.at("/ledger/alerts").size()).isZero();
      assertThat(doc.at("/ledger/promises/open").isContainerNode()).isTrue();
      assertThat(doc.at("/ledger/promises/open").size()).isZero();
      List<String> alerts = new ArrayList<>();
      doc.at("/history/alerts")
          .forEach(a -> alerts.add(a.get("type").asText() + " " + a.get("status").asText()));
      assertThat(alerts).containsExactly("PROMISE_BROKEN RAISED", "PROMISE_BROKEN CLEARED");
      assertThat(doc.at("/history/alerts/1/why").asText()).contains("late");
      Map<String, Boolean> kept = new HashMap<>();
      doc.at("/history/promisesSettled")
          .forEach(p -> kept.put(p.get("promiseId").asText(), p.get("kept").asBoolean()));
      assertThat(kept).containsExactlyInAnyOrderEntriesOf(Map.of("p-kept", true, "p-late", false));
      assertThat(doc.at("/history/from").asText()).isEqualTo(day(0).toString());
    }
  }

  @Test
  void shouldShowTheIdsLinkedIntoASubjectOnItsCardAndTimeline() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a visitor's browsing linked into a customer
      engine.send(
          web("visitor-1", day(0), dev.touchpoints.streams.TestData.pageViewed("/pricing")),
          support("cust-1", day(0.1), caseOpened("c-1", CaseKind.QUESTION, null)));
      engine.link("visitor-1", "cust-1", day(1), false);
      LocalState local =
          new LocalState(
              TestData.provider(name -> engine.<Object>store(name)), policy(Map.of()), 40.0);

      // When the customer's card is built
      var card =
          ScoreCardJson.card(
              local.experience("cust-1").orElseThrow(),
              local.alerts(AlertFilter.forSubject("cust-1")),
              local.linkedIds("cust-1"),
              day(2));

      // Then it names the linked id, and the timeline says when its history joined
      assertThat(card.at("/linkedIds/0/subjectId").asText()).isEqualTo("visitor-1");
      assertThat(card.at("/linkedIds/0/linkedAt").asText()).isEqualTo(day(1).toString());
      List<String> kinds = new ArrayList<>();
      card.get("timeline").forEach(t -> kinds.add(t.get("kind").asText()));
      assertThat(kinds).contains("linked");
      assertThat(local.linkedIds("visitor-1")).isEmpty();
    }
  }
}
