package dev.touchpoints.streams.model;

/**
 * One validated input event on a subject's timeline (R1, R9).
 *
 * @param eventId the publisher's unique id
 * @param subjectId opaque id of the customer or prospect
 * @param occurredAt event time, epoch millis
 * @param source publishing system
 * @param kind catalog key, e.g. {@code web.self_service_failed.password_reset}
 * @param intensity factor on the catalog points: the normalised answer for surveys, otherwise 1
 * @param customerInitiated whether the customer did something (as opposed to the company)
 * @param payload the typed Avro payload (e.g. {@code CaseOpened})
 * @param raw the record as it arrived, for dead letters; null for synthetic events
 */
public record Touchpoint(
    String eventId,
    String subjectId,
    long occurredAt,
    String source,
    String kind,
    double intensity,
    boolean customerInitiated,
    Object payload,
    RawRecord raw) {

  /** The same touchpoint without its record: what a subject's ledger keeps of it. */
  public Touchpoint withoutRaw() {
    return new Touchpoint(
        eventId, subjectId, occurredAt, source, kind, intensity, customerInitiated, payload, null);
  }

  /** The payload as {@code type}, or null when it is another type. */
  public <T> T payloadAs(Class<T> type) {
    return type.isInstance(payload) ? type.cast(payload) : null;
  }
}
