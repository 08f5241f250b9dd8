package dev.touchpoints.streams;

/**
 * Names of the state stores and internal topics of the experience topology. The first three are a
 * contract with the query API, which reads them through interactive queries; the others are
 * internal. Renaming any of them loses state on upgrade.
 */
public final class StoreNames {

  /**
   * {@code KeyValueStore<String subjectId, SubjectState>}: each subject's full state (score memory,
   * open cases, promises, clocks). The query API derives each subject's {@code CustomerExperience}
   * from it with the same code that publishes the view, so no separate view is stored.
   */
  public static final String SUBJECT_STATE_STORE = "subject-state-store";

  /**
   * {@code KeyValueStore<String "subjectId|dedupeKey", CustomerAlert>}: alerts currently RAISED; an
   * alert is removed when it clears.
   */
  public static final String ACTIVE_ALERTS_STORE = "active-alerts-store";

  /**
   * {@code KeyValueStore<String touchpointKind, IncidentAlert>}: open incidents (latest OPEN or
   * UPDATED record). A global store: every instance holds every incident.
   */
  public static final String INCIDENTS_STORE = "incidents-store";

  /** Internal: due clocks by due time, so time-based alerts fire without a new event. */
  public static final String DUE_INDEX_STORE = "due-index-store";

  /** Internal: event ids seen within the dedupe window (a window store). */
  public static final String DEDUPE_STORE = "dedupe-store";

  /** Internal: incident detection state per touchpoint kind. */
  public static final String INCIDENT_STATE_STORE = "incident-state-store";

  /** Internal: last failure time per touchpoint kind and subject, for distinct counts. */
  public static final String INCIDENT_SUBJECTS_STORE = "incident-subjects-store";

  /** Internal repartition topic (suffix): failures keyed by touchpoint kind. */
  public static final String FAILURES_BY_KIND = "failures-by-kind";

  private StoreNames() {}

  /** The key of an alert in {@link #ACTIVE_ALERTS_STORE}. */
  public static String activeAlertKey(String subjectId, String dedupeKey) {
    return subjectId + "|" + dedupeKey;
  }
}
