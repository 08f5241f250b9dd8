package dev.touchpoints.serde;

/**
 * The registry refused a schema because it is not compatible with the subject's earlier versions.
 */
public class IncompatibleSchemaException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code subject}. */
  public IncompatibleSchemaException(String subject, int errorCode, String message) {
    super(409, errorCode, "Schema is incompatible with subject '" + subject + "': " + message);
  }
}
