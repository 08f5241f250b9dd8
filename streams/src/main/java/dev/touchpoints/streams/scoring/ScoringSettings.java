package dev.touchpoints.streams.scoring;

import java.time.Duration;

/**
 * Parameters of the scoring model.
 *
 * @param negativeWeight multiplier of a bad moment's points (R2: 11)
 * @param positiveWeight multiplier of a good moment's points (R2: 3)
 * @param badHalfLife how long until a bad memory has faded to half (R3)
 * @param goodHalfLife how long until a good memory has faded to half; shorter than the bad one
 * @param scale weighted points at which a score is about 88 or 12 (tanh(1)); larger is gentler
 * @param episodeWindow touchpoints of one kind and sign within this time of the first one are one
 *     episode (one experience); zero: every touchpoint is an episode of its own
 * @param episodeCap an episode weighs its heaviest touchpoint times {@code min(√n, episodeCap)} for
 *     n touchpoints; at least 1
 * @param trendLookback how far back the trend compares (R10: 30 days)
 * @param snapshotInterval resolution of the snapshot ring (one snapshot per interval with events)
 * @param snapshotCount snapshots kept per subject
 * @param maxReasons reasons kept to explain a score
 * @param recentTouchpoints touchpoints kept for display
 * @param catalog points per touchpoint kind
 */
public record ScoringSettings(
    double negativeWeight,
    double positiveWeight,
    Duration badHalfLife,
    Duration goodHalfLife,
    double scale,
    Duration episodeWindow,
    double episodeCap,
    Duration trendLookback,
    Duration snapshotInterval,
    int snapshotCount,
    int maxReasons,
    int recentTouchpoints,
    ImpactCatalog catalog) {

  public ScoringSettings {
    if (negativeWeight <= 0 || positiveWeight <= 0) {
      throw new IllegalArgumentException("weights must be positive");
    }
    if (badHalfLife.isZero() || badHalfLife.isNegative()) {
      throw new IllegalArgumentException("bad half-life must be positive");
    }
    if (goodHalfLife.isZero() || goodHalfLife.isNegative()) {
      throw new IllegalArgumentException("good half-life must be positive");
    }
    if (scale <= 0) {
      throw new IllegalArgumentException("scale must be positive");
    }
    if (episodeWindow.isNegative()) {
      throw new IllegalArgumentException("episode window must not be negative");
    }
    if (!(episodeCap >= 1)) {
      throw new IllegalArgumentException("episode cap must be at least 1");
    }
  }

  /**
   * The defaults: 11:3, bad memories 180 days, good ones 60 days, episodes of 10 minutes that weigh
   * at most twice their heaviest touchpoint.
   */
  public static ScoringSettings defaults() {
    return new ScoringSettings(
        11,
        3,
        Duration.ofDays(180),
        Duration.ofDays(60),
        150,
        Duration.ofMinutes(10),
        2,
        Duration.ofDays(30),
        Duration.ofDays(1),
        40,
        5,
        5,
        ImpactCatalog.defaults());
  }
}
