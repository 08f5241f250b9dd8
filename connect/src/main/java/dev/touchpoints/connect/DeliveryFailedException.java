package dev.touchpoints.connect;

/**
 * A delivery that cannot succeed: a 4xx other than 408/429, or retries exhausted. The message is
 * the dead letter's reason; it names the route, never its URL or a secret.
 */
public final class DeliveryFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failed delivery with its reason. */
  public DeliveryFailedException(String message) {
    super(message);
  }
}
