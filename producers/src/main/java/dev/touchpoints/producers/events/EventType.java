package dev.touchpoints.producers.events;

import dev.touchpoints.core.events.EventFamilies;
import dev.touchpoints.core.events.EventFamily;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One kind of publishable event, e.g. {@code support.case_opened}: a payload record of one of the
 * four touchpoint unions, or of the identity union ({@code identity.identity_linked}). The catalog
 * is read from the Avro schemas, so a new payload record in a schema is a new type here without
 * further code (R1).
 *
 * @param key the discriminator used in JSON, {@code <family>.<snake_case payload name>}
 * @param family {@code web}, {@code billing}, {@code support}, {@code marketing} or {@code
 *     identity}
 * @param eventClass the generated wrapper class ({@code WebEvent}, …, {@code IdentityEvent})
 * @param payloadSchema the schema of the payload record
 */
public record EventType(
    String key, String family, Class<? extends SpecificRecord> eventClass, Schema payloadSchema) {

  private static final Map<String, EventType> BY_KEY = catalog();

  /** Every event type, in schema order. */
  public static List<EventType> all() {
    return List.copyOf(BY_KEY.values());
  }

  /** The type with this key, if any. */
  public static Optional<EventType> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /**
   * The type of an event (one of the wrapper records of {@link #eventClasses()}) by its payload.
   */
  public static EventType of(SpecificRecord event) {
    Object payload = event.get(event.getSchema().getField("payload").pos());
    if (!(payload instanceof SpecificRecord record)) {
      throw new IllegalArgumentException("event has no payload");
    }
    return ofPayload(record.getSchema());
  }

  /** The type whose payload record has this schema. */
  public static EventType ofPayload(Schema payloadSchema) {
    return BY_KEY.values().stream()
        .filter(t -> t.payloadSchema.getFullName().equals(payloadSchema.getFullName()))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("not a payload record: " + payloadSchema.getName()));
  }

  /**
   * The wrapper classes that may be published, in the order of {@link EventFamilies#builtIn()}:
   * web, billing, support, marketing, then identity (links between ids, which are not touchpoints
   * but travel the same ways).
   */
  public static List<Class<? extends SpecificRecord>> eventClasses() {
    return EventFamilies.builtIn().all().stream()
        .<Class<? extends SpecificRecord>>map(EventFamily::recordClass)
        .toList();
  }

  /** The family of a wrapper class: {@code WebEvent} → {@code web}. */
  public static String familyOf(Class<? extends SpecificRecord> eventClass) {
    return EventFamily.of(eventClass)
        .orElseThrow(() -> new IllegalArgumentException("not an event class: " + eventClass))
        .name();
  }

  private static Map<String, EventType> catalog() {
    Map<String, EventType> types = new LinkedHashMap<>();
    for (EventFamily<?> family : EventFamilies.builtIn().all()) {
      for (Schema payload : family.payloadSchemas()) {
        String key = family.typeKeyOf(payload);
        types.put(key, new EventType(key, family.name(), family.recordClass(), payload));
      }
    }
    return Collections.unmodifiableMap(types);
  }

  /**
   * A new, empty instance of the generated class of a record schema of this catalog. Plain
   * reflection: Avro's own lookup refuses packages not on its trust list.
   */
  public static SpecificRecord newRecord(Schema recordSchema) {
    try {
      return (SpecificRecord)
          Class.forName(recordSchema.getFullName(), true, EventType.class.getClassLoader())
              .getDeclaredConstructor()
              .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no generated class for " + recordSchema.getFullName(), e);
    }
  }

  /** The schema of a generated class. */
  public static Schema schemaOfClass(Class<? extends SpecificRecord> cls) {
    return schemaOf(cls);
  }

  static Schema schemaOf(Class<? extends SpecificRecord> cls) {
    return EventFamily.schemaOf(cls);
  }

  @Override
  public String toString() {
    return key;
  }
}
