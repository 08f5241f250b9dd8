package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.checkoutError;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoints.streams.index.Period;
import dev.touchpoints.streams.query.Cluster;
import dev.touchpoints.streams.query.QueryService;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * The experience index through the query API: the daily rows, a week against the week before (and a
 * late event correcting the week it belongs to), and the drill-down from a touchpoint kind to the
 * customers it hit.
 */
class IndexQueryTest {

  private static final Instant LAST_WEEK = Instant.parse("2025-02-25T10:00:00Z"); // a Tuesday
  private static final Instant THIS_WEEK = Instant.parse("2025-03-04T10:00:00Z");

  @Test
  void shouldCompareAWeekWithTheOneBeforeAndDrillDownToTheCustomersAKindHit() {
    Policy policy = Policy.defaults();
    double checkout = new ScoringModel(policy.scoring()).weightedPoints("web.checkout_error", 1);
    try (EngineDriver engine = new EngineDriver(policy, LAST_WEEK.minusSeconds(60))) {
      // Given three customers hit by a checkout error last week, four this week, and two who only
      // browsed this week
      for (int c = 0; c < 3; c++) {
        engine.deliver(web("before-" + c, LAST_WEEK.plusSeconds(c), checkoutError()), LAST_WEEK);
      }
      for (int c = 0; c < 4; c++) {
        engine.deliver(web("hit-" + c, THIS_WEEK.plusSeconds(c), checkoutError()), THIS_WEEK);
      }
      for (int c = 0; c < 2; c++) {
        engine.deliver(
            web("browser-" + c, THIS_WEEK.plusSeconds(10 + c), pageViewed("/")), THIS_WEEK);
      }
      engine.wallClockTo(THIS_WEEK.plus(Duration.ofMinutes(5)));
      QueryService query = service(engine);

      // When ops ask for the daily index
      List<JsonNode> days = list(query.index(Period.Granularity.DAY, 90, null).get("rows"));

      // Then each day with customers has its row: who was met, and what checkout errors cost
      assertThat(days)
          .extracting(d -> d.get("start").asText())
          .containsExactly("2025-02-25", "2025-03-04");
      assertThat(days.get(0).get("customers").asLong()).isEqualTo(3);
      assertThat(days.get(1).get("customers").asLong()).isEqualTo(6);
      JsonNode kind = kind(days.get(1), "web.checkout_error");
      assertThat(kind.get("customers").asLong()).isEqualTo(4);
      assertThat(kind.get("pointsLost").asDouble()).isCloseTo(4 * checkout, within(0.02));
      assertThat(kind.get("label").asText()).isEqualTo("Checkout error (web)");

      // When they compare this week with the last
      JsonNode week = query.compare(Period.Granularity.WEEK, null);

      // Then checkout errors hurt most, and by one customer's worth more than the week before
      assertThat(week.get("start").asText()).isEqualTo("2025-03-03");
      assertThat(week.get("previous").get("customers").asLong()).isEqualTo(3);
      assertThat(week.get("yearAgo").isNull()).isTrue();
      JsonNode hurting = week.get("hurting").get(0);
      assertThat(hurting.get("key").asText()).isEqualTo("web.checkout_error");
      assertThat(hurting.get("pointsLost").asDouble()).isCloseTo(4 * checkout, within(0.02));
      assertThat(hurting.get("previousPointsLost").asDouble())
          .isCloseTo(3 * checkout, within(0.02));
      assertThat(hurting.get("change").asDouble()).isCloseTo(checkout, within(0.03));

      // and the drill-down names the four customers it hit this week, with what it cost each
      List<JsonNode> hit =
          list(
              query.hitBy(
                  Period.containing(Period.Granularity.WEEK, LocalDate.of(2025, 3, 3)),
                  "web.checkout_error",
                  50,
                  false));
      assertThat(hit)
          .extracting(r -> r.get("subjectId").asText())
          .containsExactlyInAnyOrder("hit-0", "hit-1", "hit-2", "hit-3");
      assertThat(hit)
          .allSatisfy(
              r -> assertThat(r.get("points").asDouble()).isCloseTo(checkout, within(0.01)));

      // When a checkout error of last week arrives late, this week
      engine.deliver(
          web("late-0", LAST_WEEK.plusSeconds(30), checkoutError()),
          THIS_WEEK.plus(Duration.ofMinutes(6)));
      engine.wallClockTo(THIS_WEEK.plus(Duration.ofMinutes(10)));

      // Then it counts in last week's figures, where it belongs
      JsonNode again = query.compare(Period.Granularity.WEEK, null);
      assertThat(again.get("previous").get("customers").asLong()).isEqualTo(4);
      assertThat(again.get("current").get("customers").asLong()).isEqualTo(6);
      assertThat(again.get("hurting").get(0).get("change").asDouble()).isCloseTo(0, within(0.03));
    }
  }

  private static QueryService service(EngineDriver engine) {
    HostInfo self = new HostInfo("self", -1);
    Cluster one =
        new Cluster() {
          @Override
          public HostInfo self() {
            return self;
          }

          @Override
          public HostInfo ownerOf(String store, String key) {
            return self;
          }

          @Override
          public List<HostInfo> hostsOf(String store) {
            return List.of(self);
          }
        };
    return new QueryService(one, null, engine.query(40.0), Clock.fixed(THIS_WEEK, ZoneOffset.UTC));
  }

  private static JsonNode kind(JsonNode row, String key) {
    for (JsonNode k : row.get("kinds")) {
      if (k.get("key").asText().equals(key)) {
        return k;
      }
    }
    throw new AssertionError("no kind " + key + " in " + row);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }
}
