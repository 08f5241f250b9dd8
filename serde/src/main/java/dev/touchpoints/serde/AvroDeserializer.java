package dev.touchpoints.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records in the Confluent wire format. With {@code specific.avro.reader=true} it returns the
 * generated SpecificRecord class for the writer's record name; otherwise GenericRecords. Bytes that
 * are not in the format, name an unknown schema id or do not decode fail with a {@link
 * SerializationException} whose message says which; a registry that cannot be reached or answers
 * 5xx fails with the retriable {@link SchemaRegistryUnavailableException} instead.
 */
public class AvroDeserializer implements Deserializer<Object> {

  private SchemaRegistryClient registry;
  private SerdeConfig config;
  private Schema readerSchema;
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  /** Creates a deserializer to be configured by Kafka. */
  public AvroDeserializer() {}

  /** Creates a deserializer that uses {@code registry} and is configured already. */
  public AvroDeserializer(SchemaRegistryClient registry, Map<String, ?> configs) {
    this.registry = registry;
    this.config = SerdeConfig.from(configs);
  }

  /** Reads every record into {@code readerSchema}, e.g. a SpecificRecord class's schema. */
  void readerSchema(Schema readerSchema) {
    this.readerSchema = readerSchema;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.from(configs);
    if (registry == null) {
      this.registry = SchemaRegistryClients.forConfig(config);
    }
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id;
    try {
      id = WireFormat.schemaId(data);
    } catch (IllegalArgumentException e) {
      throw new SerializationException(e.getMessage());
    }
    DatumReader<Object> reader;
    try {
      reader = readers.computeIfAbsent(id, this::readerFor);
    } catch (SchemaRegistryException e) {
      if (e.isTransient()) {
        throw new SchemaRegistryUnavailableException(
            "Schema id "
                + id
                + " could not be fetched, the registry is unavailable: "
                + e.getMessage(),
            e);
      }
      throw new SerializationException(
          "Schema id " + id + " could not be resolved: " + e.getMessage(), e);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
      Object result = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "Trailing bytes after the Avro datum of schema id " + id + " on topic '" + topic + "'");
      }
      return result;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException(
          "Invalid Avro payload for schema id " + id + " on topic '" + topic + "': " + e, e);
    }
  }

  private DatumReader<Object> readerFor(int id) {
    Schema writer = registry.getById(id);
    if (readerSchema != null) {
      return new SpecificDatumReader<>(writer, readerSchema);
    }
    if (config.specificReader()) {
      Class<?> type = SpecificData.get().getClass(writer);
      if (type != null) {
        AvroTrust.trustPackageOf(type);
        return new SpecificDatumReader<>(writer, SpecificData.get().getSchema(type));
      }
    }
    return new GenericDatumReader<>(writer);
  }
}
