package dev.touchpoints.producers.simulator;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/** The two shapes of process a journey runs: a script played once, and a repeating habit. */
final class Processes {

  private Processes() {}

  /** Plays {@code script} once at {@code at} (the script may emit later events too). */
  static Journey.Process once(long at, BiConsumer<Journey, Long> script) {
    return new Journey.Process() {
      private long next = at;

      @Override
      public long nextAt() {
        return next;
      }

      @Override
      public void emit(Journey journey) {
        script.accept(journey, next);
        next = Long.MAX_VALUE;
      }
    };
  }

  /**
   * Runs {@code episode} at {@code first}, then at whatever time it returns, until {@code until}
   * (exclusive). An episode returns a time after its own start.
   */
  static Journey.Process repeating(
      long first, long until, BiFunction<Journey, Long, Long> episode) {
    return new Journey.Process() {
      private long next = first < until ? first : Long.MAX_VALUE;

      @Override
      public long nextAt() {
        return next;
      }

      @Override
      public void emit(Journey journey) {
        long following = episode.apply(journey, next);
        next = following > next && following < until ? following : Long.MAX_VALUE;
      }
    };
  }
}
