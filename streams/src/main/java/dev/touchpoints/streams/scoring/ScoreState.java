package dev.touchpoints.streams.scoring;

import java.util.List;

/**
 * The compact memory behind one subject's scores: one decaying number per dimension plus one for
 * the whole, a small ring of snapshots and the few moments that explain the score. Immutable;
 * {@link ScoringModel} makes new states.
 *
 * @param memory weighted, decayed points per {@link Dimension} (by ordinal), overall last
 * @param asOf event time the memory is decayed to
 * @param firstSeen event time of the first moment
 * @param snapshots overall memory at the end of recent snapshot intervals, oldest first
 * @param contributions moments that explain the score, largest first
 * @param recent the latest moments, oldest first
 */
public record ScoreState(
    double[] memory,
    long asOf,
    long firstSeen,
    List<Snapshot> snapshots,
    List<Contribution> contributions,
    List<Contribution> recent) {

  /** Index of the overall memory in {@link #memory}. */
  public static final int OVERALL = Dimension.values().length;

  public ScoreState {
    memory = memory == null ? new double[OVERALL + 1] : memory.clone();
    snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    contributions = contributions == null ? List.of() : List.copyOf(contributions);
    recent = recent == null ? List.of() : List.copyOf(recent);
  }

  @Override
  public double[] memory() {
    return memory.clone();
  }

  /** The memory of one dimension. */
  public double memory(Dimension dimension) {
    return memory[dimension.ordinal()];
  }

  /** The overall memory. */
  public double overallMemory() {
    return memory[OVERALL];
  }

  /**
   * Overall memory at the end of one interval.
   *
   * @param at event time of the last moment in the interval
   * @param overall overall memory right after it
   */
  public record Snapshot(long at, double overall) {}

  /**
   * A moment as it moved the memory when it happened.
   *
   * @param key catalog key
   * @param at event time
   * @param points weighted points it added then
   * @param eventId the event behind it
   */
  public record Contribution(String key, long at, double points, String eventId) {}
}
