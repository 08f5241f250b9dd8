package dev.touchpoints.streams.ledger;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.state.KeyValues;
import java.util.Map;

/**
 * Every subject's raised alerts in one store ({@link StoreNames#RAISED_ALERTS_STORE}), so the query
 * API can list and count open alerts without reading every subject. Only an index: the alert itself
 * (its text, evidence, incident) lives once, in the subject's ledger. {@link LedgerWriter} derives
 * it from each change of the ledger's alerts, and nothing else writes it.
 */
public final class RaisedAlertIndex {

  private final KeyValues<String> store;
  private final KeyValues<Long> counts;

  /**
   * @param counts open alerts by {@code TYPE:SEVERITY} ({@link StoreNames#ALERT_COUNTS_STORE}), so
   *     {@code /v1/stats} counts them without reading the index
   */
  RaisedAlertIndex(KeyValues<String> store, KeyValues<Long> counts) {
    this.store = store;
    this.counts = counts;
  }

  /** Mirrors a subject's raised alerts: removes cleared ones, adds new ones. */
  void sync(
      String subjectId,
      Map<String, SubjectState.ActiveAlert> before,
      Map<String, SubjectState.ActiveAlert> after) {
    before.forEach(
        (key, was) -> {
          if (!after.containsKey(key)) {
            store.delete(StoreNames.raisedAlertKey(subjectId, key));
            count(was.type, was.severity, -1);
          }
        });
    after.forEach(
        (key, alert) -> {
          SubjectState.ActiveAlert was = before.get(key);
          if (was == null || was.type != alert.type || was.severity != alert.severity) {
            store.put(
                StoreNames.raisedAlertKey(subjectId, key),
                value(subjectId, alert.type, alert.severity));
            if (was != null) {
              count(was.type, was.severity, -1);
            }
            count(alert.type, alert.severity, 1);
          }
        });
  }

  /**
   * Whether the counts are empty while the index is not: a task whose state was written by a
   * release before the counts, whose index entries are to be counted once ({@link #countEntry}).
   */
  boolean countsMissing() {
    return counts.first() == null && store.first() != null;
  }

  /** Counts one index entry (after an upgrade, see {@link #countsMissing}). */
  void countEntry(String key, String value) {
    Entry entry = Entry.of(key, value);
    count(entry.type(), entry.severity(), 1);
  }

  private void count(AlertType type, Severity severity, long delta) {
    String key = countKey(type, severity);
    Long count = counts.get(key);
    long next = (count == null ? 0 : count) + delta;
    if (next <= 0) {
      counts.delete(key);
    } else {
      counts.put(key, next);
    }
  }

  /** The key of a count of open alerts: {@code TYPE:SEVERITY}. */
  public static String countKey(AlertType type, Severity severity) {
    return type.name() + ":" + severity.name();
  }

  /**
   * The index value: what a count by type and severity needs, and where the subject id ends in the
   * key (ids may contain the separator): {@code TYPE:SEVERITY:<subject id length>}.
   */
  public static String value(String subjectId, AlertType type, Severity severity) {
    return type.name() + ":" + severity.name() + ":" + subjectId.length();
  }

  /**
   * One index entry, parsed.
   *
   * @param subjectId whose alert
   * @param dedupeKey the alert's key in the subject's ledger
   * @param type its type
   * @param severity its severity
   */
  public record Entry(String subjectId, String dedupeKey, AlertType type, Severity severity) {

    /** Parses an index key and value. */
    public static Entry of(String key, String value) {
      String[] parts = value.split(":", 3);
      int length = Integer.parseInt(parts[2]);
      return new Entry(
          key.substring(0, length),
          key.substring(length + 1),
          AlertType.valueOf(parts[0]),
          Severity.valueOf(parts[1]));
    }
  }
}
