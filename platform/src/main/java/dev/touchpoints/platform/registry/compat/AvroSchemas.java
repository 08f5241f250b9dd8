package dev.touchpoints.platform.registry.compat;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/** Parsing and the canonical form schemas are compared on. */
public final class AvroSchemas {

  private AvroSchemas() {}

  /**
   * Parses Avro schema JSON, validating names and defaults.
   *
   * @throws IllegalArgumentException with Avro's reason if the text is not a valid schema
   */
  public static Schema parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Empty schema");
    }
    try {
      return new Schema.Parser().parse(text);
    } catch (AvroRuntimeException | IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The canonical text of a schema: Avro's own compact rendering of the parsed schema. Whitespace
   * and attribute order do not matter; docs, defaults and aliases do, because they change meaning.
   */
  public static String canonical(Schema schema) {
    return schema.toString();
  }

  /** The canonical text of schema JSON, or the text itself if it cannot be parsed. */
  public static String canonicalOrSelf(String text) {
    try {
      return canonical(parse(text));
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
