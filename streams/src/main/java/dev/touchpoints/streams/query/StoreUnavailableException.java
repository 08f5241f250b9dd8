package dev.touchpoints.streams.query;

/**
 * A store or a peer instance cannot answer right now (rebalance, restoration, instance restarting).
 * The HTTP edge answers 503 with {@code Retry-After}.
 */
public final class StoreUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With a message for the caller (no personal data). */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With a message for the caller (no personal data). */
  public StoreUnavailableException(String message) {
    super(message);
  }
}
