package dev.touchpoints.core.events;

import dev.touchpoints.avro.Envelope;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One family of publishable events: a generated Avro wrapper record with an {@code envelope} (an
 * {@link Envelope}) and a {@code payload} union, published on its own topic ({@code topic.<name>},
 * default {@code touchpoints.<name>}). Everything the pipeline does by type – validate, route to a
 * topic, decode, classify – asks the family instead of testing for each wrapper class, so a new
 * source is a schema, a family and catalog entries (R1).
 *
 * <p>Its payloads' catalog keys are {@code <dimension>.<payload name>} ({@link #catalogKeyOf}). A
 * family knows its wrapper and payload classes from the schema. Defining a family makes it known to
 * {@link #of(Class)} and {@link #ofPayload(Class)}: a payload kept without its wrapper (a subject's
 * recent events) still finds its family.
 *
 * @param <E> the wrapper record
 */
public final class EventFamily<E extends SpecificRecord> {

  /** What the engine does with a family's events. */
  public enum Role {
    /** Touchpoints: moments of a customer's experience, scored and checked by the rules. */
    TOUCHPOINT,
    /** Links between ids of one person: not touchpoints, but published and validated alike. */
    IDENTITY
  }

  private static final Map<Class<?>, EventFamily<?>> BY_RECORD = new ConcurrentHashMap<>();
  private static final Map<Class<?>, EventFamily<?>> BY_PAYLOAD = new ConcurrentHashMap<>();

  static {
    EventFamilies.builtIn(); // the built-in families are defined before anyone asks
  }

  private final String name;
  private final String dimension;
  private final Class<E> recordClass;
  private final Role role;
  private final Constructor<E> constructor;
  private final int envelopePos;
  private final int payloadPos;
  private final List<Schema> payloadSchemas;

  private EventFamily(String name, String dimension, Class<E> recordClass, Role role) {
    this.name = name;
    this.dimension = dimension;
    this.recordClass = recordClass;
    this.role = role;
    Schema schema = schemaOf(recordClass);
    Schema.Field envelope = schema.getField("envelope");
    Schema.Field payload = schema.getField("payload");
    if (envelope == null
        || !envelope.schema().getFullName().equals(Envelope.getClassSchema().getFullName())
        || payload == null
        || payload.schema().getType() != Schema.Type.UNION) {
      throw new IllegalArgumentException(
          recordClass.getSimpleName() + " needs an Envelope 'envelope' and a union 'payload'");
    }
    try {
      this.constructor = recordClass.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(recordClass.getSimpleName() + " is not generated Avro", e);
    }
    this.envelopePos = envelope.pos();
    this.payloadPos = payload.pos();
    this.payloadSchemas = List.copyOf(payload.schema().getTypes());
  }

  /**
   * A family of touchpoints whose moments count in the experience dimension of the same name
   * ({@code web}, {@code billing}, {@code support}, {@code marketing}).
   */
  public static <E extends SpecificRecord> EventFamily<E> touchpoints(
      String name, Class<E> recordClass) {
    return touchpoints(name, recordClass, name);
  }

  /**
   * A family of touchpoints named {@code name} (its topic setting {@code topic.<name>}) whose
   * moments count in {@code dimension}: a chat desk's touchpoints are support moments.
   */
  public static <E extends SpecificRecord> EventFamily<E> touchpoints(
      String name, Class<E> recordClass, String dimension) {
    return register(new EventFamily<>(name, dimension, recordClass, Role.TOUCHPOINT));
  }

  /** The family of identity links. */
  public static <E extends SpecificRecord> EventFamily<E> identity(
      String name, Class<E> recordClass) {
    return register(new EventFamily<>(name, name, recordClass, Role.IDENTITY));
  }

  private static <E extends SpecificRecord> EventFamily<E> register(EventFamily<E> family) {
    EventFamily<?> before = BY_RECORD.putIfAbsent(family.recordClass, family);
    if (before != null && !before.name.equals(family.name)) {
      throw new IllegalArgumentException(
          family.recordClass.getSimpleName() + " is already the family " + before.name);
    }
    for (Schema payload : family.payloadSchemas) {
      BY_PAYLOAD.putIfAbsent(classOf(payload, family.recordClass), family);
    }
    return family;
  }

  /** The family whose wrapper record is of this class, if one is defined. */
  public static Optional<EventFamily<?>> of(Class<?> recordClass) {
    return Optional.ofNullable(BY_RECORD.get(recordClass));
  }

  /** The family of an event, if it is one. */
  public static Optional<EventFamily<?>> ofEvent(Object event) {
    return event == null ? Optional.empty() : of(event.getClass());
  }

  /** The family whose payload union holds this payload class, if one is defined. */
  public static Optional<EventFamily<?>> ofPayload(Class<?> payloadClass) {
    return Optional.ofNullable(BY_PAYLOAD.get(payloadClass));
  }

  /** The envelope of an event of any family; throws when it is not an event. */
  public static Envelope envelopeOf(Object event) {
    return family(event).envelope((SpecificRecord) event);
  }

  /** The payload of an event of any family; throws when it is not an event. */
  public static Object payloadOf(Object event) {
    return family(event).payload((SpecificRecord) event);
  }

  private static EventFamily<?> family(Object event) {
    return ofEvent(event)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Not an event: " + (event == null ? "null" : event.getClass().getName())));
  }

  /** {@code web}, {@code billing}, …: names the topic setting and prefixes catalog keys. */
  public String name() {
    return name;
  }

  /** The experience dimension its moments count in: the first part of its catalog keys. */
  public String dimension() {
    return dimension;
  }

  /** The generated wrapper class. */
  public Class<E> recordClass() {
    return recordClass;
  }

  /** What the engine does with its events. */
  public Role role() {
    return role;
  }

  /** Whether its events are touchpoints. */
  public boolean isTouchpoint() {
    return role == Role.TOUCHPOINT;
  }

  /** The schemas of its payload records, in union order. */
  public List<Schema> payloadSchemas() {
    return payloadSchemas;
  }

  /** The topic name when {@code topic.<name>} is not set. */
  public String defaultTopicName() {
    return "touchpoints." + name;
  }

  /** An event's envelope. */
  public Envelope envelope(SpecificRecord event) {
    return (Envelope) event.get(envelopePos);
  }

  /** An event's payload. */
  public Object payload(SpecificRecord event) {
    return event.get(payloadPos);
  }

  /**
   * A new event of this family: its wrapper record holding {@code envelope} and {@code payload}.
   */
  public E newEvent(Envelope envelope, Object payload) {
    try {
      E event = constructor.newInstance();
      event.put(envelopePos, envelope);
      event.put(payloadPos, payload);
      return event;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + recordClass.getSimpleName(), e);
    }
  }

  /**
   * The catalog key of a payload record named {@code CaseOpened}: {@code <dimension>.case_opened},
   * the key the catalog falls back to where no finer one is given.
   */
  public String catalogKeyOf(Schema payload) {
    return dimension + "." + snake(payload.getName());
  }

  /**
   * The event type of a payload record named {@code CaseOpened} as publishers name it (the JSON
   * discriminator): {@code <name>.case_opened}.
   */
  public String typeKeyOf(Schema payload) {
    return name + "." + snake(payload.getName());
  }

  @Override
  public String toString() {
    return name;
  }

  /** The schema of a generated class. */
  public static Schema schemaOf(Class<?> generated) {
    try {
      return (Schema) generated.getMethod("getClassSchema").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("not a generated Avro class: " + generated, e);
    }
  }

  private static Class<?> classOf(Schema record, Class<?> wrapper) {
    try {
      return Class.forName(record.getFullName(), false, wrapper.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no generated class for " + record.getFullName(), e);
    }
  }

  private static String snake(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('_');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
