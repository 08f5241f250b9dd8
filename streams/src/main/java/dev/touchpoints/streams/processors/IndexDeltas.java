package dev.touchpoints.streams.processors;

import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.index.IndexCells;
import dev.touchpoints.streams.index.Period;
import dev.touchpoints.streams.index.PeriodAccount;
import dev.touchpoints.streams.rules.SubjectState;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A task's share of the experience index, on its way: with each change of a subject's ledger, what
 * changed in its periods' {@link IndexCells} is added to the task's pending deltas ({@link
 * StoreNames#INDEX_PENDING_STORE}, key {@code <period key>|<cell>}); every {@code
 * policy.index.flush-interval} they are sent on, one record per period, and cleared. The store is
 * changelogged like the ledger, so a delta is sent once: with exactly-once processing the ledger
 * change, the pending delta, its sending and its clearing commit together.
 */
final class IndexDeltas {

  private final KeyValues<Long> pending;

  IndexDeltas(KeyValues<Long> pending) {
    this.pending = pending;
  }

  /**
   * Mirrors a change of a subject's ledger ({@code null}: none before, or none after). Periods
   * sealed on either side (ended before the subject's checkpoint) are final: not touched.
   */
  void sync(SubjectState before, SubjectState after) {
    Map<String, PeriodAccount> was = before == null ? Map.of() : before.periods;
    Map<String, PeriodAccount> now = after == null ? Map.of() : after.periods;
    if (was.isEmpty() && now.isEmpty()) {
      return;
    }
    long sealed = Math.max(sealedBefore(before), sealedBefore(after));
    Set<String> periods = new TreeSet<>(was.keySet());
    periods.addAll(now.keySet());
    for (String period : periods) {
      PeriodAccount a = was.get(period);
      PeriodAccount b = now.get(period);
      if (Objects.equals(a, b) || Period.parse(period).endMillis() <= sealed) {
        continue;
      }
      IndexCells.delta(a, b).forEach((cell, delta) -> add(period + "|" + cell, delta));
    }
  }

  /** The pending deltas by period key, cleared from the store. */
  Map<String, Map<String, Long>> drain() {
    Map<String, Map<String, Long>> byPeriod = new TreeMap<>();
    pending
        .all()
        .forEach(
            (key, delta) -> {
              int bar = key.indexOf('|');
              byPeriod
                  .computeIfAbsent(key.substring(0, bar), p -> new TreeMap<>())
                  .put(key.substring(bar + 1), delta);
              pending.delete(key);
            });
    return byPeriod;
  }

  private void add(String key, long delta) {
    Long was = pending.get(key);
    long next = (was == null ? 0 : was) + delta;
    if (next == 0) {
      pending.delete(key);
    } else {
      pending.put(key, next);
    }
  }

  private static long sealedBefore(SubjectState s) {
    return s == null || s.foldedTo <= 0 ? Long.MIN_VALUE : s.foldedTo;
  }
}
