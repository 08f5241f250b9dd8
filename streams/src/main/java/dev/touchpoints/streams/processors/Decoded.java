package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.streams.model.Touchpoint;

/** The result of decoding one input record: a touchpoint, or a dead letter. */
public sealed interface Decoded {

  /** A usable touchpoint. */
  record Accepted(Touchpoint touchpoint) implements Decoded {}

  /** A record that goes to the dead-letter topic. */
  record Rejected(DeadLetter deadLetter) implements Decoded {}
}
