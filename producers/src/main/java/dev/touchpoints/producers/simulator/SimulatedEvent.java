package dev.touchpoints.producers.simulator;

import dev.touchpoints.producers.events.EventType;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * One generated event and what it is part of.
 *
 * @param sequence position in the generated stream, from 0
 * @param at simulated time (the event's {@code occurredAt})
 * @param story the story the event belongs to
 * @param subjectId the subject (also in the event's envelope)
 * @param type the event type
 * @param event the Avro event, ready to publish
 */
public record SimulatedEvent(
    long sequence,
    Instant at,
    Story story,
    String subjectId,
    EventType type,
    SpecificRecord event) {}
