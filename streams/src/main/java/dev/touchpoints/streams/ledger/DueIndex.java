package dev.touchpoints.streams.ledger;

import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.state.KeyValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every subject's running clocks, ordered by due time in one store ({@link
 * StoreNames#DUE_INDEX_STORE}): keys start with the zero-padded due time, so a range scan finds
 * what is due without touching idle subjects.
 */
public final class DueIndex {

  private final KeyValues<DueEntry> store;
  private long next = Long.MAX_VALUE;

  DueIndex(KeyValues<DueEntry> store) {
    this.store = store;
    refreshNext();
  }

  /**
   * One indexed clock.
   *
   * @param subjectId whose clock
   * @param clockId which clock
   * @param dueAt when it is due
   */
  public record DueEntry(String subjectId, String clockId, long dueAt) {}

  /** Mirrors a subject's clocks: removes moved or stopped ones, adds new ones. */
  void sync(String subjectId, Map<String, Long> before, Map<String, Long> after) {
    before.forEach(
        (clock, due) -> {
          if (!due.equals(after.get(clock))) {
            store.delete(key(due, subjectId, clock));
          }
        });
    after.forEach(
        (clock, due) -> {
          if (!due.equals(before.get(clock))) {
            store.put(key(due, subjectId, clock), new DueEntry(subjectId, clock, due));
            next = Math.min(next, due);
          }
        });
  }

  /**
   * The clocks due strictly before {@code upTo}, earliest first. They stay indexed until the
   * subject's change removes them ({@link #sync}) or they turn out stale ({@link #remove}).
   */
  List<DueEntry> due(long upTo) {
    if (upTo <= next) {
      return List.of();
    }
    List<DueEntry> due = new ArrayList<>();
    for (DueEntry entry : store.range(key(0, "", ""), key(upTo, "", ""))) {
      if (entry.dueAt() < upTo) {
        due.add(entry);
      }
    }
    if (due.isEmpty()) {
      refreshNext();
    }
    return due;
  }

  /** Removes an entry whose clock is no longer in its subject's ledger. */
  void remove(DueEntry entry) {
    store.delete(key(entry.dueAt(), entry.subjectId(), entry.clockId()));
  }

  private void refreshNext() {
    DueEntry first = store.first();
    next = first == null ? Long.MAX_VALUE : first.dueAt();
  }

  /**
   * {@code String.format("%019d|%s|%s", due, subject, clock)} by hand: keys sort by due time, and
   * this runs several times per event, where String.format is too slow.
   */
  static String key(long due, String subjectId, String clockId) {
    String millis = Long.toString(Math.max(0, due));
    StringBuilder key = new StringBuilder(21 + subjectId.length() + clockId.length());
    for (int i = millis.length(); i < 19; i++) {
      key.append('0');
    }
    return key.append(millis).append('|').append(subjectId).append('|').append(clockId).toString();
  }
}
