package dev.touchpoints.streams.query;

/**
 * The names of the engine's queryable stores, as agreed in the query contract. Temporary: once the
 * engine publishes {@code dev.touchpoints.streams.StoreNames}, these constants delegate to it and
 * this class goes away.
 */
final class QueryStoreNames {

  /** {@code KeyValueStore<String subjectId, CustomerExperience>}. */
  static final String EXPERIENCE = "experience-store";

  /** {@code KeyValueStore<String "subjectId|dedupeKey", CustomerAlert>}, raised alerts only. */
  static final String ACTIVE_ALERTS = "active-alerts-store";

  /** {@code KeyValueStore<String touchpointKind, IncidentAlert>}, open incidents. */
  static final String INCIDENTS = "incidents-store";

  /** Separator between subject id and dedupe key in the active-alerts store. */
  static final String KEY_SEPARATOR = "|";

  private QueryStoreNames() {}
}
