package dev.touchpoints.platform.registry.compat;

import dev.touchpoints.platform.registry.store.SchemaReference;
import java.util.List;
import org.apache.avro.Schema;

/**
 * A schema parsed with its references resolved.
 *
 * @param schema the parsed schema, every referenced type included
 * @param canonical the text to store: compact, referenced types by name only
 * @param references the references it was parsed with
 */
public record ParsedAvro(Schema schema, String canonical, List<SchemaReference> references) {

  /** The compact text with every referenced type written out: what two equal schemas share. */
  public String resolved() {
    return schema.toString();
  }
}
