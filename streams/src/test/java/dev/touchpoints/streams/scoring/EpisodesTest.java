package dev.touchpoints.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Repeated touchpoints of one kind within the episode window are one experience. */
class EpisodesTest {

  private static final long MINUTE = 60_000L;
  private static final String CHECKOUT = "web.checkout_error";
  private static final ScoringModel MODEL = new ScoringModel(ScoringSettings.defaults());

  @Test
  void shouldWeighFiveCheckoutFailuresInTwoMinutesAsTwiceOne() {
    // Given a customer who clicks "pay" five times on a broken checkout within two minutes
    List<Moment> clicks = checkoutFailures(0, 30_000L, 5);

    // When they are scored with episodes, and as before episodes (a window of zero)
    ScoreState episode = play(MODEL, clicks);
    ScoreState before = play(model(Duration.ZERO, 2), clicks);

    // Then one episode weighs twice one failure (-66), not five times (-165)
    assertThat(episode.overallMemory()).isCloseTo(-66.0, within(0.01));
    assertThat(MODEL.overall(episode)).isCloseTo(29.3, within(0.05));
    assertThat(before.overallMemory()).isCloseTo(-165.0, within(0.01));
    assertThat(MODEL.overall(before)).isCloseTo(10.0, within(0.05));
  }

  @Test
  void shouldGrowWithTheSquareRootOfTheCountUpToTheCap() {
    ScoreState state = play(MODEL, checkoutFailures(0, MINUTE, 6));

    // each failure adds what the episode grows by, 33·(√n − √(n−1)), and nothing past 2 × 33;
    // the first's -33 has left the five recent touchpoints
    double[] expected = {
      -33 * (Math.sqrt(2) - 1), -33 * (Math.sqrt(3) - Math.sqrt(2)), -33 * (2 - Math.sqrt(3)), 0, 0
    };
    assertThat(state.recent()).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(state.recent().get(i).points()).isCloseTo(expected[i], within(1e-9));
    }
    assertThat(state.episodes())
        .singleElement()
        .isEqualTo(new ScoreState.Episode(CHECKOUT, 0, 6, -33.0, "c0"));
  }

  @Test
  void shouldAnchorTheWindowOnTheEpisodesFirstTouchpoint() {
    // at 0 and 6 minutes one episode; at 12 minutes (a window after the first) a new one
    ScoreState state =
        play(
            MODEL,
            List.of(
                Moment.of(CHECKOUT, 0, "a"),
                Moment.of(CHECKOUT, 6 * MINUTE, "b"),
                Moment.of(CHECKOUT, 12 * MINUTE, "c")));

    assertThat(state.overallMemory()).isCloseTo(-33 * Math.sqrt(2) - 33, within(0.01));
    assertThat(state.episodes())
        .singleElement()
        .isEqualTo(new ScoreState.Episode(CHECKOUT, 12 * MINUTE, 1, -33.0, "c"));
  }

  @Test
  void shouldStartANewEpisodeExactlyOneWindowAfterTheFirstTouchpoint() {
    ScoreState joined =
        play(
            MODEL, List.of(Moment.of(CHECKOUT, 0, "a"), Moment.of(CHECKOUT, 10 * MINUTE - 1, "b")));
    ScoreState apart =
        play(MODEL, List.of(Moment.of(CHECKOUT, 0, "a"), Moment.of(CHECKOUT, 10 * MINUTE, "b")));

    assertThat(joined.overallMemory()).isCloseTo(-33 * Math.sqrt(2), within(0.01));
    assertThat(apart.overallMemory()).isCloseTo(-66, within(0.01));
  }

  @Test
  void shouldKeepKindsApart() {
    ScoreState state =
        play(
            MODEL,
            List.of(
                Moment.of(CHECKOUT, 0, "a"),
                Moment.of("web.error_page", MINUTE, "b"),
                Moment.of("web.self_service_failed.login", 2 * MINUTE, "c"),
                Moment.of("web.self_service_failed.password_reset", 3 * MINUTE, "d")));

    assertThat(state.overallMemory()).isCloseTo(-33 - 16.5 - 22 - 22, within(0.01));
    assertThat(state.episodes()).hasSize(4);
  }

  @Test
  void shouldKeepAGoodAndABadAnswerOfOneKindApart() {
    // CSAT 5 (+15) and CSAT 1 (-55) a minute apart are two experiences, not one
    ScoreState state =
        play(
            MODEL,
            List.of(
                new Moment("support.survey.csat", 1, 0, "good"),
                new Moment("support.survey.csat", -1, MINUTE, "bad")));

    assertThat(state.overallMemory()).isCloseTo(15 - 55, within(0.01));
    assertThat(state.episodes()).hasSize(2);
  }

  @Test
  void shouldWeighAnEpisodeByItsHeaviestTouchpoint() {
    // CSAT 2 (-27.5), then CSAT 1 (-55): the episode weighs √2 × 55, whichever came first
    List<Moment> mildFirst =
        List.of(
            new Moment("support.survey.csat", -0.5, 0, "a"),
            new Moment("support.survey.csat", -1, MINUTE, "b"));
    List<Moment> worstFirst =
        List.of(
            new Moment("support.survey.csat", -1, 0, "a"),
            new Moment("support.survey.csat", -0.5, MINUTE, "b"));

    assertThat(play(MODEL, mildFirst).overallMemory()).isCloseTo(-55 * Math.sqrt(2), within(0.01));
    assertThat(play(MODEL, worstFirst).overallMemory()).isCloseTo(-55 * Math.sqrt(2), within(0.01));
  }

  @Test
  void shouldKeepTheElevenToThreeWeightingForEpisodes() {
    for (int n = 1; n <= 6; n++) {
      ScoreState bad = play(MODEL, survey(-1, n));
      ScoreState good = play(MODEL, survey(1, n));
      assertThat(-bad.overallMemory() / good.overallMemory())
          .as("%d answers", n)
          .isCloseTo(11.0 / 3.0, within(1e-4));
    }
  }

  @Test
  void shouldCountEverySyntheticMomentInFull() {
    // two promises broken at the same time are two obligations missed, not one episode
    ScoreState state =
        play(
            MODEL,
            List.of(
                Moment.alone("support.promise_broken", 0, "p1"),
                Moment.alone("support.promise_broken", 0, "p2")));

    assertThat(state.overallMemory()).isCloseTo(-132, within(1e-9));
    assertThat(state.episodes()).isEmpty();
  }

  @Test
  void shouldExplainAnEpisodeWithOneReason() {
    ScoreState state = play(MODEL, checkoutFailures(0, 30_000L, 5));

    assertThat(MODEL.reasons(state))
        .containsExactly("Checkout error (web) today: -66.0 points (-66.0 when it happened)");
    assertThat(state.recent()).hasSize(5);
  }

  @Test
  void shouldKeepOnlyTheEpisodesStillOpen() {
    List<Moment> moments =
        List.of(
            Moment.of(CHECKOUT, 0, "a"),
            Moment.of("web.error_page", MINUTE, "b"),
            Moment.of("web.page_viewed", 60 * MINUTE, "c"));

    assertThat(play(MODEL, moments).episodes())
        .extracting(ScoreState.Episode::key)
        .containsExactly("web.page_viewed");
  }

  @Test
  void shouldCountAMomentDatedBeforeTheOpenEpisodeAlone() {
    // applied in arrival order (to a checkpoint), an older moment does not join a later episode
    ScoreState state =
        play(MODEL, List.of(Moment.of(CHECKOUT, 5 * MINUTE, "b"), Moment.of(CHECKOUT, 0, "a")));

    assertThat(state.overallMemory()).isCloseTo(-66, within(0.01));
    assertThat(state.episodes())
        .singleElement()
        .isEqualTo(new ScoreState.Episode(CHECKOUT, 5 * MINUTE, 1, -33.0, "b"));
  }

  @Test
  void shouldWeighEachEpisodeAsOneTouchpointWithACapOfOne() {
    ScoreState state = play(model(Duration.ofMinutes(10), 1), checkoutFailures(0, MINUTE, 5));

    assertThat(state.overallMemory()).isCloseTo(-33, within(0.01));
  }

  @Test
  void shouldKeepTheLaterEpisodeOfOneKindWhenTwoHistoriesCombine() {
    ScoreState a = play(MODEL, checkoutFailures(0, MINUTE, 3));
    ScoreState b = play(MODEL, checkoutFailures(2 * MINUTE, MINUTE, 2));

    ScoreState both = MODEL.combine(a, b);

    assertThat(both.episodes())
        .singleElement()
        .isEqualTo(new ScoreState.Episode(CHECKOUT, 2 * MINUTE, 2, -33.0, "c0"));
  }

  @Test
  void shouldRefuseACapBelowOneAndANegativeWindow() {
    assertThatThrownBy(() -> model(Duration.ofMinutes(10), 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("episode cap");
    assertThatThrownBy(() -> model(Duration.ofMinutes(-1), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("episode window");
  }

  /** The default model with another episode window and cap. */
  static ScoringModel model(Duration window, double cap) {
    ScoringSettings d = ScoringSettings.defaults();
    return new ScoringModel(
        new ScoringSettings(
            d.negativeWeight(),
            d.positiveWeight(),
            d.badHalfLife(),
            d.goodHalfLife(),
            d.scale(),
            window,
            cap,
            d.trendLookback(),
            d.snapshotInterval(),
            d.snapshotCount(),
            d.maxReasons(),
            d.recentTouchpoints(),
            d.catalog()));
  }

  private static List<Moment> checkoutFailures(long from, long every, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> Moment.of(CHECKOUT, from + i * every, "c" + i))
        .toList();
  }

  private static List<Moment> survey(double intensity, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new Moment("support.survey.csat", intensity, i * MINUTE, "s" + i))
        .toList();
  }

  private static ScoreState play(ScoringModel model, List<Moment> moments) {
    ScoreState state = model.empty(moments.get(0).at());
    for (Moment m : moments) {
      state = model.apply(state, m);
    }
    return state;
  }
}
