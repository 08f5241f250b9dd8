package dev.touchpoints.streams.processors;

import dev.touchpoints.streams.Policy;

/**
 * The incident detector's clock (the experience processor uses a {@code ledger.Watermark}): the
 * time its windows close by. Normally it is event time as seen in the input (the highest event time
 * so far, minus a grace for slight disorder): replaying old data gives the same alerts as living
 * through it, and an update that the data holds before a due date always wins. Only when the task
 * has had no input for a while does wall-clock time (minus the grace) take over, so that a due date
 * passes even if no further event ever arrives.
 */
final class EventClock {

  private final long grace;
  private final long idleAfter;
  private long watermark = Long.MIN_VALUE;
  private long lastInputWall;

  EventClock(Policy.Clock policy, long startWall) {
    this.grace = policy.outOfOrder().toMillis();
    this.idleAfter = policy.idleAfter().toMillis();
    this.lastInputWall = startWall;
  }

  /** Notes an input record; returns the time up to which due dates have passed. */
  long onInput(long eventTime, long wallNow) {
    lastInputWall = wallNow;
    watermark = Math.max(watermark, eventTime);
    return watermark - grace;
  }

  /** The highest event time seen. */
  long watermark() {
    return watermark;
  }

  /**
   * On a wall-clock tick: the time up to which due dates have passed, or {@link Long#MIN_VALUE}
   * while input is still flowing (then event time rules).
   */
  long onWallClock(long wallNow) {
    if (wallNow - lastInputWall < idleAfter) {
      return Long.MIN_VALUE;
    }
    return Math.max(watermark, wallNow) - grace;
  }
}
