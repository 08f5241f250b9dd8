package dev.touchpoints.producers.publisher;

/**
 * An event could not be stored: Kafka or the schema registry did not acknowledge it in time, or
 * refused it. The event may be retried with the same event id; consumers drop duplicates by it.
 */
public class PublishException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with its cause. */
  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
