package dev.touchpoints.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Properties the scoring model must keep for any history (R2, R3, R10). */
class ScoringModelProperties {

  private static final long DAY = 86_400_000L;
  private static final ScoringModel MODEL = new ScoringModel(ScoringSettings.defaults());
  private static final String BAD = "web.self_service_failed";
  private static final String GOOD = "web.self_service_succeeded";

  @Property
  void aBadMomentMovesTheScoreMoreThanAnEqualGoodOneFromAnyStateAtOrAboveNeutral(
      @ForAll("histories") List<Moment> history,
      @ForAll @DoubleRange(min = 0.1, max = 10) double size) {
    ScoreState state = play(history);
    // Only states at or above neutral: below it, a bounded score has less room to fall than to
    // rise.
    if (MODEL.overall(state) < ScoringModel.NEUTRAL) {
      state = MODEL.apply(state, new Moment(GOOD, 50, state.asOf(), "lift"));
    }
    long at = state.asOf() + DAY;
    double before = MODEL.overall(MODEL.decayTo(state, at));
    double afterBad = MODEL.overall(MODEL.apply(state, new Moment(BAD, size / 2, at, "bad")));
    double afterGood = MODEL.overall(MODEL.apply(state, new Moment(GOOD, size, at, "good")));

    assertThat(before - afterBad).isGreaterThan(afterGood - before);
  }

  @Property
  void weightedPointsOfABadMomentAreElevenThirdsOfAnEqualGoodOne(
      @ForAll @DoubleRange(min = 0.01, max = 100) double intensity) {
    double bad = MODEL.weightedPoints("support.survey.csat", -intensity);
    double good = MODEL.weightedPoints("support.survey.csat", intensity);
    assertThat(-bad / good).isCloseTo(11.0 / 3.0, within(1e-9));
  }

  @Property
  void decayMovesEveryScoreTowardNeutralAndNeverPastIt(
      @ForAll("histories") List<Moment> history,
      @ForAll @LongRange(min = 1, max = 3650) long days) {
    ScoreState state = play(history);
    ScoreState later = MODEL.decayTo(state, state.asOf() + days * DAY);
    for (Dimension d : Dimension.values()) {
      towardNeutral(MODEL.score(state, d), MODEL.score(later, d));
    }
    towardNeutral(MODEL.overall(state), MODEL.overall(later));
  }

  @Property
  void badMemoriesFadeSlowerThanGoodOnes(@ForAll @DoubleRange(min = 0.1, max = 5) double size) {
    ScoreState bad = MODEL.apply(MODEL.empty(0), new Moment(BAD, size / 2, 0, "b"));
    ScoreState good = MODEL.apply(MODEL.empty(0), new Moment(GOOD, size * 11 / 6, 0, "g"));
    long later = 90 * DAY;
    double badLeft = (MODEL.overall(MODEL.decayTo(bad, later)) - 50) / (MODEL.overall(bad) - 50);
    double goodLeft = (MODEL.overall(MODEL.decayTo(good, later)) - 50) / (MODEL.overall(good) - 50);
    assertThat(badLeft).isGreaterThan(goodLeft);
  }

  @Property
  void theOrderOfEventsAtTheSameTimeDoesNotChangeTheScore(
      @ForAll("histories") List<Moment> history, @ForAll("sameTime") List<Moment> burst) {
    ScoreState base = play(history);
    long at = base.asOf() + DAY;
    List<Moment> shuffled = new ArrayList<>(burst);
    Collections.reverse(shuffled);
    ScoreState one = base;
    ScoreState two = base;
    for (int i = 0; i < burst.size(); i++) {
      Moment a = burst.get(i);
      Moment b = shuffled.get(i);
      one = MODEL.apply(one, new Moment(a.key(), a.intensity(), at, a.eventId()));
      two = MODEL.apply(two, new Moment(b.key(), b.intensity(), at, b.eventId()));
    }
    for (Dimension d : Dimension.values()) {
      assertThat(MODEL.score(one, d)).isCloseTo(MODEL.score(two, d), within(1e-9));
    }
    assertThat(MODEL.overall(one)).isCloseTo(MODEL.overall(two), within(1e-9));
    assertThat(MODEL.reasons(one)).isEqualTo(MODEL.reasons(two));
  }

  @Property
  void scoresStayBetweenZeroAndHundred(@ForAll("histories") List<Moment> history) {
    ScoreState state = play(history);
    for (Dimension d : Dimension.values()) {
      assertThat(MODEL.score(state, d)).isBetween(0.0, 100.0);
    }
    assertThat(MODEL.overall(state)).isBetween(0.0, 100.0);
    assertThat(MODEL.overallBefore(state).orElse(50)).isBetween(0.0, 100.0);
  }

  @Provide
  Arbitrary<List<Moment>> histories() {
    Arbitrary<String> keys =
        Arbitraries.of(ScoringSettings.defaults().catalog().entries().keySet());
    Arbitrary<Moment> moment =
        Combinators.combine(
                keys,
                Arbitraries.doubles().between(-1, 1),
                Arbitraries.longs().between(0, 720 * DAY),
                Arbitraries.strings().alpha().ofLength(6))
            .as(Moment::new);
    return moment.list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<List<Moment>> sameTime() {
    Arbitrary<String> keys =
        Arbitraries.of(ScoringSettings.defaults().catalog().entries().keySet());
    return Combinators.combine(
            keys, Arbitraries.doubles().between(-1, 1), Arbitraries.strings().alpha().ofLength(8))
        .as((k, i, id) -> new Moment(k, i, 0, id))
        .list()
        .ofMinSize(2)
        .ofMaxSize(10)
        .uniqueElements(Moment::eventId);
  }

  private static ScoreState play(@Size(max = 40) List<Moment> history) {
    ScoreState state = MODEL.empty(0);
    for (Moment m : history) {
      state = MODEL.apply(state, m);
    }
    return state;
  }

  private static void towardNeutral(double before, double after) {
    if (before >= 50) {
      assertThat(after).isBetween(50.0, before);
    } else {
      assertThat(after).isBetween(before, 50.0);
    }
  }
}
