package dev.touchpoints.connect.format;

import dev.touchpoints.connect.Alert;

/** How an alert is written for one kind of destination. Pure: no I/O. */
public interface Format {

  /** The format's name in {@code route.<name>.format}. */
  String name();

  /** The request body and headers for {@code alert}. */
  Payload render(Alert alert);
}
