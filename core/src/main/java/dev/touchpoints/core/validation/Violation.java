package dev.touchpoints.core.validation;

/**
 * One problem with one field of an event.
 *
 * @param field the field path in the Avro record, e.g. {@code envelope.occurredAt} or {@code
 *     payload.amountCents}
 * @param code a short machine-readable reason ({@code missing}, {@code blank}, {@code negative},
 *     {@code out_of_range}, {@code in_future}, {@code unknown_value}, {@code wrong_type}, {@code
 *     too_long}, {@code invalid_text}, {@code unknown_field}, {@code unknown_type}, {@code
 *     malformed}, {@code same_as_subject}, {@code not_set}); few values, so it is safe as a metric
 *     tag
 * @param message what is wrong, for people; never contains the field's value
 */
public record Violation(String field, String code, String message) {

  /**
   * The field's name in the flat JSON form: the path without {@code envelope.}/{@code payload.}.
   */
  public String jsonField() {
    int dot = field.indexOf('.');
    return dot < 0 ? field : field.substring(dot + 1);
  }

  /** The field and what is wrong with it, e.g. {@code payload.score must be 1 to 5 for …}. */
  public String sentence() {
    return field + " " + message;
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
