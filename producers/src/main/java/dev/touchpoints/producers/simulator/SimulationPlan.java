package dev.touchpoints.producers.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link JourneyGenerator} plays. Same plan, same events, byte for byte.
 *
 * @param seed the seed of every random choice
 * @param subjects how many subjects (customers and prospects); the first five play the five
 *     per-subject stories, the rest are 80 % content customers, 20 % spread over the stories
 * @param start the simulated time the journeys start at
 * @param incidentEvery simulated time between incident waves; zero for none
 * @param incidentSize subjects hit by each wave
 * @param incidentSpread how long one wave lasts (simulated)
 */
public record SimulationPlan(
    long seed,
    int subjects,
    Instant start,
    Duration incidentEvery,
    int incidentSize,
    Duration incidentSpread) {

  /** The default start: fixed, so that a seed alone fixes the events. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  public SimulationPlan {
    if (subjects < 1) {
      throw new IllegalArgumentException("subjects must be at least 1");
    }
    if (incidentEvery.isNegative() || incidentSize < 0 || incidentSpread.isNegative()) {
      throw new IllegalArgumentException("incident settings must not be negative");
    }
  }

  /** A plan with daily waves hitting a third of the subjects (at most 300) within 5 minutes. */
  public static SimulationPlan of(long seed, int subjects) {
    return new SimulationPlan(
        seed,
        subjects,
        DEFAULT_START,
        Duration.ofDays(1),
        Math.min(300, Math.max(1, subjects / 3)),
        Duration.ofMinutes(5));
  }

  /** A copy starting at {@code start}. */
  public SimulationPlan startingAt(Instant start) {
    return new SimulationPlan(seed, subjects, start, incidentEvery, incidentSize, incidentSpread);
  }

  /** A copy with other incident waves. */
  public SimulationPlan withIncidents(Duration every, int size) {
    return new SimulationPlan(seed, subjects, start, every, size, incidentSpread);
  }
}
