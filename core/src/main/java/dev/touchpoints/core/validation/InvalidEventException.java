package dev.touchpoints.core.validation;

import java.util.List;

/** An event failed validation; nothing was sent. Names every offending field. */
public class InvalidEventException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /** An exception for at least one violation. */
  public InvalidEventException(List<Violation> violations) {
    super(message(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("no violations");
    }
    this.violations = List.copyOf(violations);
  }

  /** Every violation, in field order. */
  public List<Violation> violations() {
    return violations;
  }

  /** The path of the first offending field, e.g. {@code envelope.occurredAt}. */
  public String field() {
    return violations.get(0).field();
  }

  private static String message(List<Violation> violations) {
    return "Invalid event: "
        + String.join("; ", violations.stream().map(Violation::toString).toList());
  }
}
