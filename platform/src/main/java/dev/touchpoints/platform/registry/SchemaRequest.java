package dev.touchpoints.platform.registry;

/**
 * A schema as a client sends it.
 *
 * @param schema the schema text
 * @param schemaType AVRO, or null for the AVRO default
 * @param referenceCount how many schema references were sent (only none are supported)
 */
public record SchemaRequest(String schema, String schemaType, int referenceCount) {

  /** An AVRO schema without references. */
  public static SchemaRequest avro(String schema) {
    return new SchemaRequest(schema, null, 0);
  }
}
