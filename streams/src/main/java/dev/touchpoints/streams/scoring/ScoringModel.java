package dev.touchpoints.streams.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The experience model (R2, R3, R10). Each moment adds its catalog points, weighted 11 for bad and
 * 3 for good by default, to a memory per dimension and to an overall memory. A memory decays toward
 * zero with a half-life that depends on its sign: bad memories fade slower than good ones, and a
 * memory never crosses zero by decay alone. A score is {@code 50 + 50 * tanh(memory / scale)}: 50
 * is neutral, the bounds 0 and 100 are never reached. Repeated touchpoints of one kind within a few
 * minutes are one episode, which weighs at most a few times one of them ({@link Episodes}).
 */
public final class ScoringModel {

  /** The neutral score. */
  public static final double NEUTRAL = 50.0;

  private static final long DAY = 86_400_000L;

  private final ScoringSettings settings;
  private final Episodes episodes;

  public ScoringModel(ScoringSettings settings) {
    this.settings = settings;
    this.episodes = new Episodes(settings);
  }

  /** The settings. */
  public ScoringSettings settings() {
    return settings;
  }

  /** A subject nobody has met yet: every score neutral. */
  public ScoreState empty(long at) {
    return new ScoreState(null, at, at, List.of(), List.of(), List.of());
  }

  /** Weighted points of a moment: catalog points times intensity times the bad or good weight. */
  public double weightedPoints(String key, double intensity) {
    double raw = settings.catalog().points(key) * intensity;
    return raw < 0 ? raw * settings.negativeWeight() : raw * settings.positiveWeight();
  }

  /**
   * The memory after {@code moment}. A moment older than the memory counts as already decayed. A
   * touchpoint of the same kind and sign as an open episode joins it and adds only what the episode
   * grows by ({@link ScoringSettings#episodeCap()}); its reason is the episode's.
   */
  public ScoreState apply(ScoreState state, Moment moment) {
    return applied(state, moment).state();
  }

  /**
   * A moment applied: the new memory and the weighted points the moment added when it happened.
   *
   * @param state the memory after the moment
   * @param points what it added (for a touchpoint that joined an episode, what the episode grew by)
   */
  public record Applied(ScoreState state, double points) {}

  /** {@link #apply}, with the points the moment added. */
  public Applied applied(ScoreState state, Moment moment) {
    ScoreState current = decayTo(state, moment.at());
    Episodes.Step step =
        episodes.take(
            current.episodes(),
            moment,
            weightedPoints(moment.key(), moment.intensity()),
            current.asOf());
    double late = decay(step.points(), current.asOf() - moment.at());
    double[] memory = current.memory();
    int dimension = Dimension.ofKey(moment.key()).ordinal();
    memory[dimension] += late;
    memory[ScoreState.OVERALL] += late;
    var touched =
        new ScoreState.Contribution(moment.key(), moment.at(), step.points(), moment.eventId());
    return new Applied(
        new ScoreState(
            memory,
            current.asOf(),
            Math.min(current.firstSeen(), moment.at()),
            snapshot(current.snapshots(), current.asOf(), memory[ScoreState.OVERALL]),
            explain(current.contributions(), step.reason(), step.replaced(), current.asOf()),
            remember(current.recent(), touched),
            step.episodes()),
        step.points());
  }

  /**
   * Two memories of one person as one (their ids were linked): both decayed to the later of their
   * times and added per dimension, the explanations and recent moments of both kept. Exact as long
   * as each memory kept its sign since then (decay goes by the sign of the memory, not of each
   * moment); the engine re-folds recent events on top, so only history older than {@code
   * policy.late.horizon} goes through here.
   */
  public ScoreState combine(ScoreState a, ScoreState b) {
    long asOf = Math.max(a.asOf(), b.asOf());
    ScoreState x = decayTo(a, asOf);
    ScoreState y = decayTo(b, asOf);
    double[] memory = x.memory();
    double[] other = y.memory();
    for (int i = 0; i < memory.length; i++) {
      memory[i] += other[i];
    }
    List<ScoreState.Contribution> reasons = new ArrayList<>(x.contributions());
    for (ScoreState.Contribution c : y.contributions()) {
      reasons = explain(reasons, c, null, asOf);
    }
    List<ScoreState.Contribution> recent = new ArrayList<>(x.recent());
    for (ScoreState.Contribution c : y.recent()) {
      recent = remember(recent, c);
    }
    List<ScoreState.Snapshot> snapshots = new ArrayList<>(x.snapshots());
    snapshots.addAll(y.snapshots());
    snapshots.sort(Comparator.comparingLong(ScoreState.Snapshot::at));
    return new ScoreState(
        memory,
        asOf,
        Math.min(x.firstSeen(), y.firstSeen()),
        snapshot(
            snapshots.subList(
                Math.max(0, snapshots.size() - settings.snapshotCount()), snapshots.size()),
            asOf,
            memory[ScoreState.OVERALL]),
        reasons,
        recent,
        episodes.combine(x.episodes(), y.episodes()));
  }

  /** The memory as it is at {@code at}, if that is later than the state; otherwise unchanged. */
  public ScoreState decayTo(ScoreState state, long at) {
    if (at <= state.asOf()) {
      return state;
    }
    double[] memory = state.memory();
    for (int i = 0; i < memory.length; i++) {
      memory[i] = decay(memory[i], at - state.asOf());
    }
    return new ScoreState(
        memory,
        at,
        state.firstSeen(),
        state.snapshots(),
        state.contributions(),
        state.recent(),
        state.episodes());
  }

  /** {@code points} after {@code elapsedMillis}: halved every half-life of its sign. */
  public double decay(double points, long elapsedMillis) {
    if (elapsedMillis <= 0 || points == 0) {
      return points;
    }
    long halfLife = (points < 0 ? settings.badHalfLife() : settings.goodHalfLife()).toMillis();
    return points * Math.pow(0.5, (double) elapsedMillis / halfLife);
  }

  /** The score 0–100 for a memory value. */
  public double toScore(double memory) {
    return NEUTRAL + NEUTRAL * Math.tanh(memory / settings.scale());
  }

  /** The score of one dimension at the state's time. */
  public double score(ScoreState state, Dimension dimension) {
    return toScore(state.memory(dimension));
  }

  /** The overall score at the state's time. */
  public double overall(ScoreState state) {
    return toScore(state.overallMemory());
  }

  /** The overall score at {@code at}, from the snapshots; empty if the subject is newer. */
  public OptionalDouble overallAt(ScoreState state, long at) {
    if (state.firstSeen() > at) {
      return OptionalDouble.empty();
    }
    ScoreState.Snapshot best = null;
    for (ScoreState.Snapshot s : state.snapshots()) {
      if (s.at() <= at) {
        best = s;
      }
    }
    if (best == null) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(toScore(decay(best.overall(), at - best.at())));
  }

  /** The overall score {@code lookback} before the state's time (R10). */
  public OptionalDouble overallBefore(ScoreState state) {
    return overallAt(state, state.asOf() - settings.trendLookback().toMillis());
  }

  /** Sentences that explain the score, most important first. */
  public List<String> reasons(ScoreState state) {
    List<String> reasons = new ArrayList<>();
    for (ScoreState.Contribution c : state.contributions()) {
      double now = decay(c.points(), state.asOf() - c.at());
      if (Math.abs(now) < 0.05) {
        continue;
      }
      // "%s %s: %+.1f points (%+.1f when it happened)" without String.format (per event).
      StringBuilder reason = new StringBuilder(64);
      reason.append(label(c.key())).append(' ').append(ago(state.asOf() - c.at())).append(": ");
      Decimals.appendSignedTenths(reason, now).append(" points (");
      Decimals.appendSignedTenths(reason, c.points()).append(" when it happened)");
      reasons.add(reason.toString());
    }
    return reasons;
  }

  /** A reader's label for a catalog key: {@code support.case_opened.complaint} → "Complaint…". */
  public static String label(String key) {
    String[] parts = key.split("\\.");
    StringBuilder label = new StringBuilder();
    for (int i = parts.length - 1; i >= 1; i--) {
      if (label.length() > 0) {
        label.append(' ');
      }
      label.append(parts[i].replace('_', ' '));
    }
    label.append(" (").append(parts[0]).append(')');
    label.setCharAt(0, Character.toUpperCase(label.charAt(0)));
    return label.toString();
  }

  private static String ago(long millis) {
    long days = millis / DAY;
    if (days <= 0) {
      return "today";
    }
    return days == 1 ? "1 day ago" : days + " days ago";
  }

  private List<ScoreState.Snapshot> snapshot(
      List<ScoreState.Snapshot> snapshots, long at, double overall) {
    List<ScoreState.Snapshot> ring = new ArrayList<>(snapshots);
    long interval = settings.snapshotInterval().toMillis();
    ScoreState.Snapshot last = ring.isEmpty() ? null : ring.get(ring.size() - 1);
    if (last != null && Math.floorDiv(last.at(), interval) == Math.floorDiv(at, interval)) {
      ring.set(ring.size() - 1, new ScoreState.Snapshot(at, overall));
    } else {
      ring.add(new ScoreState.Snapshot(at, overall));
    }
    while (ring.size() > settings.snapshotCount()) {
      ring.remove(0);
    }
    return ring;
  }

  /**
   * The reasons kept with {@code added}: the largest now, {@code replaced} (an episode's reason
   * before it grew, matched by key, time and event) taken out.
   */
  private List<ScoreState.Contribution> explain(
      List<ScoreState.Contribution> kept,
      ScoreState.Contribution added,
      ScoreState.Contribution replaced,
      long now) {
    if (added.points() == 0) {
      return kept;
    }
    List<ScoreState.Contribution> all = new ArrayList<>(kept);
    if (replaced != null) {
      all.removeIf(
          c ->
              c.key().equals(replaced.key())
                  && c.at() == replaced.at()
                  && Objects.equals(c.eventId(), replaced.eventId()));
    }
    all.add(added);
    all.sort(
        Comparator.comparingDouble(
                (ScoreState.Contribution c) -> -Math.abs(decay(c.points(), now - c.at())))
            .thenComparing(ScoreState.Contribution::eventId));
    return all.subList(0, Math.min(all.size(), settings.maxReasons()));
  }

  private List<ScoreState.Contribution> remember(
      List<ScoreState.Contribution> recent, ScoreState.Contribution added) {
    List<ScoreState.Contribution> all = new ArrayList<>(recent);
    all.add(added);
    all.sort(
        Comparator.comparingLong(ScoreState.Contribution::at)
            .thenComparing(ScoreState.Contribution::eventId));
    return all.subList(Math.max(0, all.size() - settings.recentTouchpoints()), all.size());
  }
}
