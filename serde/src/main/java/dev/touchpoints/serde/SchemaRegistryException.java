package dev.touchpoints.serde;

/** An error answer from a schema registry, with its HTTP status and Confluent error code. */
public class SchemaRegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int errorCode;

  /**
   * Creates the exception.
   *
   * @param status HTTP status, or -1 when the registry could not be reached
   * @param errorCode Confluent error code from the body, or -1
   * @param message the registry's message
   */
  public SchemaRegistryException(int status, int errorCode, String message) {
    super(message + " (status " + status + ", error_code " + errorCode + ")");
    this.status = status;
    this.errorCode = errorCode;
  }

  /** Creates an exception for a registry that could not be reached. */
  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.status = -1;
    this.errorCode = -1;
  }

  /** HTTP status of the answer, -1 when there was none. */
  public int status() {
    return status;
  }

  /**
   * True when the registry could not be reached or failed on its side (5xx): asking again later may
   * succeed. A 4xx answer (schema not found, invalid schema) is definite.
   */
  public boolean isTransient() {
    return status < 0 || status >= 500;
  }

  /** Confluent error code of the answer, -1 when there was none. */
  public int errorCode() {
    return errorCode;
  }
}
