package dev.touchpoints.serde;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not be reached or answered 5xx: a fault to wait out, not bad data. It
 * is a Kafka {@link RetriableException} – not a {@code SerializationException} – so that a consumer
 * retries the record instead of dead-lettering it.
 */
public class SchemaRegistryUnavailableException extends RetriableException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the registry error that caused it. */
  public SchemaRegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
