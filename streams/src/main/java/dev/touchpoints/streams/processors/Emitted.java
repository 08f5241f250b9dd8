package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DeadLetter;

/**
 * What the experience processor sends on: a new view, an alert or clear, a dead letter, or a
 * failure for incident detection.
 */
public sealed interface Emitted {

  /** A subject's new experience view. */
  record Experience(CustomerExperience value) implements Emitted {}

  /** An alert raised or cleared. */
  record Alert(CustomerAlert value) implements Emitted {}

  /** A record that failed in processing. */
  record Dead(DeadLetter value) implements Emitted {}

  /** An applied touchpoint of an incident kind, on its way to incident detection. */
  record Failure(FailureSignal value) implements Emitted {}
}
