package dev.touchpoints.streams.rules;

import java.util.Optional;

/** Tells whether an incident is open for a touchpoint kind, so per-subject alerts fold into it. */
@FunctionalInterface
public interface IncidentLookup {

  /** No incidents. */
  IncidentLookup NONE = kind -> Optional.empty();

  /** The id of the open incident for {@code touchpointKind}, if any. */
  Optional<String> openIncident(String touchpointKind);
}
