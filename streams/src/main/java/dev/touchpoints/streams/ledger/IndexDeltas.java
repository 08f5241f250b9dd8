package dev.touchpoints.streams.ledger;

import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.index.IndexCells;
import dev.touchpoints.streams.index.Period;
import dev.touchpoints.streams.index.PeriodAccount;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.state.KeyValues;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A task's share of the experience index, on its way. When a subject's ledger is about to change
 * for the first time since the last flush, its period accounts as they were are kept ({@link
 * StoreNames#INDEX_PENDING_STORE}, by subject); every {@code policy.index.flush-interval} each such
 * subject's accounts then are compared with those now in its ledger, what changed in each period's
 * {@link IndexCells} is sent on – one record per period – and the entries are cleared. So an event
 * costs one small write at most (none for a subject already pending), and a subject that changed
 * many times between two flushes is compared once. The store is changelogged like the ledger: with
 * exactly-once processing a ledger change, its pending entry, the delta sent and the clearing
 * commit together, so each change is counted once.
 */
public final class IndexDeltas {

  /**
   * A subject's period accounts as they were when it was last sent.
   *
   * @param sealedBefore periods that ended at or before this were sealed then (final)
   * @param periods its accounts then, by period key
   */
  public record Pending(long sealedBefore, Map<String, PeriodAccount> periods) {
    public Pending {
      periods = periods == null ? Map.of() : periods; // an empty map is not written
    }
  }

  private final KeyValues<Pending> pending;
  private final KeyValues<SubjectState> states;

  /**
   * Subjects with a pending entry since the last flush, so that a busy subject's next events skip
   * the store read; rebuilt with the processor (a revived task starts without it and reads).
   */
  private final Set<String> known = new HashSet<>();

  IndexDeltas(KeyValues<Pending> pending, KeyValues<SubjectState> states) {
    this.pending = pending;
    this.states = states;
  }

  /** A subject's ledger is about to change from {@code before} (null: none). */
  void touched(String subjectId, SubjectState before) {
    if (!known.add(subjectId) || pending.get(subjectId) != null) {
      return;
    }
    pending.put(
        subjectId, new Pending(sealedBefore(before), before == null ? Map.of() : before.periods));
  }

  /** What changed in each period since the last flush, by period key; the entries are cleared. */
  Map<String, Map<String, Long>> drain() {
    Map<String, Map<String, Long>> byPeriod = new TreeMap<>();
    pending
        .all()
        .forEach(
            (subjectId, was) -> {
              SubjectState now = states.get(subjectId);
              add(
                  byPeriod,
                  was.periods(),
                  was.sealedBefore(),
                  now == null ? Map.of() : now.periods,
                  sealedBefore(now));
              pending.delete(subjectId);
            });
    known.clear();
    byPeriod.values().removeIf(Map::isEmpty);
    return byPeriod;
  }

  /**
   * Adds the change of one subject's accounts to {@code byPeriod}. Periods sealed on either side
   * (ended before the subject's checkpoint) are final: not touched.
   */
  static void add(
      Map<String, Map<String, Long>> byPeriod,
      Map<String, PeriodAccount> was,
      long wasSealedBefore,
      Map<String, PeriodAccount> now,
      long nowSealedBefore) {
    if (was.isEmpty() && now.isEmpty()) {
      return;
    }
    Predicate<String> sealed = Period.endedBy(Math.max(wasSealedBefore, nowSealedBefore));
    Set<String> periods = new TreeSet<>(was.keySet());
    periods.addAll(now.keySet());
    for (String period : periods) {
      PeriodAccount a = was.get(period);
      PeriodAccount b = now.get(period);
      if (Objects.equals(a, b) || sealed.test(period)) {
        continue;
      }
      IndexCells.add(
          byPeriod.computeIfAbsent(period, p -> new TreeMap<>()), IndexCells.delta(a, b));
    }
  }

  private static long sealedBefore(SubjectState s) {
    return s == null || s.foldedTo <= 0 ? Long.MIN_VALUE : s.foldedTo;
  }
}
