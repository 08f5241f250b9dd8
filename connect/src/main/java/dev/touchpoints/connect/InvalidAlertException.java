package dev.touchpoints.connect;

/** A record of the alert mirror that is not an alert: it goes to the dead-letter topic as is. */
public final class InvalidAlertException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An invalid record, the message naming the field and the problem. */
  public InvalidAlertException(String message) {
    super("Not an alert: " + message);
  }
}
