package dev.touchpoints.platform.registry;

import dev.touchpoints.platform.registry.store.SchemaReference;
import java.util.List;

/**
 * A schema as a client sends it.
 *
 * @param schema the schema text
 * @param schemaType AVRO, or null for the AVRO default
 * @param references named types the schema takes from other subjects
 * @param id the id to register it with (IMPORT mode only), or -1
 * @param version the version to register it as (IMPORT mode only), or 0
 */
public record SchemaRequest(
    String schema, String schemaType, List<SchemaReference> references, int id, int version) {

  public SchemaRequest {
    references = references == null ? List.of() : List.copyOf(references);
  }

  /** An AVRO schema without references. */
  public static SchemaRequest avro(String schema) {
    return new SchemaRequest(schema, null, List.of(), -1, 0);
  }

  /** An AVRO schema with references. */
  public static SchemaRequest avro(String schema, List<SchemaReference> references) {
    return new SchemaRequest(schema, null, references, -1, 0);
  }
}
