package dev.touchpoints.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The episode rule's guarantees (docs/scoring.md, "Episodes"), for random histories, episodes,
 * windows and caps. With {@code W} the window, {@code h} the shorter half-life and {@code T} the
 * episode's weight ({@code min(√n, cap)} times its heaviest touchpoint):
 *
 * <ul>
 *   <li>spreading an episode's touchpoints differently within the window – other moments going on
 *       around them – moves every score by at most {@code (50 / scale) · |T| · (1 − 2^(−W/h))};
 *   <li>n identical failures within the window score no worse than one moment of {@code cap} times
 *       a failure's weight at the window's end, and no better than the first failure alone.
 * </ul>
 */
class EpisodeProperties {

  private static final long DAY = 86_400_000L;
  private static final List<String> KEYS =
      List.copyOf(ScoringSettings.defaults().catalog().entries().keySet());

  @Property(tries = 500)
  void spreadingAnEpisodeDifferentlyWithinTheWindowMovesTheScoreByAtMostTheBound(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60) int windowMinutes,
      @ForAll @DoubleRange(min = 1, max = 4) double cap,
      @ForAll @IntRange(min = 1, max = 12) int n) {
    Random r = new Random(seed);
    ScoringModel model = EpisodesTest.model(Duration.ofMinutes(windowMinutes), cap);
    long window = windowMinutes * 60_000L;
    ScoreState base = play(model, model.empty(0), history(r, 40));
    long t0 = base.asOf() + window + r.nextInt((int) DAY);

    // an episode: n touchpoints of one kind and sign, of random intensities
    String key = nonNeutralKey(model, r);
    double sign = r.nextBoolean() ? 1 : -1;
    List<Moment> episode = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      episode.add(new Moment(key, sign * (0.1 + 0.9 * r.nextDouble()), 0, "ep-" + i));
    }
    // other moments within the window, the same in both spreads (none joins the episode)
    List<Moment> others = new ArrayList<>();
    for (int i = r.nextInt(6); i > 0; i--) {
      Moment m = randomMoment(r, t0 + (long) (r.nextDouble() * window), "other-" + i);
      if (!m.key().equals(key) || Math.signum(m.intensity()) != sign) {
        others.add(m);
      }
    }

    // When the episode is spread in two ways within the window (the second in another order)
    List<Moment> shuffled = new ArrayList<>(episode);
    Collections.shuffle(shuffled, r);
    long end = t0 + window;
    ScoreState one =
        model.decayTo(play(model, base, merged(spread(episode, t0, window, r), others)), end);
    ScoreState two =
        model.decayTo(play(model, base, merged(spread(shuffled, t0, window, r), others)), end);

    // Then every score differs by at most the documented bound
    double heaviest =
        episode.stream()
            .mapToDouble(m -> Math.abs(model.weightedPoints(m.key(), m.intensity())))
            .max()
            .orElseThrow();
    double weight = Math.min(Math.sqrt(n), cap) * heaviest;
    double bound = bound(model.settings(), weight);
    assertThat(Math.abs(model.overall(one) - model.overall(two))).isLessThanOrEqualTo(bound);
    for (Dimension d : Dimension.values()) {
      assertThat(Math.abs(model.score(one, d) - model.score(two, d))).isLessThanOrEqualTo(bound);
    }
  }

  @Property(tries = 500)
  void identicalFailuresWithinTheWindowScoreNoWorseThanTheCapAndNoBetterThanOne(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 60) int windowMinutes,
      @ForAll @DoubleRange(min = 1, max = 4) double cap) {
    Random r = new Random(seed);
    ScoringModel model = EpisodesTest.model(Duration.ofMinutes(windowMinutes), cap);
    long window = windowMinutes * 60_000L;
    ScoreState base = play(model, model.empty(0), history(r, 40));
    long t0 = base.asOf() + window + r.nextInt((int) DAY);
    String key = badKey(model, r);

    // Given n identical failures within the window
    List<Moment> failures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      failures.add(Moment.of(key, 0, "f-" + i));
    }
    List<Moment> spread = spread(failures, t0, window, r);
    long end = t0 + window;
    ScoreState after = model.decayTo(play(model, base, spread), end);

    // Then they weigh no more than cap × one failure added at the window's end ...
    ScoreState capped =
        model.apply(model.decayTo(base, end), new Moment(key, cap, end, "cap", false));
    // ... and no less than the first failure alone
    ScoreState first = model.decayTo(model.apply(base, spread.get(0)), end);
    Dimension dimension = Dimension.ofKey(key);
    assertThat(model.overall(after)).isGreaterThanOrEqualTo(model.overall(capped) - 1e-9);
    assertThat(model.score(after, dimension))
        .isGreaterThanOrEqualTo(model.score(capped, dimension) - 1e-9);
    assertThat(model.overall(after)).isLessThanOrEqualTo(model.overall(first) + 1e-9);
    assertThat(model.score(after, dimension))
        .isLessThanOrEqualTo(model.score(first, dimension) + 1e-9);
  }

  /**
   * The documented bound on how far spreading an episode of weight {@code weight} within the window
   * moves a score: {@code (50 / scale) · weight · (1 − 2^(−W/h))}, h the shorter half-life (plus
   * rounding).
   */
  static double bound(ScoringSettings s, double weight) {
    long h = Math.min(s.badHalfLife().toMillis(), s.goodHalfLife().toMillis());
    double fade = 1 - Math.pow(0.5, (double) s.episodeWindow().toMillis() / h);
    return ScoringModel.NEUTRAL / s.scale() * weight * fade + 1e-9;
  }

  /** {@code moments} at random sorted times within {@code [t0, t0 + window)}, in their order. */
  private static List<Moment> spread(List<Moment> moments, long t0, long window, Random r) {
    long[] offsets = new long[moments.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = (long) (r.nextDouble() * window);
    }
    Arrays.sort(offsets);
    List<Moment> out = new ArrayList<>();
    for (int i = 0; i < offsets.length; i++) {
      Moment m = moments.get(i);
      out.add(new Moment(m.key(), m.intensity(), t0 + offsets[i], m.eventId(), m.episodic()));
    }
    return out;
  }

  /** Both lists in time order; at equal times the episode's touchpoints first. */
  private static List<Moment> merged(List<Moment> episode, List<Moment> others) {
    List<Moment> all = new ArrayList<>(episode);
    all.addAll(others);
    all.sort(Comparator.comparingLong(Moment::at));
    return all;
  }

  /** A random history of up to {@code max} moments over 60 days, in time order. */
  private static List<Moment> history(Random r, int max) {
    List<Moment> out = new ArrayList<>();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      out.add(randomMoment(r, (long) (r.nextDouble() * 60 * DAY), "h-" + i));
    }
    out.sort(Comparator.comparingLong(Moment::at));
    return out;
  }

  private static Moment randomMoment(Random r, long at, String id) {
    String key = KEYS.get(r.nextInt(KEYS.size()));
    double intensity = r.nextInt(3) == 0 ? 1 : 2 * r.nextDouble() - 1;
    return new Moment(key, intensity, at, id);
  }

  private static String nonNeutralKey(ScoringModel model, Random r) {
    while (true) {
      String key = KEYS.get(r.nextInt(KEYS.size()));
      if (model.weightedPoints(key, 1) != 0) {
        return key;
      }
    }
  }

  private static String badKey(ScoringModel model, Random r) {
    while (true) {
      String key = KEYS.get(r.nextInt(KEYS.size()));
      if (model.weightedPoints(key, 1) < 0) {
        return key;
      }
    }
  }

  private static ScoreState play(ScoringModel model, ScoreState state, List<Moment> moments) {
    for (Moment m : moments) {
      state = model.apply(state, m);
    }
    return state;
  }
}
