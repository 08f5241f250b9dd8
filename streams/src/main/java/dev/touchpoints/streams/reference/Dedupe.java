package dev.touchpoints.streams.reference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dedupe processor's rule: an event id seen within the window either side is a repeat. Times
 * are those {@code DedupeProcessor} goes by: the record's timestamp (when it was written), the
 * event time only for records without one.
 */
final class Dedupe {

  private final long window;
  private final Map<String, List<Long>> seen = new HashMap<>();

  Dedupe(Duration window) {
    this.window = window.toMillis();
  }

  /** Whether {@code eventId}, written at {@code at}, is new; remembers it if so. */
  boolean firstTime(String eventId, long at) {
    List<Long> times = seen.computeIfAbsent(eventId, id -> new ArrayList<>());
    if (times.stream().anyMatch(t -> t >= at - window && t <= at + window)) {
      return false;
    }
    times.add(at);
    return true;
  }
}
