package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.checkoutError;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.streams.query.LocalState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The at-risk listing during an incident: its victims sink below everyone else, so the listing
 * names the incident on their rows and can leave them out to show who else is at risk.
 */
class AtRiskListingTest {

  @Test
  void shouldNameTheIncidentOnItsVictimsRowsAndLeaveThemOutWhenAsked() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given three customers with a complaint, then 60 customers hitting checkout errors
      // 4 times each within 20 seconds (an incident)
      for (int c = 0; c < 3; c++) {
        engine.send(
            support("unhappy-" + c, TestData.T0, caseOpened("k-" + c, CaseKind.COMPLAINT, null)));
      }
      Instant last = TestData.T0;
      for (int round = 0; round < 4; round++) {
        for (int c = 0; c < 60; c++) {
          last = TestData.T0.plusSeconds(60).plusMillis((round * 60 + c) * 80L);
          engine.send(web("victim-" + c, last, checkoutError()));
        }
      }
      engine.wallClockTo(last.plus(Duration.ofSeconds(6)));
      assertThat(engine.incidents()).isNotEmpty();
      LocalState query = engine.query(40.0);

      // When ops list the lowest scores, and again without the incident's victims
      List<JsonNode> all = rows(query.lowestScores(true, 5, false));
      List<JsonNode> others = rows(query.lowestScores(true, 5, true));

      // Then the lowest are the victims, each row naming the incident's touchpoint kind
      assertThat(all)
          .hasSize(5)
          .allSatisfy(
              row -> {
                assertThat(row.get("subjectId").asText()).startsWith("victim-");
                assertThat(row.get("incident").asText()).isEqualTo("web.checkout_error");
              });
      // and without them the customers left with a complaint show
      assertThat(others)
          .extracting(row -> row.get("subjectId").asText())
          .containsExactlyInAnyOrder("unhappy-0", "unhappy-1", "unhappy-2");
      assertThat(others).allSatisfy(row -> assertThat(row.has("incident")).isFalse());
    }
  }

  private static List<JsonNode> rows(Iterable<JsonNode> rows) {
    List<JsonNode> list = new ArrayList<>();
    rows.forEach(list::add);
    return list;
  }
}
