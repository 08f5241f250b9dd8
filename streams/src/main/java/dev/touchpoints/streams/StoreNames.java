package dev.touchpoints.streams;

/**
 * Names of the state stores and internal topics of the experience topology. The first three are a
 * contract with the query API, which reads them through interactive queries; the others are
 * internal. Renaming any of them loses state on upgrade.
 */
public final class StoreNames {

  /**
   * {@code KeyValueStore<String subjectId, SubjectState>}: each subject's ledger (score memory,
   * open cases, promises, raised alerts, clocks, recent event ids), stored as the versioned Avro
   * record {@code SubjectLedger}. The query API derives each subject's {@code CustomerExperience}
   * and open alerts from it with the same code that publishes them, so nothing else stores them.
   */
  public static final String SUBJECT_STATE_STORE = "subject-state-store";

  /**
   * {@code KeyValueStore<String "subjectId|dedupeKey", String "TYPE:SEVERITY">}: the raised-alert
   * index, derived from the ledgers; the alert itself is read from its subject's ledger.
   */
  public static final String RAISED_ALERTS_STORE = "raised-alerts-index";

  /**
   * {@code KeyValueStore<String touchpointKind, IncidentAlert>}: open incidents (latest OPEN or
   * UPDATED record). A global store: every instance holds every incident.
   */
  public static final String INCIDENTS_STORE = "incidents-store";

  /**
   * Internal: the highest event time per input partition of each task, the watermark's memory
   * across restarts.
   */
  public static final String WATERMARK_STORE = "watermark-store";

  /** Internal: due clocks by due time, so time-based alerts fire without a new event. */
  public static final String DUE_INDEX_STORE = "due-index-store";

  /**
   * Internal: snoozed alerts by when the snooze ends (wall clock), so the alert is sent again then
   * ({@code dev.touchpoints.streams.ledger.DueIndex} entries with clock id {@code snooze:<dedupe
   * key>}).
   */
  public static final String SNOOZE_INDEX_STORE = "snooze-index-store";

  /**
   * Subjects ordered by overall score, derived from the ledgers ({@code
   * dev.touchpoints.streams.ledger.ScoreIndex}): the at-risk listing reads the lowest first.
   */
  public static final String SCORE_INDEX_STORE = "score-index-store";

  /** The number of subjects at each overall score, derived from the ledgers: {@code /v1/stats}. */
  public static final String SCORE_COUNTS_STORE = "score-counts-store";

  /** Open alerts by {@code TYPE:SEVERITY}, derived from the ledgers: {@code /v1/stats}. */
  public static final String ALERT_COUNTS_STORE = "alert-counts-store";

  /**
   * Internal: the period accounts, as last sent to the experience index, of each subject changed
   * since the task last sent its index changes ({@code
   * dev.touchpoints.streams.ledger.IndexDeltas}).
   */
  public static final String INDEX_PENDING_STORE = "index-pending-store";

  /** Repartition of the experience index's changes by period key. */
  public static final String INDEX_BY_PERIOD = "index-by-period";

  /**
   * Each period's experience index cells summed over every task: the aggregation behind the index
   * topic, read by the query API ({@code /v1/index}).
   */
  public static final String EXPERIENCE_INDEX_STORE = "experience-index-store";

  /** Internal: incident detection state per touchpoint kind. */
  public static final String INCIDENT_STATE_STORE = "incident-state-store";

  /** Internal: last failure time per touchpoint kind and subject, for distinct counts. */
  public static final String INCIDENT_SUBJECTS_STORE = "incident-subjects-store";

  /**
   * Per-customer alerts caused by failures of an incident kind, waiting ({@code
   * policy.incident.fold-wait}) to be folded into an incident or sent; by subject and dedupe key.
   */
  public static final String HELD_ALERTS_STORE = "incident-held-alerts-store";

  /** Per-customer alerts folded into an incident, so their clear is folded too; the incident id. */
  public static final String FOLDED_ALERTS_STORE = "incident-folded-alerts-store";

  /**
   * {@code KeyValueStore<String subjectId, Long requestedAt>}: the suppression list of erased
   * subjects – their events that happened before the request are dropped, so that a replay of the
   * input topics or a late delivery does not bring them back. Kept for good (one small entry per
   * erased subject).
   */
  public static final String ERASED_SUBJECTS_STORE = "erased-subjects-store";

  /**
   * {@code KeyValueStore<String id, Link>}: ids linked into another subject, and where their events
   * go (a pending link waits for the target's answer). The query API answers for such an id with a
   * redirect to its subject.
   */
  public static final String SUBJECT_LINKS_STORE = "subject-links-store";

  /** Internal repartition topic (suffix): failures keyed by touchpoint kind. */
  public static final String FAILURES_BY_KIND = "failures-by-kind";

  private StoreNames() {}

  /** The key of an alert in {@link #RAISED_ALERTS_STORE}. */
  public static String raisedAlertKey(String subjectId, String dedupeKey) {
    return subjectId + "|" + dedupeKey;
  }
}
