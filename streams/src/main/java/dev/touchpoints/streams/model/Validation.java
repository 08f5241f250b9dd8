package dev.touchpoints.streams.model;

import dev.touchpoints.avro.Envelope;
import dev.touchpoints.core.events.EventFamily;
import dev.touchpoints.core.validation.EventValidator;
import dev.touchpoints.core.validation.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * The engine's decode-time check of an event: the rules and limits are {@link EventValidator}'s,
 * the very ones the publisher and the gateway apply, so that an event a publisher was told is
 * stored is not dead-lettered here. The engine adds only what a record has and a publisher's event
 * has not: its key must be the subject (a subject lives on one partition), and its timestamp is
 * when the event was sent.
 */
public final class Validation {

  private final EventValidator validator;

  /**
   * @param maxFutureSkew how far an event may claim to have happened after its record was written
   *     (at most {@link EventValidator#MAX_AHEAD_KAFKA_ACCEPTS})
   */
  public Validation(Duration maxFutureSkew) {
    // The clock is never read: the engine measures against the record's timestamp.
    this.validator = new EventValidator(Clock.systemUTC(), maxFutureSkew);
  }

  /**
   * Why a decoded touchpoint event or identity link is not usable, or empty when it is.
   *
   * @param key the record key (must be the envelope's subject id)
   * @param recordTimestamp when the record was written; not positive when unknown
   */
  public Optional<String> problem(SpecificRecord event, String key, long recordTimestamp) {
    List<Violation> violations =
        validator.violations(
            event, recordTimestamp > 0 ? Instant.ofEpochMilli(recordTimestamp) : null);
    if (!violations.isEmpty()) {
      return Optional.of(
          violations.stream().map(Violation::sentence).collect(Collectors.joining("; ")));
    }
    String subject = EventFamily.envelopeOf(event).getSubjectId();
    if (!subject.equals(key)) {
      return Optional.of("record key does not match envelope.subjectId");
    }
    return Optional.empty();
  }

  /**
   * The same check for an event already classified (the hot-path benchmark holds one): the
   * touchpoint is put back into its event record first. A touchpoint keeps no correlation id, so
   * that one field goes unchecked.
   */
  public static Optional<String> problem(
      Touchpoint t, String key, long recordTimestamp, Duration maxFutureSkew) {
    return new Validation(maxFutureSkew).problem(event(t), key, recordTimestamp);
  }

  private static SpecificRecord event(Touchpoint t) {
    Envelope envelope =
        new Envelope(
            t.eventId(), t.subjectId(), Instant.ofEpochMilli(t.occurredAt()), t.source(), null);
    EventFamily<?> family =
        EventFamily.ofPayload(t.payload().getClass())
            .orElseThrow(() -> new IllegalArgumentException("Not a touchpoint payload"));
    return family.newEvent(envelope, t.payload());
  }
}
