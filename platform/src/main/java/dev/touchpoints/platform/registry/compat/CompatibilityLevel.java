package dev.touchpoints.platform.registry.compat;

import dev.touchpoints.platform.registry.EnumNames;
import java.util.Optional;

/** The schema evolution rules a subject enforces, named as in Confluent's registry. */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  /** The level a registry uses when none is configured. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** Parses a level case-insensitively; empty if the name is unknown. */
  public static Optional<CompatibilityLevel> parse(String name) {
    return EnumNames.parse(CompatibilityLevel.class, name);
  }

  /** The new schema must read data written with the old ones. */
  public boolean backward() {
    return backward;
  }

  /** The old schemas must read data written with the new one. */
  public boolean forward() {
    return forward;
  }

  /** Checked against every earlier version, not only the latest. */
  public boolean transitive() {
    return transitive;
  }
}
