package dev.touchpoints.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for one generated Avro class in the Confluent wire format.
 *
 * @param <T> the generated SpecificRecord class
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final AvroSerializer serializer;
  private final AvroDeserializer deserializer;

  /** A serde for {@code type}, configured later by Kafka or {@link #configure}. */
  public SpecificAvroSerde(Class<T> type) {
    this(type, new AvroSerializer(), new AvroDeserializer());
  }

  /** A serde for {@code type} that talks to {@code registry}. */
  public SpecificAvroSerde(
      Class<T> type, SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
    this(
        type,
        new AvroSerializer(registry, configs, isKey),
        new AvroDeserializer(registry, configs));
    deserializer.readerSchema(SpecificData.get().getSchema(type));
  }

  private SpecificAvroSerde(
      Class<T> type, AvroSerializer serializer, AvroDeserializer deserializer) {
    AvroTrust.trustPackageOf(type);
    this.type = type;
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  /** Creates and configures a serde for {@code type} in one step. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> of(
      Class<T> type, Map<String, ?> configs, boolean isKey) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(configs, isKey);
    return serde;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> withSpecific = new HashMap<>(configs);
    withSpecific.put(SerdeConfig.SPECIFIC_AVRO_READER, true);
    serializer.configure(withSpecific, isKey);
    deserializer.configure(withSpecific, isKey);
    deserializer.readerSchema(SpecificData.get().getSchema(type));
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> serializer.serialize(topic, data);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> {
      Object value = deserializer.deserialize(topic, data);
      if (value != null && !type.isInstance(value)) {
        throw new SerializationException(
            "Expected " + type.getName() + " but the record is " + value.getClass().getName());
      }
      return type.cast(value);
    };
  }
}
