package dev.touchpoints.serde;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that serdes and tools need. Implementations cache.
 */
public interface SchemaRegistryClient {

  /** Registers {@code schema} under {@code subject} (or finds it) and returns its id. */
  int register(String subject, Schema schema);

  /** Returns the id of {@code schema} under {@code subject} without registering it. */
  int getId(String subject, Schema schema);

  /** Returns the schema with the registry-wide {@code id}. */
  Schema getById(int id);

  /** Returns the latest version registered under {@code subject}. */
  RegisteredSchema getLatest(String subject);

  /** Returns whether {@code schema} could be registered under {@code subject}. */
  boolean isCompatible(String subject, Schema schema);

  /** Lists the subjects. */
  List<String> subjects();
}
