package dev.touchpoints.streams.ledger;

import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.records.ExperienceRecords;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import dev.touchpoints.streams.state.KeyValues;

/**
 * Every subject's overall score, kept so that the query API answers the score distribution and the
 * lowest scores without reading every subject: the subjects ordered by score ({@link
 * StoreNames#SCORE_INDEX_STORE}, key {@code <score in hundredths, 5 digits>|<subject id>}) and the
 * number of subjects at each score ({@link StoreNames#SCORE_COUNTS_STORE}, key {@code <score in
 * hundredths, 5 digits>}). A score is the published view's overall – two decimals, 0.00 to 100.00 –
 * so both are exact. {@link LedgerWriter} derives them from each change of a subject's ledger, and
 * nothing else writes them.
 */
public final class ScoreIndex {

  private final KeyValues<Long> index;
  private final KeyValues<Long> counts;
  private final ScoringModel model;

  ScoreIndex(KeyValues<Long> index, KeyValues<Long> counts, ScoringModel model) {
    this.index = index;
    this.counts = counts;
    this.model = model;
  }

  /** Mirrors a change of a subject's ledger ({@code null}: none before, or none after). */
  void sync(String subjectId, SubjectState before, SubjectState after) {
    long was = before == null ? -1 : hundredths(ExperienceRecords.overall(before, model));
    long now = after == null ? -1 : hundredths(ExperienceRecords.overall(after, model));
    if (was == now) {
      return;
    }
    if (was >= 0) {
      index.delete(key(was, subjectId));
      add(was, -1);
    }
    if (now >= 0) {
      index.put(key(now, subjectId), now);
      add(now, 1);
    }
  }

  /**
   * Whether the index is empty while {@code states} is not: a task whose state was written by a
   * release before the index, to be indexed subject by subject once.
   */
  boolean missing(KeyValues<SubjectState> states) {
    return counts.first() == null && states.first() != null;
  }

  private void add(long score, long delta) {
    String bucket = bucket(score);
    Long count = counts.get(bucket);
    long next = (count == null ? 0 : count) + delta;
    if (next == 0) {
      counts.delete(bucket);
    } else {
      counts.put(bucket, next);
    }
  }

  /** A score of the view (two decimals) in hundredths of a point. */
  public static long hundredths(double overall) {
    return Math.round(overall * 100);
  }

  /** The score of a count's key, in hundredths. */
  public static long scoreOf(String key) {
    return Long.parseLong(key.substring(0, 5));
  }

  /** The subject of an index key. */
  public static String subjectOf(String key) {
    return key.substring(6);
  }

  /** The count key of a score in hundredths. */
  public static String bucket(long hundredths) {
    String digits = Long.toString(Math.max(0, Math.min(99_999, hundredths)));
    return "0".repeat(5 - digits.length()) + digits;
  }

  /** The index key of a subject at a score in hundredths. */
  public static String key(long hundredths, String subjectId) {
    return bucket(hundredths) + "|" + subjectId;
  }
}
