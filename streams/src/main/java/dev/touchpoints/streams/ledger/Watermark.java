package dev.touchpoints.streams.ledger;

import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.state.KeyValues;
import java.util.HashMap;
import java.util.Map;

/**
 * The time up to which a task's due dates have passed: a watermark, not the task's highest event
 * time, so that no single source can fire everyone's clocks.
 *
 * <ul>
 *   <li>Per input partition ("source") the highest event time seen; the watermark is the
 *       <b>minimum</b> over the sources, less {@code policy.clock.out-of-order} (bounded
 *       out-of-orderness, as Flink's): a source whose clock runs fast moves nothing while the
 *       others are behind.
 *   <li>A source with no input for {@code policy.clock.idle-after} of wall-clock time is left out,
 *       so a quiet topic does not hold time back; when every source is idle, the wall clock (less
 *       the out-of-order bound) rules, so a due date passes even if no event ever arrives (R4).
 *   <li>It is <b>never ahead of the wall clock</b>: an event dated in the future cannot make any
 *       clock fire before its due time has really passed.
 * </ul>
 *
 * <p>The highest event time per source is kept in a changelogged store, so a restarted task judges
 * time exactly as the task it replaces did (the crash test depends on it); which sources are idle
 * is wall-clock knowledge and starts afresh (every known source counts as active at start).
 */
final class Watermark {

  private final long outOfOrder;
  private final long idleAfter;
  private final long startWall;
  private final KeyValues<Long> store;
  private final Map<String, Long> highest = new HashMap<>();
  private final Map<String, Long> lastInput = new HashMap<>();

  Watermark(Policy.Clock policy, KeyValues<Long> store, long startWall) {
    this.outOfOrder = policy.outOfOrder().toMillis();
    this.idleAfter = policy.idleAfter().toMillis();
    this.startWall = startWall;
    this.store = store;
    highest.putAll(store.all());
  }

  /** Notes a record of {@code source}; returns the time up to which due dates have passed. */
  long onInput(String source, long eventTime, long wallNow) {
    lastInput.put(source, wallNow);
    Long high = highest.get(source);
    if (high == null || eventTime > high) {
      highest.put(source, eventTime);
      store.put(source, eventTime);
    }
    return upTo(wallNow);
  }

  /** On a wall-clock tick: idle sources drop out, and with all of them idle the wall rules. */
  long onWallClock(long wallNow) {
    return upTo(wallNow);
  }

  /** Due dates strictly before this have passed. */
  long upTo(long wallNow) {
    long min = Long.MAX_VALUE;
    for (Map.Entry<String, Long> source : highest.entrySet()) {
      long last = lastInput.getOrDefault(source.getKey(), startWall);
      if (wallNow - last < idleAfter) {
        min = Math.min(min, source.getValue());
      }
    }
    long byEvents = min == Long.MAX_VALUE ? wallNow : min;
    return Math.min(byEvents, wallNow) - outOfOrder;
  }
}
