package dev.touchpoints.streams.query;

import static dev.touchpoints.streams.TestData.billing;
import static dev.touchpoints.streams.TestData.checkoutError;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.paymentReceived;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoints.streams.EngineDriver;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.scoring.Moment;
import dev.touchpoints.streams.scoring.ScoreState;
import dev.touchpoints.streams.scoring.ScoringModel;
import dev.touchpoints.streams.scoring.ScoringSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * The {@code history} of {@code /v1/subjects/{id}}: the overall score at each snapshot the ledger
 * keeps, oldest first, then now – as the scoring model computes it from the same touchpoints.
 */
class ScoreHistoryTest {

  private static final String PAYMENT = "billing.payment_received";
  private static final String CHECKOUT_ERROR = "web.checkout_error";
  private static final String PAGE_VIEW = "web.page_viewed";

  @Test
  void shouldListTheScoreAtEachKeptSnapshotThenNowWhenTouchpointsSpanSeveralDays() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a customer who paid, hit a checkout error and browsed the same day, paid twice more
      List<Touch> touches =
          List.of(
              new Touch(billing("c", day(0), paymentReceived("i1", 100)), PAYMENT),
              new Touch(web("c", day(2), checkoutError()), CHECKOUT_ERROR),
              new Touch(web("c", day(2.25), pageViewed("/help")), PAGE_VIEW),
              new Touch(billing("c", day(5), paymentReceived("i2", 100)), PAYMENT),
              new Touch(billing("c", day(40), paymentReceived("i3", 100)), PAYMENT));
      touches.forEach(t -> engine.send(t.event()));

      // When the query API builds the customer's card
      JsonNode card = service(engine).subject("c", false).body();

      // Then there is one point per day with touchpoints (the day's last one), the last one now
      JsonNode history = card.get("history");
      assertThat(times(history))
          .containsExactly(
              day(0).toString(), day(2.25).toString(), day(5).toString(), day(40).toString());
      // at the scores the model gives from the same touchpoints: 3 points for a payment, -33 for a
      // checkout error, 0.3 for a page view, each decayed by its half-life
      ScoringModel model = new ScoringModel(ScoringSettings.defaults());
      ScoreState replayed = replay(model, touches);
      List<Double> expected = new ArrayList<>();
      replayed.snapshots().forEach(s -> expected.add(rounded(model.toScore(s.overall()))));
      assertThat(scores(history)).containsExactlyElementsOf(expected);
      assertThat(scores(history)).containsExactly(51.0, 40.21, 41.28, 43.34);
      // and the last point is the card's score at its updatedAt
      assertThat(history.get(3).get("score").asDouble()).isEqualTo(card.get("score").asDouble());
      assertThat(history.get(3).get("at").asText()).isEqualTo(card.get("updatedAt").asText());
      // while the view's fields stay as they were: the trend compares with day 10
      assertThat(card.get("overall30DaysAgo").asDouble()).isEqualTo(41.44);
      assertThat(card.get("trend").asDouble()).isEqualTo(1.9);
      assertThat(card.get("scorePath")).hasSize(2);
    }
  }

  @Test
  void shouldHaveOnlyNowWhenAllTouchpointsFellOnOneDay() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given a customer met this morning only
      engine.send(
          web("new", day(0), pageViewed("/pricing")), web("new", day(0.1), checkoutError()));

      // When the card is built
      JsonNode card = service(engine).subject("new", false).body();

      // Then its history is the one point now, and there is no trend yet
      assertThat(times(card.get("history"))).containsExactly(day(0.1).toString());
      assertThat(scores(card.get("history"))).containsExactly(card.get("score").asDouble());
      assertThat(card.get("trend").isNull()).isTrue();
    }
  }

  @Test
  void shouldLeaveOutASnapshotLaterThanTheViewWhenTheLedgerMovedOnBetweenTwoReads() {
    // Given a view as of day 3 and snapshots read a moment later, when a day-4 touchpoint had come
    var view = TestData.experience("s1", 30);
    view.setUpdatedAt(day(3));
    List<ScoreHistory.Point> snapshots =
        List.of(
            new ScoreHistory.Point(day(1), 55.555),
            new ScoreHistory.Point(day(3), 31.0),
            new ScoreHistory.Point(day(4), 20.0));

    // When the history is built
    JsonNode history = ScoreHistory.json(snapshots, view);

    // Then it ends with the view itself, and scores have two decimals
    assertThat(times(history)).containsExactly(day(1).toString(), day(3).toString());
    assertThat(scores(history)).containsExactly(55.56, view.getOverall());
  }

  /** An event and the catalog key of its touchpoint. */
  private record Touch(SpecificRecord event, String key) {}

  /** The touchpoints through the model alone, in order. */
  private static ScoreState replay(ScoringModel model, List<Touch> touches) {
    ScoreState state = model.empty(day(0).toEpochMilli());
    for (Touch touch : touches) {
      var envelope = Classifier.envelope(touch.event());
      state =
          model.apply(
              state,
              Moment.of(
                  touch.key(), envelope.getOccurredAt().toEpochMilli(), envelope.getEventId()));
    }
    return state;
  }

  private static QueryService service(EngineDriver engine) {
    HostInfo self = new HostInfo("localhost", 8088);
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
    return new QueryService(
        one, null, engine.query(40.0), Clock.fixed(engine.wall(), ZoneOffset.UTC));
  }

  private static List<String> times(JsonNode history) {
    List<String> times = new ArrayList<>();
    history.forEach(p -> times.add(Instant.parse(p.get("at").asText()).toString()));
    return times;
  }

  private static List<Double> scores(JsonNode history) {
    List<Double> scores = new ArrayList<>();
    history.forEach(p -> scores.add(p.get("score").asDouble()));
    return scores;
  }

  private static double rounded(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
