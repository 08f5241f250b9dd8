package dev.touchpoints.streams.messages;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.ErasureAudit;
import dev.touchpoints.avro.IncidentAlert;
import java.util.Map;

/**
 * What the experience and incident processors send on: a new view (or a tombstone), an alert or
 * clear, a dead letter, a signal for incident detection, an incident record, or an erasure's audit
 * entry.
 */
public sealed interface Emitted {

  /** A subject's new experience view; null withdraws it (the subject was erased). */
  record Experience(CustomerExperience value) implements Emitted {}

  /** An alert raised or cleared. */
  record Alert(CustomerAlert value) implements Emitted {}

  /** A record that failed in processing. */
  record Dead(DeadLetter value) implements Emitted {}

  /** A failure of an incident kind, or an alert it caused, on its way to incident detection. */
  record Signal(IncidentSignal value) implements Emitted {}

  /** An incident opened, updated or resolved. */
  record Incident(IncidentAlert value) implements Emitted {}

  /** A message to the task that owns another subject (linking ids). */
  record Hop(Transfer value) implements Emitted {}

  /** A subject was erased. */
  record Audit(ErasureAudit value) implements Emitted {}

  /** What changed in one period's experience index cells, keyed by the period. */
  record IndexDelta(Map<String, Long> cells) implements Emitted {}
}
