package dev.touchpoints.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of offsets kept as ranges, written as {@code 0-5,9,12-40}: compact enough to live in a
 * committed offset's metadata even after thousands of replays of contiguous runs.
 */
final class OffsetSet {

  private final TreeMap<Long, Long> ranges = new TreeMap<>();

  static OffsetSet parse(String text) {
    OffsetSet set = new OffsetSet();
    if (text == null || text.isBlank()) {
      return set;
    }
    for (String part : text.split(",")) {
      String trimmed = part.trim();
      int dash = trimmed.indexOf('-');
      if (dash < 0) {
        set.add(Long.parseLong(trimmed));
      } else {
        long from = Long.parseLong(trimmed.substring(0, dash));
        long to = Long.parseLong(trimmed.substring(dash + 1));
        for (long offset = from; offset <= to; offset++) {
          set.add(offset);
        }
      }
    }
    return set;
  }

  boolean contains(long offset) {
    Map.Entry<Long, Long> range = ranges.floorEntry(offset);
    return range != null && offset <= range.getValue();
  }

  void add(long offset) {
    if (contains(offset)) {
      return;
    }
    long from = offset;
    long to = offset;
    Map.Entry<Long, Long> below = ranges.floorEntry(offset - 1);
    if (below != null && below.getValue() == offset - 1) {
      from = below.getKey();
      ranges.remove(below.getKey());
    }
    Long aboveEnd = ranges.remove(offset + 1);
    if (aboveEnd != null) {
      to = aboveEnd;
    }
    ranges.put(from, to);
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** The largest offset in the set, or -1. */
  long max() {
    return ranges.isEmpty() ? -1 : ranges.lastEntry().getValue();
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    ranges.forEach(
        (from, to) -> parts.add(from.equals(to) ? String.valueOf(from) : from + "-" + to));
    return String.join(",", parts);
  }
}
