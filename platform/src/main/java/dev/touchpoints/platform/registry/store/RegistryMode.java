package dev.touchpoints.platform.registry.store;

import dev.touchpoints.platform.registry.EnumNames;
import java.util.Optional;

/** What a registry (or one subject) accepts, named as in Confluent's registry. */
public enum RegistryMode {
  /** Normal operation: registers with registry-assigned ids and versions. */
  READWRITE,
  /** Refuses every change. */
  READONLY,
  /** Like {@link #READONLY}; Confluent uses it for replicated read-only copies. */
  READONLY_OVERRIDE,
  /**
   * Migration: registers with the id and version the caller gives, without compatibility checks.
   */
  IMPORT;

  /** The mode when none is set. */
  public static final RegistryMode DEFAULT = READWRITE;

  /** Parses a mode case-insensitively; empty if the name is unknown. */
  public static Optional<RegistryMode> parse(String name) {
    return EnumNames.parse(RegistryMode.class, name);
  }

  /** True when no change may be made. */
  public boolean readOnly() {
    return this == READONLY || this == READONLY_OVERRIDE;
  }
}
