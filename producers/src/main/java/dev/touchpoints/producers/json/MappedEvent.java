package dev.touchpoints.producers.json;

import dev.touchpoints.core.validation.Violation;
import dev.touchpoints.producers.events.EventType;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The outcome of mapping one JSON event: the Avro event, or why it could not be mapped.
 *
 * @param type the event type, or null when the {@code type} field was missing or unknown
 * @param event the Avro event, or null when there are violations
 * @param violations what is wrong; empty when {@code event} is set
 */
public record MappedEvent(EventType type, SpecificRecord event, List<Violation> violations) {

  /** A successfully mapped event. */
  public static MappedEvent of(EventType type, SpecificRecord event) {
    return new MappedEvent(type, event, List.of());
  }

  /** A failed mapping. */
  public static MappedEvent failed(EventType type, List<Violation> violations) {
    return new MappedEvent(type, null, List.copyOf(violations));
  }

  /** Whether an event came out. */
  public boolean ok() {
    return event != null;
  }
}
