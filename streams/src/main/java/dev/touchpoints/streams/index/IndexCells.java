package dev.touchpoints.streams.index;

import dev.touchpoints.streams.scoring.Dimension;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The experience index as sums: every figure of a period is kept as integer cells that add up over
 * customers, so a subject's share can be added, taken back when a late event changes it, and summed
 * across tasks exactly. A subject's account gives, per group – {@code all}, {@code dim:<DIMENSION>}
 * for each dimension it had a moment of, {@code src:<system>} for each system that published one of
 * its touchpoints – a count ({@code <group>|n} = 1), its score in hundredths ({@code <group>|s})
 * and a histogram entry ({@code <group>|h<tenths, 4 digits>} = 1, the score's tenths rounded down);
 * per kind {@code kind:<key>|n}, {@code |lost} and {@code |gained} in hundredths of a point; per
 * alert type {@code alert:<TYPE>}.
 */
public final class IndexCells {

  private IndexCells() {}

  /** The group of all customers. */
  public static final String ALL = "all";

  /** Prefix of a dimension's group. */
  public static final String DIMENSION = "dim:";

  /** Prefix of a publishing system's group. */
  public static final String SOURCE = "src:";

  /** Prefix of a touchpoint kind's cells. */
  public static final String KIND = "kind:";

  /** Prefix of an alert type's cell. */
  public static final String ALERT = "alert:";

  /** A subject's share of its period's figures; empty for none. */
  public static Map<String, Long> of(PeriodAccount account) {
    Map<String, Long> cells = new HashMap<>();
    if (account == null) {
      return cells;
    }
    int overall = account.overall();
    group(cells, ALL, overall);
    boolean[] dims = new boolean[Dimension.values().length];
    account
        .kinds()
        .forEach(
            (key, points) -> {
              dims[Dimension.ofKey(key).ordinal()] = true;
              cells.put(KIND + key + "|n", 1L);
              cells.merge(KIND + key + "|lost", Math.round(points.lost() * 100), Long::sum);
              cells.merge(KIND + key + "|gained", Math.round(points.gained() * 100), Long::sum);
            });
    for (Dimension d : Dimension.values()) {
      if (dims[d.ordinal()]) {
        group(cells, DIMENSION + d.name(), account.score(d.ordinal()));
      }
    }
    for (String source : account.sources()) {
      group(cells, SOURCE + source, overall);
    }
    account.alerts().forEach((type, n) -> cells.put(ALERT + type, (long) n));
    return cells;
  }

  /** What changes in the cells when a subject's share goes from {@code before} to {@code after}. */
  public static Map<String, Long> delta(PeriodAccount before, PeriodAccount after) {
    Map<String, Long> delta = new TreeMap<>(of(after));
    of(before).forEach((cell, v) -> delta.merge(cell, -v, Long::sum));
    delta.values().removeIf(v -> v == 0);
    return delta;
  }

  /** Adds {@code delta} to {@code cells}, dropping cells that come to zero. */
  public static void add(Map<String, Long> cells, Map<String, Long> delta) {
    delta.forEach(
        (cell, v) -> {
          long next = cells.getOrDefault(cell, 0L) + v;
          if (next == 0) {
            cells.remove(cell);
          } else {
            cells.put(cell, next);
          }
        });
  }

  /** The histogram cell of a group for a score in hundredths: its tenths, rounded down. */
  public static String bucket(String group, int hundredths) {
    int tenths = Math.max(0, Math.min(1000, Math.floorDiv(hundredths, 10)));
    String digits = Integer.toString(tenths);
    return group + "|h" + "0".repeat(4 - digits.length()) + digits;
  }

  private static void group(Map<String, Long> cells, String group, int hundredths) {
    cells.put(group + "|n", 1L);
    cells.put(group + "|s", (long) hundredths);
    cells.put(bucket(group, hundredths), 1L);
  }
}
