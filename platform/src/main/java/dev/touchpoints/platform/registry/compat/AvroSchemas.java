package dev.touchpoints.platform.registry.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.platform.registry.store.SchemaReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/** Parsing, references, normalization and the canonical form schemas are compared on. */
public final class AvroSchemas {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AvroSchemas() {}

  /**
   * Parses Avro schema JSON, validating names and defaults.
   *
   * @throws IllegalArgumentException with Avro's reason if the text is not a valid schema
   */
  public static Schema parse(String text) {
    return parse(new Schema.Parser(), text);
  }

  /**
   * Parses {@code text} with a parser that already knows the referenced types.
   *
   * @throws IllegalArgumentException with Avro's reason if the text is not a valid schema
   */
  public static Schema parse(Schema.Parser parser, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Empty schema");
    }
    try {
      return parser.parse(text);
    } catch (AvroRuntimeException | IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Parses {@code text} whose references were already parsed into {@code parser}, and renders the
   * text to store.
   *
   * @param normalize sort custom properties, as Confluent's {@code normalize=true} does, so that
   *     schemas differing only in their order compare equal
   */
  public static ParsedAvro parseWithReferences(
      Schema.Parser parser, String text, List<SchemaReference> references, boolean normalize) {
    Collection<Schema> known = List.copyOf(parser.getTypes().values());
    Schema schema = parse(parser, text);
    if (normalize) {
      schema = parse(new Schema.Parser().addTypes(known), sortedKeys(render(schema, known)));
    }
    return new ParsedAvro(schema, render(schema, known), references);
  }

  /**
   * The canonical text of a schema: Avro's own compact rendering of the parsed schema. Whitespace
   * and attribute order do not matter; docs, defaults and aliases do, because they change meaning.
   */
  public static String canonical(Schema schema) {
    return schema.toString();
  }

  /** The canonical text, normalized, of a schema without references. */
  public static String normalized(Schema schema) {
    return parse(sortedKeys(schema.toString())).toString();
  }

  /** The canonical text of schema JSON, or the text itself if it cannot be parsed. */
  public static String canonicalOrSelf(String text) {
    try {
      return canonical(parse(text));
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static String render(Schema schema, Collection<Schema> referenced) {
    return referenced.isEmpty() ? schema.toString() : schema.toString(referenced, false);
  }

  /**
   * Sorts the keys of every JSON object. Avro writes its own attributes in a fixed order whatever
   * the input order, so after a round trip only custom properties end up sorted.
   */
  private static String sortedKeys(String json) {
    try {
      return JSON.writeValueAsString(sort(JSON.readTree(json)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  private static JsonNode sort(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        sorted.put(name, sort(node.get(name)));
      }
      ObjectNode result = JSON.createObjectNode();
      sorted.forEach(result::set);
      return result;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(item -> items.add(sort(item)));
      ArrayNode result = JSON.createArrayNode();
      result.addAll(items);
      return result;
    }
    return node;
  }
}
