package dev.touchpoints.streams.index;

import dev.touchpoints.streams.scoring.Dimension;
import dev.touchpoints.streams.scoring.ScoreState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a subject's {@link PeriodAccount}s – one per day and per week it had a moment in – as the
 * engine folds its moments and alerts. The accounts are part of the fold (the rules' hooks call
 * these), so a re-fold rebuilds them. An account is sealed – dropped from the ledger, its figures
 * final in the index – once its period ended before the subject's checkpoint: no late event can
 * correct it in event-time order any more.
 */
public final class PeriodAccounts {

  private PeriodAccounts() {}

  /** A moment of {@code key} at {@code at} added {@code points}; the score is now {@code score}. */
  public static void moment(
      Map<String, PeriodAccount> periods,
      String key,
      long at,
      double points,
      ScoreState score,
      ScoringModel model) {
    List<Integer> now = scores(score, model);
    for (Period p : periodsOf(at)) {
      PeriodAccount was = periods.get(p.key());
      periods.put(p.key(), (was == null ? empty() : was).withMoment(key, at, points, now));
    }
  }

  /** An alert of {@code type} was raised for a cause at {@code at}. */
  public static void alert(
      Map<String, PeriodAccount> periods,
      String type,
      long at,
      ScoreState score,
      ScoringModel model) {
    List<Integer> now = scores(score, model);
    for (Period p : periodsOf(at)) {
      PeriodAccount was = periods.get(p.key());
      periods.put(p.key(), (was == null ? empty().withScores(now) : was).withAlert(type, at, now));
    }
  }

  /** A touchpoint at {@code at}, already counted as a moment, was published by {@code source}. */
  public static void source(Map<String, PeriodAccount> periods, String source, long at) {
    if (source == null || source.isBlank()) {
      return;
    }
    for (Period p : periodsOf(at)) {
      PeriodAccount was = periods.get(p.key());
      if (was != null) {
        periods.put(p.key(), was.withSource(source));
      }
    }
  }

  /** Drops the accounts of periods that ended at or before {@code sealedBefore}. */
  public static void seal(Map<String, PeriodAccount> periods, long sealedBefore) {
    periods.keySet().removeIf(Period.endedBy(sealedBefore));
  }

  /** The accounts of two histories of one person, as one. */
  public static void addAll(Map<String, PeriodAccount> into, Map<String, PeriodAccount> other) {
    other.forEach((k, v) -> into.merge(k, v, PeriodAccount::plus));
  }

  private static List<Period> periodsOf(long at) {
    return List.of(Period.day(at), Period.week(at));
  }

  private static PeriodAccount empty() {
    return new PeriodAccount(Long.MIN_VALUE, List.of(), List.of(), Map.of(), Map.of());
  }

  /** Scores in hundredths per dimension, overall last – as the published view rounds them. */
  static List<Integer> scores(ScoreState score, ScoringModel model) {
    List<Integer> s = new ArrayList<>(ScoreState.OVERALL + 1);
    for (Dimension d : Dimension.values()) {
      s.add(hundredths(model.score(score, d)));
    }
    s.add(hundredths(model.overall(score)));
    return s;
  }

  private static int hundredths(double score) {
    return (int) Math.round(score * 100);
  }
}
