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
 * @param episodes the episodes still open (begun within {@link ScoringSettings#episodeWindow()} of
 *     the latest moment), at most one per catalog key and sign, by key
 */
public record ScoreState(
    double[] memory,
    long asOf,
    long firstSeen,
    List<Snapshot> snapshots,
    List<Contribution> contributions,
    List<Contribution> recent,
    List<Episode> episodes) {

  /** Index of the overall memory in {@link #memory}. */
  public static final int OVERALL = Dimension.values().length;

  public ScoreState {
    memory = memory == null ? new double[OVERALL + 1] : memory.clone();
    snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    contributions = contributions == null ? List.of() : List.copyOf(contributions);
    recent = recent == null ? List.of() : List.copyOf(recent);
    episodes = episodes == null ? List.of() : List.copyOf(episodes);
  }

  /** A state without open episodes. */
  public ScoreState(
      double[] memory,
      long asOf,
      long firstSeen,
      List<Snapshot> snapshots,
      List<Contribution> contributions,
      List<Contribution> recent) {
    this(memory, asOf, firstSeen, snapshots, contributions, recent, List.of());
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
   * A moment as it moved the memory when it happened; as a reason, a whole episode, filed under its
   * first moment.
   *
   * @param key catalog key
   * @param at event time
   * @param points weighted points it added then (a reason: its episode's total)
   * @param eventId the event behind it
   */
  public record Contribution(String key, long at, double points, String eventId) {}

  /**
   * Touchpoints of one kind and sign that count as one experience: those dated within the episode
   * window of the first one (R2: the customer tells of one bad checkout, not of five clicks).
   *
   * @param key catalog key of its touchpoints
   * @param start event time of its first touchpoint
   * @param count touchpoints in it so far
   * @param peak weighted points of its heaviest touchpoint (its sign is the episode's)
   * @param eventId the first event (by time, then id): the episode's reason is filed under it
   */
  public record Episode(String key, long start, int count, double peak, String eventId) {}
}
