package dev.touchpoints.streams.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The episode rule (see {@code docs/scoring.md}, "Episodes"): touchpoints of one catalog key and
 * one sign dated within {@link ScoringSettings#episodeWindow()} of the episode's first one are one
 * experience. An episode of n touchpoints weighs its heaviest one times {@code min(√n, cap)}; each
 * touchpoint adds what it adds to that total. The total depends only on which touchpoints are in
 * the episode, not on their order or spacing, so the in-order fold stays a pure function of the
 * events.
 */
final class Episodes {

  private static final Comparator<ScoreState.Episode> ORDER =
      Comparator.comparing(ScoreState.Episode::key)
          .thenComparingDouble(e -> Math.signum(e.peak()))
          .thenComparingLong(ScoreState.Episode::start);

  private final ScoringSettings settings;

  Episodes(ScoringSettings settings) {
    this.settings = settings;
  }

  /**
   * What one moment does.
   *
   * @param episodes the open episodes afterwards
   * @param points weighted points the moment adds to the memory (when it happened)
   * @param reason the contribution that explains it: the moment's own, or its episode's whole
   * @param replaced the episode's earlier contribution that {@code reason} replaces, or null
   */
  record Step(
      List<ScoreState.Episode> episodes,
      double points,
      ScoreState.Contribution reason,
      ScoreState.Contribution replaced) {}

  /** How many times its heaviest touchpoint an episode of {@code count} touchpoints weighs. */
  double factor(int count) {
    return Math.min(Math.sqrt(count), settings.episodeCap());
  }

  /** The weighted points of a whole episode. */
  double total(ScoreState.Episode e) {
    return e.peak() * factor(e.count());
  }

  /**
   * Takes in one moment of {@code weighted} points, with the state decayed to {@code asOf} (at or
   * after the moment). Episodes begun a window or more before {@code asOf} are closed and dropped.
   * A moment dated before the open episode of its kind (applied in arrival order to a checkpoint)
   * counts alone.
   */
  Step take(List<ScoreState.Episode> open, Moment m, double weighted, long asOf) {
    long window = settings.episodeWindow().toMillis();
    List<ScoreState.Episode> kept = new ArrayList<>(open.size() + 1);
    for (ScoreState.Episode e : open) {
      if (e.start() + window > asOf) {
        kept.add(e);
      }
    }
    var alone = new ScoreState.Contribution(m.key(), m.at(), weighted, m.eventId());
    if (!m.episodic() || weighted == 0 || window == 0) {
      return new Step(kept, weighted, alone, null);
    }
    int i = indexOf(kept, m.key(), weighted);
    if (i < 0) {
      kept.add(new ScoreState.Episode(m.key(), m.at(), 1, weighted, m.eventId()));
      kept.sort(ORDER);
      return new Step(kept, weighted, alone, null);
    }
    ScoreState.Episode e = kept.get(i);
    if (m.at() < e.start()) {
      return new Step(kept, weighted, alone, null);
    }
    ScoreState.Episode next =
        new ScoreState.Episode(
            e.key(),
            e.start(),
            e.count() == Integer.MAX_VALUE ? e.count() : e.count() + 1,
            Math.abs(weighted) > Math.abs(e.peak()) ? weighted : e.peak(),
            m.at() == e.start() && isBefore(m.eventId(), e.eventId()) ? m.eventId() : e.eventId());
    kept.set(i, next);
    double total = total(next);
    return new Step(
        kept,
        total - total(e),
        new ScoreState.Contribution(e.key(), e.start(), total, next.eventId()),
        new ScoreState.Contribution(e.key(), e.start(), total(e), e.eventId()));
  }

  /**
   * The open episodes of two histories of one person (their ids were linked): of two episodes of
   * one kind and sign, the later one stays open.
   */
  List<ScoreState.Episode> combine(List<ScoreState.Episode> a, List<ScoreState.Episode> b) {
    List<ScoreState.Episode> all = new ArrayList<>(a);
    for (ScoreState.Episode e : b) {
      int i = indexOf(all, e.key(), e.peak());
      if (i < 0) {
        all.add(e);
      } else if (e.start() > all.get(i).start()
          || e.start() == all.get(i).start() && e.count() > all.get(i).count()) {
        all.set(i, e);
      }
    }
    all.sort(ORDER);
    return all;
  }

  private static int indexOf(List<ScoreState.Episode> episodes, String key, double points) {
    for (int i = 0; i < episodes.size(); i++) {
      ScoreState.Episode e = episodes.get(i);
      if (e.key().equals(key) && Math.signum(e.peak()) == Math.signum(points)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether event id {@code a} sorts before {@code b}; an id beats none. */
  private static boolean isBefore(String a, String b) {
    return a != null && (b == null || a.compareTo(b) < 0);
  }
}
