package dev.touchpoints.producers.events;

import dev.touchpoints.avro.Envelope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The envelope part every event builder shares: subject, optional event id, time, source and
 * correlation id. A terminal method of a subclass builds the event and hands it to the finisher,
 * which returns it as it is ({@link Events}) or publishes it ({@code TouchpointPublisher}).
 *
 * @param <B> the concrete builder, for chaining
 * @param <E> the event record built
 * @param <R> what a terminal method returns
 */
public abstract class EventBuilder<B extends EventBuilder<B, E, R>, E extends SpecificRecord, R> {

  private final String subjectId;
  private final Clock clock;
  private final Function<? super E, R> finisher;
  private String eventId;
  private Instant occurredAt;
  private String source;
  private String correlationId;

  EventBuilder(String subjectId, String source, Clock clock, Function<? super E, R> finisher) {
    this.subjectId = subjectId;
    this.source = source;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.finisher = Objects.requireNonNull(finisher, "finisher");
  }

  /** Sets the event id; without it a random UUID is used. Give one when you may send it twice. */
  public B eventId(String eventId) {
    this.eventId = eventId;
    return self();
  }

  /** Sets when the touchpoint happened; without it, now. */
  public B occurredAt(Instant occurredAt) {
    this.occurredAt = occurredAt;
    return self();
  }

  /** Sets the publishing system, e.g. {@code webshop}. */
  public B source(String source) {
    this.source = source;
    return self();
  }

  /** Sets the case, order or session id that ties events together. */
  public B correlationId(String correlationId) {
    this.correlationId = correlationId;
    return self();
  }

  /** Builds the envelope; fills the event id and time when they were not given. */
  protected Envelope envelope() {
    Instant at = occurredAt != null ? occurredAt : clock.instant();
    // The constructor, unlike Avro's builder, lets nulls through to the validator, which names
    // them.
    return new Envelope(
        eventId != null ? eventId : UUID.randomUUID().toString(),
        subjectId,
        at.truncatedTo(ChronoUnit.MILLIS),
        source,
        correlationId);
  }

  /** Hands the built event to the finisher. */
  protected R finish(E event) {
    return finisher.apply(event);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** Timestamps travel as milliseconds; truncating here keeps built and decoded events equal. */
  static Instant millis(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
