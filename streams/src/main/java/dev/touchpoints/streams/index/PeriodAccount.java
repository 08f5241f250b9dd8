package dev.touchpoints.streams.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What happened to one subject in one period (a {@link Period}), by event time: its scores after
 * its last moment in the period, the publishing systems that touched it, the weighted points each
 * touchpoint kind cost or gained, and the alerts raised. The subject's share of the experience
 * index ({@link IndexCells}). Immutable; kept in the subject's ledger while a late event can still
 * correct the period, and rebuilt by every re-fold – so it is the in-order fold's, whatever order
 * the events arrived in.
 *
 * @param lastAt event time of the subject's last moment (or alert) in the period
 * @param scores scores in hundredths after it, per dimension by ordinal, overall last
 * @param sources publishing systems of its touchpoints in the period, sorted
 * @param kinds points by catalog key
 * @param alerts alerts raised in the period by alert type
 */
public record PeriodAccount(
    long lastAt,
    List<Integer> scores,
    List<String> sources,
    Map<String, Points> kinds,
    Map<String, Integer> alerts) {

  /**
   * Weighted points of the moments of one kind in a period, as they moved the score when they
   * happened (an episode's touchpoints add what the episode grew by).
   *
   * @param lost the negative ones' sum (≤ 0)
   * @param gained the positive ones' sum (≥ 0)
   */
  public record Points(double lost, double gained) {}

  public PeriodAccount {
    // Null reads as empty: the internal Smile format leaves empty collections out.
    scores = scores == null ? List.of() : List.copyOf(scores);
    sources = sources == null ? List.of() : List.copyOf(sources);
    kinds = Collections.unmodifiableMap(kinds == null ? new TreeMap<>() : new TreeMap<>(kinds));
    alerts = Collections.unmodifiableMap(alerts == null ? new TreeMap<>() : new TreeMap<>(alerts));
  }

  /** The overall score in hundredths. */
  public int overall() {
    return scores.get(scores.size() - 1);
  }

  /** The score of a dimension (by ordinal) in hundredths. */
  public int score(int dimension) {
    return scores.get(dimension);
  }

  /**
   * This account with a moment of {@code key} that added {@code points}; scores now {@code now}.
   */
  PeriodAccount withMoment(String key, long at, double points, List<Integer> now) {
    Map<String, Points> k = new TreeMap<>(kinds);
    Points was = k.getOrDefault(key, new Points(0, 0));
    k.put(
        key,
        points < 0
            ? new Points(was.lost() + points, was.gained())
            : new Points(was.lost(), was.gained() + points));
    return new PeriodAccount(Math.max(lastAt, at), now, sources, k, alerts);
  }

  /** This account with scores {@code now}. */
  PeriodAccount withScores(List<Integer> now) {
    return new PeriodAccount(lastAt, now, sources, kinds, alerts);
  }

  /** This account with an alert of {@code type} raised. */
  PeriodAccount withAlert(String type, long at, List<Integer> now) {
    Map<String, Integer> a = new TreeMap<>(alerts);
    a.merge(type, 1, Integer::sum);
    return new PeriodAccount(Math.max(lastAt, at), now, sources, kinds, a);
  }

  /** This account with a touchpoint published by {@code source}. */
  PeriodAccount withSource(String source) {
    if (sources.contains(source)) {
      return this;
    }
    TreeSet<String> s = new TreeSet<>(sources);
    s.add(source);
    return new PeriodAccount(lastAt, scores, new ArrayList<>(s), kinds, alerts);
  }

  /**
   * Two accounts of one person for the same period, as one (their ids were linked): the scores of
   * the later one, the sums and sets of both.
   */
  PeriodAccount plus(PeriodAccount other) {
    Map<String, Points> k = new TreeMap<>(kinds);
    other.kinds.forEach(
        (key, p) ->
            k.merge(key, p, (x, y) -> new Points(x.lost() + y.lost(), x.gained() + y.gained())));
    Map<String, Integer> a = new TreeMap<>(alerts);
    other.alerts.forEach((type, n) -> a.merge(type, n, Integer::sum));
    TreeSet<String> s = new TreeSet<>(sources);
    s.addAll(other.sources);
    PeriodAccount later = other.lastAt > lastAt ? other : this;
    return new PeriodAccount(later.lastAt, later.scores, new ArrayList<>(s), k, a);
  }
}
