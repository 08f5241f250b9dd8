package dev.touchpoints.streams.query;

/** A query parameter the caller got wrong; the HTTP edge answers 400 naming the field. */
public final class BadQueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String field;

  /** {@code field} is the offending query or path parameter. */
  public BadQueryException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The offending parameter. */
  public String field() {
    return field;
  }
}
