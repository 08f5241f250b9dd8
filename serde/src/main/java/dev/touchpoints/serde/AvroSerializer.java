package dev.touchpoints.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (specific or generic) and primitives in the Confluent wire format. Configured
 * with Confluent's keys ({@link SerdeConfig}). The schema id is looked up once per schema.
 */
public class AvroSerializer implements Serializer<Object> {

  private SchemaRegistryClient registry;
  private SerdeConfig config;
  private boolean isKey;
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

  /** Creates a serializer to be configured by Kafka. */
  public AvroSerializer() {}

  /** Creates a serializer that uses {@code registry} and is configured already. */
  public AvroSerializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
    this.registry = registry;
    this.config = SerdeConfig.from(configs);
    this.isKey = isKey;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.from(configs);
    this.isKey = isKey;
    if (registry == null) {
      this.registry = SchemaRegistryClients.forConfig(config);
    }
  }

  @Override
  public byte[] serialize(String topic, Object data) {
    if (data == null) {
      return null;
    }
    Schema schema = schemaOf(data);
    String subject = config.strategy(isKey).subject(topic, isKey, schema);
    int id;
    Schema writerSchema = schema;
    try {
      if (config.useLatestVersion()) {
        RegisteredSchema latest = registry.getLatest(subject);
        id = latest.id();
        writerSchema = latest.schema();
      } else if (config.autoRegister()) {
        id = registry.register(subject, schema);
      } else {
        id = registry.getId(subject, schema);
      }
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Could not get a schema id for subject '" + subject + "': " + e.getMessage(), e);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(64);
      out.write(WireFormat.MAGIC_BYTE);
      out.write(ByteBuffer.allocate(4).putInt(id).array());
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writers.computeIfAbsent(writerSchema, s -> writerFor(s, data)).write(data, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Could not write " + schema.getFullName() + " as Avro for topic '" + topic + "': " + e,
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(Schema schema, Object sample) {
    if (sample instanceof SpecificRecord) {
      AvroTrust.trustPackageOf(sample.getClass());
      return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema);
    }
    return new GenericDatumWriter<>(schema);
  }

  static Schema schemaOf(Object data) {
    if (data instanceof GenericContainer container) {
      return container.getSchema();
    }
    if (data instanceof CharSequence) {
      return Schema.create(Schema.Type.STRING);
    }
    if (data instanceof byte[] || data instanceof ByteBuffer) {
      return Schema.create(Schema.Type.BYTES);
    }
    try {
      return SpecificData.get().getSchema(data.getClass());
    } catch (RuntimeException e) {
      throw new SerializationException(
          "Cannot serialize " + data.getClass().getName() + " as Avro: not a record or primitive");
    }
  }
}
